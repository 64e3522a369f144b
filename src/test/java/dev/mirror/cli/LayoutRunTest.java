package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.layout.OciLayout;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedArtifact;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.Subject;
import dev.mirror.registry.testing.TestArtifacts;
import dev.mirror.registry.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Air-gapped mirroring through the CLI: {@code run --to-layout} on the connected side, the
 * source registry then gone, {@code run --from-layout} on the other side, digest-exact at the
 * destination; as a directory and as a tar.
 */
class LayoutRunTest {
  @TempDir Path dir;

  private static String build(String source, String destination, PushedImage index,
      PushedImage image) {
    return """
        oci_mirror_image(
            name="app",
            source_repository="%1$s/upstream/app",
            destination_repository="%2$s/mirror/app",
            sha="%3$s",
            tag="1.0",
        )
        oci_mirror_images(
            name="tool",
            source_repository="%1$s/upstream/tool",
            destination_repository="%2$s/mirror/tool",
            variants={"stable": "%4$s"},
        )
        """.formatted(source, destination, index.hex(), image.hex());
  }

  private static MirrorCli.Result mirror(Path root, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--docker-config=" + root.resolve("no-docker-config.json"));
    return MirrorCli.in(root).home(root).run(all.toArray(String[]::new));
  }

  private Path repo(String build) throws IOException {
    Path root = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(root.resolve("pants.toml"),
        "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n");
    Files.writeString(root.resolve("BUILD"), build);
    return root;
  }

  @Test
  void throughADirectoryAndATarWithTheSourceGone() throws IOException {
    LocalRegistry source = LocalRegistry.start();
    TestImages at = new TestImages(source);
    PushedImage index = at.pushOciIndex("upstream/app", "1.0");
    PushedImage image = at.pushDockerImage("upstream/tool", "stable");
    try (LocalRegistry destination = LocalRegistry.start();
        LocalRegistry fromTar = LocalRegistry.start()) {
      Path root = repo(build(source.host(), destination.host(), index, image));
      Path layout = dir.resolve("bundle");
      Path tar = dir.resolve("bundle.tar");

      MirrorCli.Result export = mirror(root, "run", "::", "--to-layout=" + layout);
      assertEquals(0, export.exit(), export.err());
      assertTrue(export.out().contains("2 targets (2 mirrored)"), export.out());
      assertTrue(export.out().contains(" mirrored to the layout " + layout + "\n"), export.out());
      assertTrue(Files.isRegularFile(layout.resolve("oci-layout")));
      String indexJson = Files.readString(layout.resolve("index.json"));
      assertTrue(indexJson.contains(source.host() + "/upstream/app@" + index.digest()), indexJson);
      assertTrue(indexJson.contains(OciLayout.SOURCE_REPOSITORY), indexJson);
      MirrorCli.Result again = mirror(root, "run", "::", "--to-layout=" + layout);
      assertTrue(again.out().contains("2 targets (2 up to date)"), again.out());
      assertEquals(0, mirror(root, "run", "::", "--to-layout=" + tar).exit());
      assertTrue(Files.isRegularFile(tar));

      source.close(); // the other side of the air gap: the sources cannot be reached

      MirrorCli.Result fromDir = mirror(root, "run", "::", "--from-layout=" + layout);
      assertEquals(0, fromDir.exit(), fromDir.out() + fromDir.err());
      assertServed(destination, index, image);

      Path tarRoot = repo(build(source.host(), fromTar.host(), index, image));
      MirrorCli.Result fromArchive = mirror(tarRoot, "run", "::", "--from-layout=" + tar);
      assertEquals(0, fromArchive.exit(), fromArchive.out() + fromArchive.err());
      assertServed(fromTar, index, image);
    } finally {
      source.close();
    }
  }

