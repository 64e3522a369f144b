package dev.mirror.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.layout.Images.Image;
import dev.mirror.registry.Digest;
import dev.mirror.registry.testing.PseudoRandomStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers in a JVM of their own: killed mid-blob, and with a heap far smaller than the blob. */
class ChildJvmTest {
  private static final long GIB = 1024L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void aWriterKilledMidBlobLeavesAValidLayoutThatTheNextRunCompletes() throws Exception {
    Path layout = dir.resolve("layout");
    Process child = start(List.of("killed", layout.toString()), "-Xmx64m");
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals(LayoutChild.STREAMING)) {
        // its output before it streams: nothing to check
      }
      assertEquals(LayoutChild.STREAMING, line, "the child ended before streaming");
      child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(1, temporaryFiles(layout).size(), "the blob being written is left half done");
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      assertEquals(List.of(LayoutChild.FIRST.manifest().digest()),
          reader.images().stream().map(LayoutEntry::digest).toList());
      assertEquals(3, reader.verify());
    }
    Image second = Images.image(12, Images.random(12, 3000));
    try (OciLayoutWriter writer = OciLayoutWriter.open(layout)) {
      assertEquals(List.of(), temporaryFiles(layout), "the next run removes it");
      assertTrue(writer.hasBlob(LayoutChild.FIRST.manifest().digest()));
      second.putInto(writer);
      writer.addImage(second.manifest(), "second", Map.of());
    }
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      assertEquals(2, reader.images().size());
      assertEquals(6, reader.verify());
    }
  }

  @Test
  void aOneGibibyteBlobPassesThroughA128MibHeapIntoADirectory() throws Exception {
    writeLarge(dir.resolve("layout"));
  }

  @Test
  void aOneGibibyteBlobPassesThroughA128MibHeapIntoATar() throws Exception {
    Path tar = dir.resolve("large.tar");
    writeLarge(tar);
    assertTrue(Files.size(tar) > GIB);
  }

  private void writeLarge(Path target) throws Exception {
    long seed = 42;
    Digest digest = digestOf(new PseudoRandomStream(seed, GIB));
    Process child = start(List.of("large", target.toString(), Long.toString(GIB),
        Long.toString(seed), digest.toString()), "-Xmx128m");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child did not finish in 5 minutes");
    assertEquals(0, child.exitValue(), output);
    // config, the 1 GiB layer and the manifest, each read back and verified in the child
    assertTrue(output.startsWith("verified 3 max heap "), output);
    try (OciLayoutReader reader = OciLayoutReader.open(target)) {
      assertEquals(GIB, reader.blob(digest).size());
    }
  }

  private static Digest digestOf(InputStream in) throws IOException {
    MessageDigest sha = Digest.of(new byte[0]).newHasher();
    byte[] buffer = new byte[1 << 20];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      sha.update(buffer, 0, n);
    }
    return Digest.sha256(HexFormat.of().formatHex(sha.digest()));
  }

  private Process start(List<String> args, String heap) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
        "-cp", System.getProperty("java.class.path"), LayoutChild.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static List<Path> temporaryFiles(Path layout) throws IOException {
    try (Stream<Path> files = Files.walk(layout)) {
      return files.filter(f -> f.getFileName().toString().startsWith(Durable.TEMP_PREFIX))
          .toList();
    }
  }
}
