package dev.mirror.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.layout.Images.Image;
import dev.mirror.registry.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar form: published whole or not at all, and readable by GNU tar. */
class TarLayoutTest {
  private static final Image ONE = Images.image(1, Images.random(1, 4000));
  private static final Image TWO = Images.image(2, Images.random(2, 100));

  @TempDir Path dir;

  @Test
  void aBadBlobIsCutOffAndTheArchiveGoesOn() throws IOException {
    Path tar = dir.resolve("bundle.tar");
    try (OciLayoutWriter writer = OciLayoutWriter.tar(tar)) {
      byte[] content = Images.random(3, 5000);
      byte[] other = content.clone();
      other[0] ^= 1;
      assertThrows(LayoutException.class, () -> writer.putBlob(Digest.of(content),
          content.length, new ByteArrayInputStream(other)));
      assertFalse(writer.hasBlob(Digest.of(content)));
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "one", Map.of());
      writer.commit();
    }
    try (OciLayoutReader reader = OciLayoutReader.open(tar)) {
      assertEquals(3, reader.verify());
      assertEquals(1, reader.images().size());
    }
    assertEquals(List.of("blobs/", "oci-layout", "blobs/sha256/",
        OciLayout.blobPath(ONE.blobs().keySet().iterator().next())),
        gnuTarList(tar).subList(0, 4));
    assertEquals("index.json", gnuTarList(tar).get(gnuTarList(tar).size() - 1));
  }

  @Test
  void anExistingArchiveIsLeftAsItWasUntilTheNewOneIsCommitted() throws IOException {
    Path tar = dir.resolve("bundle.tar");
    try (OciLayoutWriter writer = OciLayoutWriter.tar(tar)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "one", Map.of());
      writer.commit();
    }
    byte[] before = Files.readAllBytes(tar);
    try (OciLayoutWriter writer = OciLayoutWriter.tar(tar)) {
      TWO.putInto(writer);
      writer.addImage(TWO.manifest(), "two", Map.of());
      assertTrue(Files.exists(dir.resolve("bundle.tar.partial")));
      // closed without commit: a run that failed
    }
    assertArrayEquals(before, Files.readAllBytes(tar));
    assertFalse(Files.exists(dir.resolve("bundle.tar.partial")));
    try (OciLayoutWriter writer = OciLayoutWriter.tar(tar)) {
      TWO.putInto(writer);
      writer.addImage(TWO.manifest(), "two", Map.of());
      writer.commit();
    }
    try (OciLayoutReader reader = OciLayoutReader.open(tar)) {
      assertEquals(List.of(TWO.manifest().digest()),
          reader.images().stream().map(LayoutEntry::digest).toList(), "rewritten, not merged");
    }
  }

  @Test
  void aBlobOfEightGibibytesOrMoreGetsAPaxSize() throws IOException {
    long size = 9L * 1024 * 1024 * 1024;
    byte[] header = TarFormat.fileHeader("blobs/sha256/" + "a".repeat(64), size);
    assertEquals(3 * TarFormat.BLOCK, header.length);
    String pax = new String(header, TarFormat.BLOCK, 40, StandardCharsets.US_ASCII);
    assertTrue(pax.startsWith("19 size=9663676416\n"), pax); // the length counts itself
    assertEquals('x', header[156]);
    assertEquals('0', header[2 * TarFormat.BLOCK + 156]);
    // and the index reads it back: a sparse archive, so nothing is written for the content
    Path tar = dir.resolve("large.tar");
    try (FileChannel out = FileChannel.open(tar, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(header));
      out.write(ByteBuffer.wrap(TarFormat.end()), header.length + TarFormat.padded(size));
    }
    try (FileChannel in = FileChannel.open(tar)) {
      TarIndex.Slice slice = TarIndex.read(in, tar.toString())
          .find("blobs/sha256/" + "a".repeat(64)).orElseThrow();
      assertEquals(new TarIndex.Slice(header.length, size), slice);
    }
  }

  @Test
  void gnuTarReadsTheHeaders() throws IOException {
    Path tar = dir.resolve("bundle.tar");
    try (OciLayoutWriter writer = OciLayoutWriter.tar(tar)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "one", Map.of());
      writer.commit();
    }
    Path out = Files.createDirectories(dir.resolve("out"));
    run(List.of("tar", "-xf", tar.toString(), "-C", out.toString()));
    try (OciLayoutReader reader = OciLayoutReader.open(out)) {
      assertEquals(3, reader.verify());
    }
  }

  private static List<String> gnuTarList(Path tar) throws IOException {
    return run(List.of("tar", "-tf", tar.toString())).lines().toList();
  }

  static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue(), command + ": " + output);
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