  /** Every kind of image the copy tests use, through a tar and back, the source gone. */
  @Test
  void everyImageKindRoundTrips() throws IOException {
    LocalRegistry source = LocalRegistry.start();
    TestImages at = new TestImages(source);
    List<PushedImage> images = List.of(
        at.pushOciImage("kinds/oci", "1"),
        at.pushDockerImage("kinds/docker", "1"),
        at.pushOciIndex("kinds/index", "1"),
        at.pushDockerManifestList("kinds/list", "1"),
        at.pushIndexWithVariants("kinds/variants", "1"),
        at.pushPrettyPrintedImage("kinds/pretty", "1"),
        at.pushImageWithForeignLayer("kinds/foreign", "1"));
    try (LocalRegistry destination = LocalRegistry.start()) {
      StringBuilder build = new StringBuilder();
      for (PushedImage image : images) {
        String name = image.repository().substring("kinds/".length());
        build.append("""
            oci_mirror_image(
                name="%s",
                source_repository="%s/%s",
                destination_repository="%s/copied/%s",
                sha="%s",
                tag="1",
            )
            """.formatted(name, source.host(), image.repository(), destination.host(), name,
            image.hex()));
      }
      Path root = repo(build.toString());
      Path tar = dir.resolve("kinds.tar");
      MirrorCli.Result export = mirror(root, "run", "::", "--to-layout=" + tar);
      assertEquals(0, export.exit(), export.out() + export.err());
      source.close();

      MirrorCli.Result imported = mirror(root, "run", "::", "--from-layout=" + tar);

      assertEquals(0, imported.exit(), imported.out() + imported.err());
      for (PushedImage image : images) {
        String name = image.repository().substring("kinds/".length());
        assertEquals(Optional.of(image.digest()),
            TestImages.tagDigest(destination, "copied/" + name, "1"), name);
        assertArrayEquals(image.manifestBytes(), TestImages.manifestBytes(destination,
            "copied/" + name, image.digest()).orElseThrow(), name);
      }
    } finally {
      source.close();
    }
  }

  /** Signatures and SBOMs travel in the layout too, and reach a destination without the API. */
  @Test
  void referrersTravelInTheLayout() throws Exception {
    LocalRegistry source = LocalRegistry.start();
    PushedImage image = new TestImages(source).pushOciImage("upstream/signed", "1");
    TestArtifacts artifacts = new TestArtifacts(source);
    PushedArtifact signature = artifacts.pushCosignSignature(Subject.of(image), "sig");
    PushedArtifact sbom = artifacts.pushSpdxSbom(Subject.of(image), "sbom");
    artifacts.mergeReferrersTag(Subject.of(image), sbom);
    try (LocalRegistry destination = LocalRegistry.start()) {
      Path root = repo("""
          oci_mirror_image(
              name="signed",
              source_repository="%s/upstream/signed",
              destination_repository="%s/mirror/signed",
              sha="%s",
              tag="1",
              referrers=True,
          )
          """.formatted(source.host(), destination.host(), image.hex()));
      Path layout = dir.resolve("signed");
      MirrorCli.Result export = mirror(root, "run", "::", "--to-layout=" + layout);
      assertEquals(0, export.exit(), export.out() + export.err());
      assertTrue(export.out().contains("(+2 referrers)"), export.out());
      MirrorCli.Result again = mirror(root, "run", "::", "--to-layout=" + layout);
      assertTrue(again.out().contains("referrers: 0 copied;"), again.out());
      source.close();

      MirrorCli.Result imported = mirror(root, "run", "::", "--from-layout=" + layout);

      assertEquals(0, imported.exit(), imported.out() + imported.err());
      assertTrue(imported.out().contains("(+2 referrers)"), imported.out());
      assertEquals(Optional.of(signature.digest()), TestImages.tagDigest(destination,
          "mirror/signed", TestArtifacts.cosignTag(image.digest(), "sig")));
      assertArrayEquals(sbom.manifestBytes(), TestImages.manifestBytes(destination,
          "mirror/signed", sbom.digest()).orElseThrow());
      assertTrue(new TestArtifacts(destination).readReferrersTag("mirror/signed", image.digest())
          .orElseThrow().lists(sbom.digest()), "the destination's fallback tag lists the SBOM");
    } finally {
      source.close();
    }
  }

