package dev.mirror.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirror.layout.Images.Image;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SHARED = Images.random(1, 3000);
  private static final Image ONE = Images.image(1, SHARED, Images.random(2, 5000));
  private static final Image TWO = Images.image(2, SHARED, Images.random(3, 700));

  @TempDir Path dir;

  @Test
  void writesALayoutThatListsEachImageOnceAndStoresSharedBlobsOnce() throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "app:1", Map.of(OciLayout.SOURCE_REPOSITORY, "r/app"));
      TWO.putInto(writer);
      writer.addImage(TWO.manifest(), "app:2", Map.of());
      writer.addImage(ONE.manifest(), "app:1", Map.of(OciLayout.SOURCE_REPOSITORY, "r/app"));
      writer.commit();
    }
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}",
        Files.readString(layout.resolve("oci-layout")));
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    assertEquals(2, index.get("schemaVersion").asInt());
    assertEquals(2, index.get("manifests").size());
    JsonNode first = index.get("manifests").get(0);
    assertEquals(ONE.manifest().digest().toString(), first.get("digest").asText());
    assertEquals(ONE.manifest().size(), first.get("size").asLong());
    assertEquals(ONE.manifest().mediaType(), first.get("mediaType").asText());
    assertEquals("app:1", first.get("annotations").get(OciLayout.REF_NAME).asText());
    assertEquals("r/app", first.get("annotations").get(OciLayout.SOURCE_REPOSITORY).asText());
    // config + 2 layers + manifest per image, the shared layer once
    assertEquals(7, blobFiles(layout).size());
    assertArrayEquals(SHARED, Files.readAllBytes(layout.resolve(
        OciLayout.blobPath(Digest.of(SHARED)))));
  }

  @Test
  void aRefNameNamesOneImage() throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "app", Map.of());
      TWO.putInto(writer);
      writer.addImage(TWO.manifest(), "app", Map.of());
      List<LayoutEntry> images = writer.images();
      assertEquals(1, images.size());
      assertEquals(TWO.manifest().digest(), images.get(0).digest());
    }
  }

  @Test
  void refusesContentThatIsNotWhatItsDigestSays() throws IOException {
    Path layout = dir.resolve("layout");
    byte[] content = Images.random(9, 1000);
    Digest wrong = Digest.of(Images.random(10, 1000));
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      LayoutException e = assertThrows(LayoutException.class,
          () -> writer.putBlob(wrong, content.length, new ByteArrayInputStream(content)));
      assertEquals(LayoutException.Kind.DIGEST_MISMATCH, e.kind());
      assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(Digest.of(content).toString()), e.getMessage());
      LayoutException size = assertThrows(LayoutException.class, () -> writer.putBlob(
          Digest.of(content), content.length + 1, new ByteArrayInputStream(content)));
      assertEquals(LayoutException.Kind.DIGEST_MISMATCH, size.kind());
      assertTrue(size.getMessage().contains("1000 bytes, not the 1001"), size.getMessage());
      LayoutException larger = assertThrows(LayoutException.class, () -> writer.putBlob(
          Digest.of(content), content.length - 1, new ByteArrayInputStream(content)));
      assertTrue(larger.getMessage().contains("larger than the 999"), larger.getMessage());
      assertFalse(writer.hasBlob(wrong));
      assertFalse(writer.hasBlob(Digest.of(content)));
    }
    assertEquals(List.of(), blobFiles(layout), "neither the blob nor its temporary file is kept");
  }

  @Test
  void refusesToListAnImageWhoseBlobsAreMissing() throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      Digest config = ONE.blobs().keySet().iterator().next();
      writer.putBlob(config, ONE.blobs().get(config).length,
          new ByteArrayInputStream(ONE.blobs().get(config)));
      LayoutException e = assertThrows(LayoutException.class,
          () -> writer.addImage(ONE.manifest(), "app", Map.of()));
      assertEquals(LayoutException.Kind.INCOMPLETE, e.kind());
      assertEquals(List.of(), writer.images());
    }
    assertEquals(0, JSON.readTree(layout.resolve("index.json").toFile()).get("manifests").size());
  }

  @Test
  void refusesAnIndexWhoseChildManifestIsMissing() throws IOException {
    Manifest index = Images.index(ONE, TWO);
    try (OciLayoutWriter writer = OciLayoutWriter.directory(dir.resolve("layout"))) {
      ONE.putInto(writer);
      for (var blob : TWO.blobs().entrySet()) {
        writer.putBlob(blob.getKey(), blob.getValue().length,
            new ByteArrayInputStream(blob.getValue()));
      }
      LayoutException e = assertThrows(LayoutException.class,
          () -> writer.addImage(index, "multi", Map.of()));
      assertTrue(e.getMessage().contains(TWO.manifest().digest().toString()), e.getMessage());
      writer.putManifest(TWO.manifest());
      writer.addImage(index, "multi", Map.of());
      assertEquals(1, writer.images().size());
    }
  }

  @Test
  void anExistingBlobCountsOnlyWhenItHashesToItsName() throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "app", Map.of());
    }
    Path shared = layout.resolve(OciLayout.blobPath(Digest.of(SHARED)));
    byte[] bytes = Files.readAllBytes(shared);
    bytes[100] ^= 1;
    Files.write(shared, bytes);
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      LayoutException e = assertThrows(LayoutException.class,
          () -> writer.hasBlob(Digest.of(SHARED)));
      assertEquals(LayoutException.Kind.DIGEST_MISMATCH, e.kind());
      assertTrue(e.getMessage().contains(shared.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(Digest.of(bytes).toString()), e.getMessage());
      assertTrue(e.getMessage().contains(Digest.of(SHARED).toString()), e.getMessage());
    }
  }

  @Test
  void mergesIntoAnExistingLayoutKeepingItsEntries() throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "one", Map.of());
    }
    // another tool's entry, with fields this package does not write, is kept as it was
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) index.get("manifests").get(0))
        .putObject("platform").put("os", "linux");
    Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      assertTrue(writer.hasBlob(Digest.of(SHARED)));
      TWO.putInto(writer);
      writer.addImage(TWO.manifest(), "two", Map.of());
    }
    JsonNode merged = JSON.readTree(layout.resolve("index.json").toFile());
    assertEquals(2, merged.get("manifests").size());
    assertEquals("linux", merged.get("manifests").get(0).path("platform").path("os").asText());
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      assertEquals(7, reader.verify()); // the shared layer once
    }
  }

  @Test
  void refusesADirectoryThatIsNotALayout() throws IOException {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine");
    LayoutException e = assertThrows(LayoutException.class,
        () -> OciLayoutWriter.directory(other));
    assertEquals(LayoutException.Kind.MALFORMED, e.kind());
    assertEquals(List.of(other.resolve("notes.txt")), list(other));
  }

  @Test
  void oneWriterAtATime() throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      LayoutException e = assertThrows(LayoutException.class,
          () -> OciLayoutWriter.directory(layout));
      assertEquals(LayoutException.Kind.LOCKED, e.kind());
    }
    OciLayoutWriter.directory(layout).close();
  }

  @Test
  void aRunThatStoppedBeforeListingItsImageLeavesAValidLayoutTheNextRunCompletes()
      throws IOException {
    Path layout = dir.resolve("layout");
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      ONE.putInto(writer);
      writer.addImage(ONE.manifest(), "one", Map.of());
      Digest layer = TWO.blobs().keySet().stream().skip(2).findFirst().orElseThrow();
      writer.putBlob(layer, TWO.blobs().get(layer).length,
          new ByteArrayInputStream(TWO.blobs().get(layer)));
      // and a blob the run was writing when it was killed
      Files.write(layout.resolve("blobs/sha256/" + Durable.TEMP_PREFIX + "abc-1"), new byte[10]);
    }
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      assertEquals(List.of(ONE.manifest().digest()),
          reader.images().stream().map(LayoutEntry::digest).toList());
      assertEquals(4, reader.verify());
    }
    try (OciLayoutWriter writer = OciLayoutWriter.directory(layout)) {
      assertFalse(Files.exists(layout.resolve("blobs/sha256/" + Durable.TEMP_PREFIX + "abc-1")));
      TWO.putInto(writer);
      writer.addImage(TWO.manifest(), "two", Map.of());
    }
    try (OciLayoutReader reader = OciLayoutReader.open(layout)) {
      assertEquals(2, reader.images().size());
      assertEquals(7, reader.verify());
    }
  }

  static List<Path> blobFiles(Path layout) throws IOException {
    try (Stream<Path> files = Files.walk(layout.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
