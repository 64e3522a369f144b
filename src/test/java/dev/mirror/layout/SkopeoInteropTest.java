package dev.mirror.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layouts are what skopeo, the reference tool, writes and reads: ours pushed by skopeo keep their
 * digests, and skopeo's are read by ours with every blob verified. Registries on loopback.
 */
class SkopeoInteropTest {
  private static LocalRegistry source;
  private static LocalRegistry destination;
  private static PushedImage index;
  private static PushedImage docker;
  private static PushedImage single;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    destination = LocalRegistry.start();
    TestImages images = new TestImages(source);
    index = images.pushOciIndex("apps/multi", "v1");
    docker = images.pushDockerImage("apps/docker", "v2");
    single = images.pushOciImage("apps/single", "v3");
  }

  @AfterAll
  static void stop() {
    destination.close();
    source.close();
  }

  @Test
  void skopeoPushesOurDirectoryLayoutDigestForDigest() throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      RegistryImages.copy(source, index, writer, "multi");
      RegistryImages.copy(source, docker, writer, "docker");
      RegistryImages.copy(source, single, writer, "single");
      writer.commit();
    }
    pushWithSkopeo("oci:" + layout + ":multi", "dir/multi:v1", index);
    pushWithSkopeo("oci:" + layout + ":single", "dir/single:v3", single);
    // skopeo 1.9 selects by ref name only entries of the OCI media types, so the Docker image
    // beside them is not pushed by it; --from-layout reads it with OciLayoutReader.
  }

  @Test
  void skopeoPushesOurTarDigestForDigest() throws IOException {
    Path tar = dir.resolve("bundle.tar");
    try (OciLayoutWriter writer = OciLayoutWriter.tar(tar)) {
      RegistryImages.copy(source, index, writer, "multi");
      RegistryImages.copy(source, docker, writer, "docker");
      RegistryImages.copy(source, single, writer, "single");
      writer.commit();
    }
    pushWithSkopeo("oci-archive:" + tar + ":multi", "tar/multi:v1", index);
    pushWithSkopeo("oci-archive:" + tar + ":single", "tar/single:v3", single);
    try (OciLayoutReader reader = OciLayoutReader.open(tar)) {
      assertArrayEquals(docker.manifestBytes(), reader.image(source.host() + "/apps/docker",
          Digest.parse(docker.digest())).orElseThrow().bytes());
      assertEquals(1 + index.childManifests().size() + index.blobs().size() + 1
          + docker.blobs().size() + 1 + single.blobs().size(), reader.verify());
    }
    // skopeo 1.9 selects by ref name only entries of the OCI media types, so the Docker image
    // beside them is not pushed by it; --from-layout reads it with OciLayoutReader.
  }

  private static void pushWithSkopeo(String from, String to, PushedImage image) {
    try {
      RegistryImages.skopeo("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "--dest-no-creds",
          from, "docker://" + destination.host() + "/" + to);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String repository = to.substring(0, to.indexOf(':'));
    assertEquals(Optional.of(image.digest()),
        TestImages.tagDigest(destination, repository, to.substring(to.indexOf(':') + 1)));
    for (String blob : image.blobs().keySet()) {
      assertTrue(TestImages.blobExists(destination, repository, blob), blob);
    }
  }

  @Test
  void weReadWhatSkopeoWritesToADirectory() throws IOException {
    Path layout = dir.resolve("skopeo-layout");
    RegistryImages.skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false", "--src-no-creds",
        "docker://" + source.host() + "/" + index.byDigest(), "oci:" + layout + ":multi");
    RegistryImages.skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false", "--src-no-creds",
        "docker://" + source.host() + "/" + docker.byDigest(), "oci:" + layout + ":docker");
    checkSkopeoLayout(layout);
  }

  @Test
  void weReadWhatSkopeoWritesToATar() throws IOException {
    Path tar = dir.resolve("skopeo.tar");
    RegistryImages.skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false", "--src-no-creds",
        "docker://" + source.host() + "/" + index.byDigest(), "oci-archive:" + tar + ":multi");
    try (OciLayoutReader reader = OciLayoutReader.open(tar)) {
      assertEquals(1, reader.images().size());
      assertEquals(1 + index.childManifests().size() + index.blobs().size(), reader.verify());
      assertArrayEquals(index.manifestBytes(),
          reader.image("anywhere/multi", Digest.parse(index.digest())).orElseThrow().bytes());
    }
  }

  private static void checkSkopeoLayout(Path layout) throws IOException {
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      assertEquals(2, reader.images().size());
      assertEquals(Optional.of("multi"), reader.images().get(0).refName());
      int expected = 1 + index.childManifests().size() + index.blobs().size()
          + 1 + docker.blobs().size();
      assertEquals(expected, reader.verify());
      // skopeo writes no source annotation: a pin is found by its digest alone
      Manifest top = reader.image(source.host() + "/apps/multi", Digest.parse(index.digest()))
          .orElseThrow();
      assertArrayEquals(index.manifestBytes(), top.bytes());
      for (var child : index.childManifests().entrySet()) {
        assertArrayEquals(child.getValue(),
            reader.manifest(Digest.parse(child.getKey())).bytes());
      }
      for (var blob : docker.blobs().entrySet()) {
        OciLayoutReader.Blob content = reader.blob(Digest.parse(blob.getKey()));
        assertEquals(blob.getValue(), content.size());
        try (InputStream in = content.content()) {
          assertEquals(blob.getValue(), in.transferTo(java.io.OutputStream.nullOutputStream()));
        }
      }
    }
  }
}