  /** A layout skopeo wrote (no annotation of ours: found by digest) is pushed from. */
  @Test
  void aLayoutSkopeoWroteIsPushedFrom() throws Exception {
    LocalRegistry source = LocalRegistry.start();
    PushedImage index = new TestImages(source).pushOciIndex("upstream/app", "1.0");
    Path layout = dir.resolve("by-skopeo");
    Process skopeo = new ProcessBuilder("skopeo", "--insecure-policy", "copy", "--all",
        "--preserve-digests", "--src-tls-verify=false", "--src-no-creds",
        "docker://" + source.host() + "/upstream/app:1.0", "oci:" + layout + ":app")
        .redirectErrorStream(true).start();
    String said = new String(skopeo.getInputStream().readAllBytes());
    assertEquals(0, skopeo.waitFor(), said);
    source.close();
    try (LocalRegistry destination = LocalRegistry.start()) {
      Path root = repo("""
          oci_mirror_image(
              name="app",
              source_repository="%s/upstream/app",
              destination_repository="%s/mirror/app",
              sha="%s",
              tag="1.0",
          )
          """.formatted(source.host(), destination.host(), index.hex()));

      MirrorCli.Result imported = mirror(root, "run", "::", "--from-layout=" + layout);

      assertEquals(0, imported.exit(), imported.out() + imported.err());
      assertEquals(Optional.of(index.digest()),
          TestImages.tagDigest(destination, "mirror/app", "1.0"));
    }
  }

  @Test
  void aPinTheLayoutLacksAndACorruptBlobAreErrorsNamingThem() throws IOException {
    try (LocalRegistry source = LocalRegistry.start();
        LocalRegistry destination = LocalRegistry.start()) {
      TestImages at = new TestImages(source);
      PushedImage index = at.pushOciIndex("upstream/app", "1.0");
      PushedImage image = at.pushDockerImage("upstream/tool", "stable");
      Path root = repo(build(source.host(), destination.host(), index, image));
      Path layout = dir.resolve("bundle");
      assertEquals(0, mirror(root, "run", ":app", "--to-layout=" + layout).exit());
      MirrorCli.Result planExport = mirror(root, "plan", "::", "--to-layout=" + layout);
      assertEquals(2, planExport.exit(), planExport.out() + planExport.err());
      assertTrue(planExport.out().contains("- " + source.host() + "/upstream/app@"
          + index.digest() + " up to date"), planExport.out());
      assertTrue(planExport.out().contains("+ " + source.host() + "/upstream/tool@"
          + image.digest() + " will be mirrored to the layout " + layout + ": "),
          planExport.out());
      MirrorCli.Result planImport = mirror(root, "plan", ":app", "--from-layout=" + layout);
      assertEquals(2, planImport.exit(), planImport.out() + planImport.err());
      assertTrue(planImport.out().contains("will be mirrored to " + destination.host()
          + "/mirror/app:1.0"), planImport.out());

      MirrorCli.Result lacking = mirror(root, "run", "::", "--from-layout=" + layout);
      assertEquals(1, lacking.exit());
      assertTrue(lacking.out().contains("the layout " + layout), lacking.out());
      assertTrue(lacking.out().contains(image.digest()), lacking.out());

      Path blob = largestBlob(layout);
      byte[] bytes = Files.readAllBytes(blob);
      bytes[bytes.length / 2] ^= 1;
      Files.write(blob, bytes);
      try (LocalRegistry other = LocalRegistry.start()) {
        Path otherRoot = repo(build(source.host(), other.host(), index, image));
        MirrorCli.Result corrupt = mirror(otherRoot, "run", ":app", "--from-layout=" + layout);
        assertEquals(1, corrupt.exit(), corrupt.out());
        assertTrue(corrupt.out().contains(blob.getFileName().toString()), corrupt.out());
        assertEquals(Optional.empty(), TestImages.tagDigest(other, "mirror/app", "1.0"),
            "nothing is tagged from a corrupt layout");
      }
    }
  }

  private static Path largestBlob(Path layout) throws IOException {
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      return blobs.max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
          .orElseThrow();
    }
  }

  private static void assertServed(LocalRegistry destination, PushedImage index,
      PushedImage image) {
    assertEquals(Optional.of(index.digest()),
        TestImages.tagDigest(destination, "mirror/app", "1.0"));
    assertEquals(Optional.of(image.digest()),
        TestImages.tagDigest(destination, "mirror/tool", "stable"));
    assertArrayEquals(index.manifestBytes(),
        TestImages.manifestBytes(destination, "mirror/app", index.digest()).orElseThrow());
    index.childManifests().forEach((digest, bytes) -> assertArrayEquals(bytes,
        TestImages.manifestBytes(destination, "mirror/app", digest).orElseThrow()));
  }
}
