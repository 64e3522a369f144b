package dev.mirror.registry.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestImagesTest {
  private static LocalRegistry registry;
  private static TestImages images;

  @BeforeAll
  static void start() {
    registry = LocalRegistry.start();
    images = new TestImages(registry);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  /** The registry holds the exact bytes under the digest, and skopeo agrees byte for byte. */
  private static void assertStoredExactly(PushedImage image) {
    byte[] viaSkopeo = Skopeo.inspectRaw(registry, image.byDigest());
    assertEquals(image.digest(), Sha256.digest(viaSkopeo), image.toString());
    assertArrayEquals(image.manifestBytes(),
        images.manifestBytes(image.repository(), image.digest()).orElseThrow());
    if (image.tag() != null) {
      assertEquals(image.digest(),
          images.tagDigest(image.repository(), image.tag()).orElseThrow());
      assertArrayEquals(image.manifestBytes(),
          images.manifestBytes(image.repository(), image.tag()).orElseThrow());
    }
    for (var child : image.childManifests().entrySet()) {
      assertEquals(child.getKey(), Sha256.digest(child.getValue()));
      assertArrayEquals(child.getValue(),
          images.manifestBytes(image.repository(), child.getKey()).orElseThrow());
    }
    for (String blob : image.blobs().keySet()) {
      assertTrue(images.blobExists(image.repository(), blob), blob);
    }
  }

  private static String text(PushedImage image) {
    return new String(image.manifestBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void singlePlatformImages() {
    PushedImage oci = images.pushOciImage("kinds/oci", "v1");
    assertEquals(MediaTypes.OCI_MANIFEST, oci.mediaType());
    assertEquals(3, oci.blobs().size());
    assertStoredExactly(oci);

    PushedImage docker = images.pushDockerImage("kinds/docker", "v1");
    assertEquals(MediaTypes.DOCKER_MANIFEST, docker.mediaType());
    assertStoredExactly(docker);
  }

  @Test
  void indexesShareOneLayerAcrossPlatforms() {
    PushedImage index = images.pushOciIndex("kinds/index", "multi");
    assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
    assertEquals(2, index.childManifests().size());
    // One shared layer, one own layer and a config per platform.
    assertEquals(5, index.blobs().size());
    assertTrue(text(index).contains("\"arm64\""));
    assertStoredExactly(index);

    PushedImage list = images.pushDockerManifestList("kinds/list", "multi");
    assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, list.mediaType());
    assertStoredExactly(list);

    PushedImage variants = images.pushIndexWithVariants("kinds/variants", null);
    assertEquals(3, variants.childManifests().size());
    assertTrue(text(variants).contains("\"variant\":\"v7\""), text(variants));
    assertStoredExactly(variants);
  }

  @Test
  void prettyPrintedManifestKeepsItsBytes() {
    PushedImage pretty = images.pushPrettyPrintedImage("kinds/pretty", "v1");
    assertTrue(text(pretty).contains("\n  \"schemaVersion\" : 2"), text(pretty));
    assertTrue(text(pretty).contains("org.opencontainers.image.created"));
    assertStoredExactly(pretty);
  }

  @Test
  void foreignLayerIsReferencedNotUploaded() {
    PushedImage image = images.pushImageWithForeignLayer("kinds/foreign", "win");
    assertEquals(1, image.foreignBlobs().size());
    String foreign = image.foreignBlobs().keySet().iterator().next();
    assertFalse(images.blobExists("kinds/foreign", foreign));
    assertTrue(text(image).contains("\"urls\":[\"https://"), text(image));
    assertStoredExactly(image);
  }

  @Test
  void sizedImageIsStreamedAndAddsUp() {
    long total = 3L * 1024 * 1024 + 5;
    PushedImage image = images.pushImageOfSize("kinds/sized", "3m", total, 3);
    assertEquals(4, image.blobs().size());
    long layers = image.totalBlobBytes() - image.blobs().values().stream()
        .mapToLong(Long::longValue).min().orElseThrow();
    assertEquals(total, layers);
    assertStoredExactly(image);
  }

  @Test
  void generatedStreamDoesNotDependOnReadSizes() throws Exception {
    byte[] whole = new PseudoRandomStream(42, 1000).readAllBytes();
    var sliced = new ByteArrayOutputStream();
    try (var in = new PseudoRandomStream(42, 1000)) {
      for (int size : List.of(1, 3, 8, 13, 200, 1000)) {
        byte[] buffer = new byte[size];
        int n = in.read(buffer, 0, size);
        if (n > 0) {
          sliced.write(buffer, 0, n);
        }
        int single = in.read();
        if (single >= 0) {
          sliced.write(single);
        }
      }
    }
    assertEquals(1000, whole.length);
    assertArrayEquals(whole, sliced.toByteArray());
  }
}
