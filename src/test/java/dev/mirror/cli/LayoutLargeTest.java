package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB image through a layout with the JVM's heap capped at 128 MiB, as separate mirror
 * processes: an export killed (SIGKILL) after its first layer, the layout still valid, a second
 * export completing it from where the first stopped, then the push from it with the source gone.
 */
class LayoutLargeTest {
  private static final long GIB = 1024L * 1024 * 1024;
  private static final int LAYERS = 4;

  @TempDir Path dir;

  @Test
  void aKilledExportIsCompletedAndAGibPushedAt128MibOfHeap() throws Exception {
    LocalRegistry source = LocalRegistry.start();
    try (LocalRegistry destination = LocalRegistry.start()) {
      PushedImage image = new TestImages(source).pushImageOfSize("big/one", "1", GIB, LAYERS);
      Path root = Files.createDirectories(dir.resolve("repo"));
      Files.writeString(root.resolve("pants.toml"), "");
      Files.writeString(root.resolve("BUILD"), """
          oci_mirror_image(
              name="big",
              source_repository="%s/big/one",
              destination_repository="%s/mirror/big",
              sha="%s",
              tag="1",
          )
          """.formatted(source.host(), destination.host(), image.hex()));
      Path layout = dir.resolve("bundle");

      Process first = mirror(root, "first.log", "run", "::", "--to-layout=" + layout);
      awaitFirstLayer(layout, first);
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertTrue(Files.isRegularFile(layout.resolve("oci-layout")), "a layout from the start");
      assertFalse(Files.exists(layout.resolve("index.json"))
          && Files.readString(layout.resolve("index.json")).contains(image.digest()),
          "an image is listed only once all of it is in place");

      Process second = mirror(root, "second.log", "run", "::", "--to-layout=" + layout);
      String completed = finish(second, root.resolve("second.log"));
      assertTrue(completed.contains("1 target (1 mirrored)"), completed);
      assertFalse(completed.contains(", 0 skipped;"), "the layer written before is kept: "
          + completed);
      assertTrue(Files.readString(layout.resolve("index.json")).contains(image.digest()));

      source.close();
      Process push = mirror(root, "push.log", "run", "::", "--from-layout=" + layout);
      String pushed = finish(push, root.resolve("push.log"));
      assertTrue(pushed.contains("1 target (1 mirrored)"), pushed);
      assertEquals(Optional.of(image.digest()),
          TestImages.tagDigest(destination, "mirror/big", "1"));
      for (String blob : image.blobs().keySet()) {
        assertTrue(TestImages.blobExists(destination, "mirror/big", blob), blob);
      }
    } finally {
      source.close();
    }
  }

  /** mirror in a JVM of its own with 128 MiB of heap, its output in {@code log}. */
  private static Process mirror(Path root, String log, String... args) throws IOException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-Xmx128m", "-cp",
        System.getProperty("java.class.path"), "dev.mirror.cli.Main"));
    command.addAll(List.of(args));
    command.add("--docker-config=" + root.resolve("none.json"));
    return new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(root.resolve(log).toFile()).start();
  }

  /** Waits until a whole layer (a blob named by its digest, of a layer's size) is in place. */
  private static void awaitFirstLayer(Path layout, Process export) throws Exception {
    long layer = GIB / LAYERS;
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline && export.isAlive()) {
      Path blobs = layout.resolve("blobs/sha256");
      if (Files.isDirectory(blobs)) {
        try (Stream<Path> files = Files.list(blobs)) {
          if (files.anyMatch(f -> f.getFileName().toString().matches("[0-9a-f]{64}")
              && f.toFile().length() == layer)) {
            return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no layer was written before the export "
        + (export.isAlive() ? "timed out" : "ended"));
  }

  private static String finish(Process process, Path log) throws Exception {
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "mirror did not finish in 5 minutes");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertFalse(output.contains("OutOfMemory"), output);
    return output;
  }
}
