package dev.mirror.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.layout.Images.Image;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading layouts back, from a directory and from a tar; every byte read is checked. */
class OciLayoutReaderTest {
  private static final byte[] LAYER = Images.random(5, 20_000);
  private static final Image ONE = Images.image(1, LAYER, Images.random(6, 600));
  private static final Image TWO = Images.image(2, Images.random(7, 900));
  private static final Manifest INDEX = Images.index(ONE, TWO);

  @TempDir Path dir;

  private Path write(Path target) throws IOException {
    try (OciLayoutWriter writer = OciLayoutWriter.open(target)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "one:1", Map.of(OciLayout.SOURCE_REPOSITORY, "reg/one"));
      TWO.putInto(writer);
      writer.addImage(INDEX, "multi", Map.of(OciLayout.SOURCE_REPOSITORY, "reg/multi"));
      writer.addImage(ONE.manifest(), "other", Map.of(OciLayout.SOURCE_REPOSITORY, "reg/other"));
      writer.commit();
    }
    return target;
  }

  @Test
  void readsBackWhatWasWrittenToADirectory() throws IOException {
    checkRoundTrip(write(dir.resolve("layout")));
  }

  @Test
  void readsBackWhatWasWrittenToATar() throws IOException {
    Path tar = write(dir.resolve("bundle.tar"));
    assertFalse(Files.exists(dir.resolve("bundle.tar.partial")));
    checkRoundTrip(tar);
  }

  private void checkRoundTrip(Path layout) throws IOException {
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      assertEquals(List.of("one:1", "multi", "other"),
          reader.images().stream().map(e -> e.refName().orElseThrow()).toList());
      assertEquals(Optional.of("reg/multi"), reader.images().get(1).sourceRepository());
      assertEquals(8, reader.verify()); // index, 2 manifests, 2 configs, 3 layers
      assertEquals(Optional.of(INDEX), reader.image("reg/multi", INDEX.digest()));
      assertArrayEquals(INDEX.bytes(), reader.manifest(INDEX.digest()).bytes());
      // by annotation first, by digest alone when no entry names the repository
      assertEquals("other", reader.find("reg/other", ONE.manifest().digest())
          .orElseThrow().refName().orElseThrow());
      assertEquals("one:1", reader.find("elsewhere/one", ONE.manifest().digest())
          .orElseThrow().refName().orElseThrow());
      assertEquals(Optional.empty(), reader.image("reg/one", Digest.of(new byte[1])));
      OciLayoutReader.Blob blob = reader.blob(Digest.of(LAYER));
      assertEquals(LAYER.length, blob.size());
      try (InputStream in = blob.content()) {
        assertArrayEquals(LAYER, in.readAllBytes());
      }
      LayoutException missing = assertThrows(LayoutException.class,
          () -> reader.blob(Digest.of(new byte[2])));
      assertEquals(LayoutException.Kind.NOT_FOUND, missing.kind());
    }
  }

  @Test
  void aFlippedByteInADirectoryBlobIsReportedWithItsName() throws IOException {
    Path layout = write(dir.resolve("layout"));
    Path file = layout.resolve(OciLayout.blobPath(Digest.of(LAYER)));
    byte[] bytes = Files.readAllBytes(file);
    bytes[12_345] ^= 0x40;
    Files.write(file, bytes);
    checkCorruptionReported(layout, file.toString(), Digest.of(bytes));
  }

  @Test
  void aFlippedByteInATarBlobIsReportedWithItsName() throws IOException {
    Path tar = write(dir.resolve("bundle.tar"));
    byte[] archive = Files.readAllBytes(tar);
    int at = indexOf(archive, LAYER);
    assertTrue(at > 0);
    archive[at + 12_345] ^= 0x40;
    Files.write(tar, archive);
    byte[] corrupted = LAYER.clone();
    corrupted[12_345] ^= 0x40;
    checkCorruptionReported(tar, tar + "!" + OciLayout.blobPath(Digest.of(LAYER)),
        Digest.of(corrupted));
  }

  private static void checkCorruptionReported(Path layout, String name, Digest actual)
      throws IOException {
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      LayoutException verify = assertThrows(LayoutException.class, reader::verify);
      assertEquals(LayoutException.Kind.DIGEST_MISMATCH, verify.kind());
      assertTrue(verify.getMessage().contains(name), verify.getMessage());
      assertTrue(verify.getMessage().contains(actual.toString()), verify.getMessage());
      assertTrue(verify.getMessage().contains(Digest.of(LAYER).toString()), verify.getMessage());
      try (InputStream in = reader.blob(Digest.of(LAYER)).content()) {
        LayoutException read = assertThrows(LayoutException.class, in::readAllBytes);
        assertTrue(read.getMessage().contains(name), read.getMessage());
      }
    }
  }

  @Test
  void aManifestThatIsNotWhatItsNameSaysIsRefused() throws IOException {
    Path layout = write(dir.resolve("layout"));
    Path file = layout.resolve(OciLayout.blobPath(TWO.manifest().digest()));
    Files.writeString(file, Files.readString(file).replace("\"schemaVersion\":2",
        "\"schemaVersion\": 2"));
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      LayoutException e = assertThrows(LayoutException.class,
          () -> reader.manifest(TWO.manifest().digest()));
      assertEquals(LayoutException.Kind.DIGEST_MISMATCH, e.kind());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertThrows(LayoutException.class, reader::verify);
    }
  }

  @Test
  void aMissingBlobOfAListedImageFailsVerification() throws IOException {
    Path layout = write(dir.resolve("layout"));
    Files.delete(layout.resolve(OciLayout.blobPath(Digest.of(LAYER))));
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      LayoutException e = assertThrows(LayoutException.class, reader::verify);
      assertEquals(LayoutException.Kind.NOT_FOUND, e.kind());
      assertTrue(e.getMessage().contains(Digest.of(LAYER).hex()), e.getMessage());
    }
  }

  @Test
  void somethingElseIsNotALayout() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.tar"), "not a tar at all".repeat(100));
    LayoutException tar = assertThrows(LayoutException.class, () -> OciLayoutReader.open(notes));
    assertEquals(LayoutException.Kind.MALFORMED, tar.kind());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    LayoutException directory = assertThrows(LayoutException.class,
        () -> OciLayoutReader.open(empty));
    assertEquals(LayoutException.Kind.NOT_FOUND, directory.kind());
    assertTrue(directory.getMessage().contains("oci-layout"), directory.getMessage());
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < 64; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
