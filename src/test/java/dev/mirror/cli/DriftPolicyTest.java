package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --on-drift}: a destination tag that points at another digest than the pin is moved,
 * refused or kept, as the flag, {@code PANTS_MIRROR_ON_DRIFT} or {@code [mirror] on_drift} says.
 */
class DriftPolicyTest {
  private static LocalRegistry source;
  private static LocalRegistry destination;
  /** What the destination tag points at first. */
  private static PushedImage old;
  /** The pin. */
  private static PushedImage pinned;

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    destination = LocalRegistry.start();
    TestImages images = new TestImages(source);
    old = images.pushDockerImage("upstream/drift", "old");
    pinned = images.pushOciImage("upstream/drift", "new");
  }

  @AfterAll
  static void stop() {
    destination.close();
    source.close();
  }

  /** A repository whose pin is {@code image}, mirrored to {@code DST/<repo>:1.0}. */
  private static Path repo(Path dir, String repository, PushedImage image, String toml)
      throws IOException {
    Files.writeString(dir.resolve("pants.toml"),
        "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n" + toml);
    Files.createDirectories(dir.resolve("images"));
    Files.writeString(dir.resolve("images/BUILD"), """
        oci_mirror_image(
            name="app",
            source_repository="%s/upstream/drift",
            destination_repository="%s/%s",
            sha="%s",
            tag="1.0",
        )
        """.formatted(source.host(), destination.host(), repository, image.hex()));
    return dir;
  }

  /** The destination tag points at {@code old}; the BUILD file now pins {@code pinned}. */
  private static Path drifted(Path dir, String repository, String toml) throws IOException {
    repo(dir, repository, old, "");
    MirrorCli.Result first = run(dir, Map.of(), "run", "::");
    assertEquals(0, first.exit(), first.out() + first.err());
    assertEquals(Optional.of(old.digest()), tag(repository));
    return repo(dir, repository, pinned, toml);
  }

  static MirrorCli.Result run(Path root, Map<String, String> env, String... args) {
    Map<String, String> environment = new HashMap<>(env);
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--docker-config=" + root.resolve("none.json")))
        .toArray(String[]::new);
    return MirrorCli.in(root).home(root).environment(environment).run(all);
  }

  private static Optional<String> tag(String repository) {
    return TestImages.tagDigest(destination, repository, "1.0");
  }

  private static boolean hasPin(String repository) {
    return TestImages.manifestBytes(destination, repository, pinned.digest()).isPresent();
  }

  private static String sourceRef() {
    return source.host() + "/upstream/drift@" + pinned.digest();
  }

  @Test
  void overwriteMovesTheTagAsBefore(@TempDir Path dir) throws IOException {
    Path root = drifted(dir, "drift/overwrite", "");
    MirrorCli.Result run = run(root, Map.of(), "run", "::");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("✓ " + sourceRef() + " mirrored to " + destination.host()
        + "/drift/overwrite:1.0 (tag was " + old.digest() + ")"), run.out());
    assertEquals(Optional.of(pinned.digest()), tag("drift/overwrite"));
  }

  @Test
  void failNamesBothDigestsAndCopiesNothing(@TempDir Path dir) throws IOException {
    Path root = drifted(dir, "drift/fail", "");
    Path report = root.resolve("report.json");
    MirrorCli.Result run = run(root, Map.of(), "run", "::", "--on-drift=fail",
        "--output-json=" + report);
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("✕ " + sourceRef() + " to " + destination.host()
        + "/drift/fail:1.0 failed: " + destination.host() + "/drift/fail:1.0 points at "
        + old.digest() + ", not at the pin " + pinned.digest()), run.out());
    assertTrue(run.out().contains("1 target (1 failed); blobs: 0 copied"), run.out());
    assertEquals(Optional.of(old.digest()), tag("drift/fail"));
    assertTrue(!hasPin("drift/fail"), "the pin was copied");
    String json = Files.readString(report);
    assertTrue(json.contains("\"status\" : \"failed\""), json);
    assertTrue(json.contains("\"previous_tag_digest\" : \"" + old.digest() + "\""), json);
  }

  @Test
  void keepCopiesThePinAndLeavesTheTag(@TempDir Path dir) throws IOException {
    Path root = drifted(dir, "drift/keep", "");
    MirrorCli.Result run = run(root, Map.of(), "run", "::", "--on-drift=keep");
    assertEquals(0, run.exit(), run.out() + run.err());
    String kept = "✓ " + sourceRef() + " in " + destination.host() + "/drift/keep; tag 1.0 left at "
        + old.digest() + " (--on-drift=keep)";
    assertTrue(run.out().contains(kept), run.out());
    assertTrue(run.out().contains("1 target (1 kept); blobs: "), run.out());
    assertEquals(Optional.of(old.digest()), tag("drift/keep"));
    assertTrue(hasPin("drift/keep"), "the pin is missing");

    MirrorCli.Result again = run(root, Map.of(), "run", "::", "--on-drift=keep");
    assertEquals(0, again.exit(), again.out() + again.err());
    assertTrue(again.out().contains(kept), again.out());
    assertTrue(again.out().contains("blobs: 0 copied, 0 mounted, 0 skipped"), again.out());
    assertEquals(Optional.of(old.digest()), tag("drift/keep"));
  }

  @Test
  void thePolicyComesFromFlagThenEnvThenPantsToml(@TempDir Path dir) throws IOException {
    Path root = drifted(dir, "drift/options", "[mirror]\non_drift = \"fail\"\n");
    MirrorCli.Result fromToml = run(root, Map.of(), "run", "::");
    assertEquals(1, fromToml.exit(), fromToml.out() + fromToml.err());
    assertTrue(fromToml.out().contains("--on-drift=fail"), fromToml.out());

    MirrorCli.Result fromFlag = run(root, Map.of("PANTS_MIRROR_ON_DRIFT", "fail"), "run", "::",
        "--on-drift=keep");
    assertEquals(0, fromFlag.exit(), fromFlag.out() + fromFlag.err());
    assertTrue(fromFlag.out().contains("(--on-drift=keep)"), fromFlag.out());

    MirrorCli.Result fromEnv = run(root, Map.of("PANTS_MIRROR_ON_DRIFT", "overwrite"), "run",
        "::");
    assertEquals(0, fromEnv.exit(), fromEnv.out() + fromEnv.err());
    assertTrue(fromEnv.out().contains("✓ " + sourceRef() + " tagged " + destination.host()
        + "/drift/options:1.0 (tag was " + old.digest() + ")"), fromEnv.out());
    assertEquals(Optional.of(pinned.digest()), tag("drift/options"));
  }

  @Test
  void anUnknownPolicyIsAUsageErrorOrAConfigError(@TempDir Path dir) throws IOException {
    Path root = repo(dir, "drift/bad", pinned, "");
    MirrorCli.Result flag = run(root, Map.of(), "run", "::", "--on-drift=sometimes");
    assertEquals(2, flag.exit(), flag.err());
    assertTrue(flag.err().contains("--on-drift must be overwrite, fail or keep, not 'sometimes'"),
        flag.err());
    repo(dir, "drift/bad", pinned, "[mirror]\non_drift = \"ignore\"\n");
    MirrorCli.Result toml = run(root, Map.of(), "run", "::");
    assertEquals(1, toml.exit(), toml.err());
    assertTrue(toml.err().contains("on_drift"), toml.err());
  }
}
