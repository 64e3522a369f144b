package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirror run} from BUILD files to registries: summary, JSON report, exit codes. */
class RunCommandTest {
  private static LocalRegistry source;
  private static LocalRegistry destination;
  private static PushedImage index;
  private static PushedImage image;

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    destination = LocalRegistry.start();
    TestImages images = new TestImages(source);
    index = images.pushOciIndex("upstream/app", "1");
    image = images.pushDockerImage("upstream/tool", "2");
  }

  @AfterAll
  static void stop() {
    destination.close();
    source.close();
  }

  private static MirrorCli.Result mirror(Path root, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.stream().noneMatch(arg -> arg.startsWith("--docker-config"))) {
      all.add("--docker-config=" + root.resolve("no-docker-config.json"));
    }
    return MirrorCli.in(root).run(all.toArray(String[]::new));
  }

  private static Path repo(Path dir, String build) throws IOException {
    Files.writeString(dir.resolve("pants.toml"),
        "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n");
    Files.createDirectories(dir.resolve("images"));
    Files.writeString(dir.resolve("images/BUILD"), build
        .replace("SRC", source.host()).replace("DST", destination.host())
        .replace("INDEX_SHA", index.hex()).replace("IMAGE_SHA", image.hex()));
    Files.writeString(dir.resolve("BUILD"), "python_sources(name='lib')\n");
    return dir;
  }

  @Test
  void mirrorsEveryImageAndGeneratedVariantThenIsUpToDate(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(
            name="app",
            source_repository="SRC/upstream/app",
            destination_repository="DST/cli/app",
            sha="INDEX_SHA",
            tag="1.0",
        )
        oci_mirror_images(
            name="tools",
            source_repository="SRC/upstream/tool",
            destination_repository="DST/cli/tool",
            variants={"stable": "IMAGE_SHA", "latest": "IMAGE_SHA"},
        )
        """);
    Path report = root.resolve("report.json");
    MirrorCli.Result first = mirror(root, "run", "::", "--output-json=" + report);
    assertEquals(0, first.exit(), first.err());
    String sourceRef = source.host() + "/upstream/app@" + index.digest();
    assertTrue(first.out().contains("✓ " + sourceRef + " mirrored to " + destination.host()
        + "/cli/app:1.0\n"), first.out());
    assertTrue(first.out().contains("mirrored to " + destination.host() + "/cli/tool:stable"),
        first.out());
    assertTrue(first.out().contains("mirrored to " + destination.host() + "/cli/tool:latest"),
        first.out());
    assertTrue(first.out().contains("3 targets (3 mirrored)"), first.out());
    assertEquals(Optional.of(index.digest()), TestImages.tagDigest(destination, "cli/app", "1.0"));
    assertEquals(Optional.of(image.digest()), TestImages.tagDigest(destination, "cli/tool", "stable"));
    String json = Files.readString(report);
    assertTrue(json.contains("\"address\" : \"images:app\""), json);
    assertTrue(json.contains("\"address\" : \"images:tools#latest\""), json);
    assertTrue(json.contains("\"status\" : \"mirrored\""), json);

    MirrorCli.Result again = mirror(root, "publish", "images:");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("- " + sourceRef + " up to date in " + destination.host()
        + "/cli/app:1.0"), again.out());
    assertTrue(again.out().contains("3 targets (3 up to date)"), again.out());
  }

  /**
   * {@code referrers=True} from the BUILD file to the registries: the signature is copied and
   * listed, the summary and the JSON count it, and a second run counts nothing.
   */
  @Test
  void referrersTrueCopiesTheSignatureAndCountsIt(@TempDir Path dir) throws IOException {
    TestArtifacts artifacts = new TestArtifacts(source);
    PushedImage signed = new TestImages(source).pushOciImage("upstream/signed", "1");
    PushedArtifact signature = artifacts.pushCosignSignature(Subject.of(signed), "cli");
    Path root = repo(dir, """
        oci_mirror_image(
            name="signed",
            source_repository="SRC/upstream/signed",
            destination_repository="DST/cli/signed",
            sha="%s",
            tag="1",
            referrers=True,
        )
        """.formatted(signed.hex()));
    Path report = root.resolve("report.json");

    MirrorCli.Result first = mirror(root, "run", "::", "--output-json=" + report);

    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("/cli/signed:1 (+1 referrer)\n"), first.out());
    assertTrue(first.out().contains("referrers: 1 copied;"), first.out());
    assertTrue(Files.readString(report).contains("\"referrers_copied\" : 1"),
        Files.readString(report));
    assertEquals(Optional.of(signature.digest()), TestImages.tagDigest(destination, "cli/signed",
        TestArtifacts.cosignTag(signed.digest(), "sig")));

    MirrorCli.Result again = mirror(root, "run", "::", "--output-json=" + report);

    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("1 target (1 up to date); blobs: 0 copied, 0 mounted,"
        + " 0 skipped; referrers: 0 copied;"), again.out());
    assertTrue(Files.readString(report).contains("\"referrers_copied\" : 0"));
  }

  @Test
  void aFailedImageIsReportedAndExitsOne(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(
            name="gone",
            source_repository="SRC/upstream/app",
            destination_repository="DST/cli/gone",
            sha="%s",
        )
        oci_mirror_image(
            name="fine",
            source_repository="SRC/upstream/app",
            destination_repository="DST/cli/fine",
            sha="INDEX_SHA",
        )
        """.formatted("f".repeat(64)));
    Path report = root.resolve("report.json");
    MirrorCli.Result run = mirror(root, "run", "images:gone", "images:fine", "--output-json=" + report);
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("✕ " + source.host() + "/upstream/app@sha256:" + "f".repeat(64)
        + " to " + destination.host() + "/cli/gone failed: "), run.out());
    assertTrue(run.out().contains("404 MANIFEST_UNKNOWN"), run.out());
    assertTrue(run.out().contains("2 targets (1 mirrored, 1 failed)"), run.out());
    assertTrue(Files.readString(report).contains("\"status\" : \"failed\""));
  }

  @Test
  void otherTargetsAreLeftAlone(@TempDir Path dir) throws IOException {
    Path root = repo(dir, "docker_image(name='img')\n");
    MirrorCli.Result run = mirror(root, "run", "::");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.err().contains("No oci_mirror_image targets"), run.err());
  }

  @Test
  void aBrokenDockerConfigIsReportedWithoutTheSecretItHolds(@TempDir Path dir)
      throws IOException {
    String secret = "canary-secret-7f3a";
    String auth = java.util.Base64.getEncoder().encodeToString(
        ("pusher:" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (LocalRegistry guarded = LocalRegistry.builder().basicAuth("pusher", secret).start()) {
      Path root = repo(dir, """
          oci_mirror_image(
              name="app",
              source_repository="SRC/upstream/app",
              destination_repository="GUARDED/cli/app",
              sha="INDEX_SHA",
          )
          """.replace("GUARDED", guarded.host()));
      // A typo: the auth value lost its quotes.
      Path config = Files.writeString(root.resolve("config.json"),
          "{\"auths\": {\"" + guarded.host() + "\": {\"auth\": " + auth + "}}}");
      Path report = root.resolve("report.json");
      MirrorCli.Result run = mirror(root, "run", "::", "--docker-config=" + config,
          "--output-json=" + report);
      String json = Files.readString(report);
      assertEquals(1, run.exit(), run.out() + run.err());
      assertTrue(run.out().contains(config + ": not valid JSON at line 1, column "), run.out());
      for (String text : List.of(run.out(), run.err(), json)) {
        assertTrue(!text.contains(auth.substring(0, 12)) && !text.contains(secret), text);
      }
    }
  }
}
