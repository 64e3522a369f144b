package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.testing.Fault;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.RegistryProxy;
import dev.mirror.registry.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirror pin} from BUILD files to a real registry and back into the BUILD files. */
class PinCommandTest {
  private static final String STALE = "1".repeat(64);
  private static LocalRegistry source;
  private static PushedImage slim;
  private static PushedImage alpine;
  private static PushedImage index;

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    TestImages images = new TestImages(source);
    slim = images.pushOciImage("upstream/python", "3.12-slim");
    alpine = images.pushDockerImage("upstream/python", "3.12-alpine");
    index = images.pushOciIndex("upstream/node", "22");
  }

  @AfterAll
  static void stop() {
    source.close();
  }

  private static Path repo(Path dir, String build) throws IOException {
    Files.writeString(dir.resolve("pants.toml"),
        "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n");
    Files.writeString(dir.resolve("BUILD"), build.replace("SRC", source.host()));
    return dir;
  }

  private static MirrorCli.Result mirror(Path root, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--docker-config=" + root.resolve("no-docker-config.json"));
    return MirrorCli.in(root).home(root).run(all.toArray(String[]::new));
  }

  private static final String BUILD = """
      # Pinned by mirror pin.
      oci_mirror_image(
          name="slim",
          source_repository="SRC/upstream/python",
          destination_repository="registry.example.com/python",
          sha="%s",  # stale on purpose
          tag="3.12-slim",
      )
      oci_mirror_image(
          name='alpine',
          source_repository='SRC/upstream/python',
          destination_repository='registry.example.com/python',
          tag='3.12-alpine',
      )
      oci_mirror_images(
          name="node",
          source_repository="SRC/upstream/node",
          destination_repository="registry.example.com/node",
          variants={
              "22": "sha256:%s",
          },
      )
      """.formatted(STALE, STALE);

  @Test
  void rewritesStalePinsInsertsMissingOnesAndThenHasNothingToDo(@TempDir Path dir)
      throws Exception {
    Path root = repo(dir, BUILD);
    Path build = root.resolve("BUILD");
    Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("rw-r-----"));
    String before = Files.readString(build);

    MirrorCli.Result check = mirror(root, "pin", "::", "--check");
    assertEquals(2, check.exit(), check.err());
    assertEquals(before, Files.readString(build), "--check changes nothing");
    assertTrue(check.out().endsWith("3 pins would be updated, 0 current, 0 failed\n"),
        check.out());

    Path report = root.resolve("pins.json");
    MirrorCli.Result pin = mirror(root, "pin", "::", "--output-json=" + report);

    assertEquals(0, pin.exit(), pin.err());
    assertEquals(String.join("\n",
        "//:alpine: 3.12-alpine  (none) -> " + alpine.hex().substring(0, 12) + "…",
        "//:node#22: 22  " + STALE.substring(0, 12) + "… -> " + index.hex().substring(0, 12) + "…",
        "//:slim: 3.12-slim  " + STALE.substring(0, 12) + "… -> " + slim.hex().substring(0, 12)
            + "…",
        "3 pins updated, 0 current, 0 failed", ""), pin.out());
    String expected = before
        .replace("sha=\"" + STALE + "\"", "sha=\"" + slim.hex() + "\"")
        .replace("    tag='3.12-alpine',\n", "    tag='3.12-alpine',\n    sha='" + alpine.hex()
            + "',\n")
        .replace("\"sha256:" + STALE + "\"", "\"sha256:" + index.hex() + "\"");
    assertEquals(expected, Files.readString(build));
    assertEquals(PosixFilePermissions.fromString("rw-r-----"),
        Files.getPosixFilePermissions(build));
    String json = Files.readString(report);
    assertTrue(json.contains("\"address\" : \"//:slim\""), json);
    assertTrue(json.contains("\"new\" : \"" + slim.digest() + "\""), json);
    assertTrue(json.contains("\"status\" : \"updated\""), json);

    FileTime written = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(build, written);
    MirrorCli.Result again = mirror(root, "pin", "::");
    assertEquals(0, again.exit(), again.err());
    assertEquals("0 pins updated, 3 current, 0 failed\n", again.out());
    assertEquals(written, Files.getLastModifiedTime(build), "a no-op writes no file");
    MirrorCli.Result current = mirror(root, "pin", "::", "--check");
    assertEquals(0, current.exit(), current.out() + current.err());
    // Every other goal now loads the targets.
    MirrorCli.Result list = MirrorCli.in(root).home(root).run("list", "::");
    assertEquals("//:alpine\n//:node\n//:node#22\n//:slim\n", list.out(), list.err());
  }

  @Test
  void aTagMissingAtTheSourceFailsItsTargetOnly(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(
            name="gone",
            source_repository="SRC/upstream/python",
            destination_repository="registry.example.com/python",
            tag="no-such-tag",
        )
        oci_mirror_image(
            name="slim",
            source_repository="SRC/upstream/python",
            destination_repository="registry.example.com/python",
            sha="%s",
            tag="3.12-slim",
        )
        """.formatted(STALE));

    MirrorCli.Result check = mirror(root, "pin", "::", "--check");
    assertEquals(1, check.exit(), "--check with an error exits 1, as plan does");

    MirrorCli.Result pin = mirror(root, "pin", "::");

    assertEquals(1, pin.exit());
    assertTrue(pin.err().contains("error: //:gone: cannot resolve " + source.host()
        + "/upstream/python:no-such-tag: "), pin.err());
    assertTrue(pin.err().contains("404 MANIFEST_UNKNOWN"), pin.err());
    assertTrue(pin.out().endsWith("1 pin updated, 0 current, 1 failed\n"), pin.out());
    String after = Files.readString(root.resolve("BUILD"));
    assertTrue(after.contains("sha=\"" + slim.hex() + "\""), after);
    assertTrue(!after.contains("no-such-tag\",\n    sha="), "nothing written for the failed one");
  }

  @Test
  void aComputedShaIsRefusedAndItsFileLeftAlone(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        PINNED = "%s"
        oci_mirror_image(
            name="slim",
            source_repository="SRC/upstream/python",
            destination_repository="registry.example.com/python",
            sha=PINNED,
            tag="3.12-slim",
        )
        """.formatted(STALE));
    byte[] before = Files.readAllBytes(root.resolve("BUILD"));

    MirrorCli.Result pin = mirror(root, "pin", "::");

    assertEquals(1, pin.exit());
    assertTrue(pin.err().contains("BUILD:6:9: cannot pin: sha is computed here"), pin.err());
    assertEquals(new String(before, StandardCharsets.UTF_8),
        Files.readString(root.resolve("BUILD")));
  }

  /** The file is edited while the tag resolves (the registry stalls): pin leaves it. */
  @Test
  void aFileEditedDuringTheRunIsLeftAlone(@TempDir Path dir) throws Exception {
    try (RegistryProxy slow = RegistryProxy.start(source)) {
      Path root = repo(dir, BUILD.replace("SRC", slow.host()));
      Path build = root.resolve("BUILD");
      slow.inject("GET", ".*/manifests/3\\.12-slim", new Fault.StallMidBody(0), 1);
      CompletableFuture<MirrorCli.Result> running = CompletableFuture.supplyAsync(() ->
          mirror(root, "pin", "::", "--stall-limit=1"));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (slow.count("GET", ".*/manifests/3\\.12-slim") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      String edited = Files.readString(build) + "# edited meanwhile\n";
      Files.writeString(build, edited);

      MirrorCli.Result pin = running.get();

      assertEquals(1, pin.exit(), pin.out());
      assertTrue(pin.err().contains("BUILD: changed on disk while pin ran; left as it is"),
          pin.err());
      assertEquals(edited, Files.readString(build));
    }
  }
}
