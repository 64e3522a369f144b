package dev.mirror.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1 GiB single-layer image mirrors with the JVM's heap capped at 128 MiB: blobs stream. */
class LargeImageTest {
  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void oneGibLayerWithA128MibHeap(@TempDir Path root) throws Exception {
    try (LocalRegistry source = LocalRegistry.start();
        LocalRegistry destination = LocalRegistry.start()) {
      PushedImage image = new TestImages(source).pushImageOfSize("big/one", "1", GIB, 1);
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
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path log = root.resolve("mirror.log");
      Process process = new ProcessBuilder(java.toString(), "-Xmx128m",
          "-cp", System.getProperty("java.class.path"),
          "dev.mirror.cli.Main", "run", "::", "--docker-config=" + root.resolve("none.json"))
          .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "mirror did not finish in 5 minutes");
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), output);
      assertTrue(output.contains("1 target (1 mirrored)"), output);
      assertEquals(Optional.of(image.digest()), TestImages.tagDigest(destination, "mirror/big", "1"));
      for (String blob : image.blobs().keySet()) {
        assertTrue(TestImages.blobExists(destination, "mirror/big", blob), blob);
      }
      assertTrue(List.of(output.split("\n")).stream().noneMatch(l -> l.contains("OutOfMemory")));
    }
  }
}
