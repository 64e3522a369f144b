package dev.mirror.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mirror.registry.Digest;
import dev.mirror.registry.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A layout's {@code index.json}: an OCI image index whose entries are the layout's images. Entries
 * and fields this package does not know (another tool's platform, artifactType, annotations of
 * the index itself) are kept as they were read.
 */
final class IndexFile {
  /** index.json is small (a few hundred bytes per image); more than this is not one. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root;

  private IndexFile(ObjectNode root) {
    this.root = root;
  }

  static IndexFile empty() {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_INDEX);
    root.putArray("manifests");
    return new IndexFile(root);
  }

  /** Parses index.json; {@code where} names it in errors. */
  static IndexFile parse(byte[] bytes, String where) throws LayoutException {
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new LayoutException(LayoutException.Kind.MALFORMED, where + " is not JSON", e);
    }
    if (json == null || !json.isObject() || !json.path("manifests").isArray()) {
      throw new LayoutException(LayoutException.Kind.MALFORMED,
          where + " is not an image index (no manifests array)");
    }
    IndexFile index = new IndexFile((ObjectNode) json);
    index.entries(where); // every entry must at least have a digest and a size
    return index;
  }

  /** The entries, in index order. */
  List<LayoutEntry> entries(String where) throws LayoutException {
    List<LayoutEntry> entries = new ArrayList<>();
    for (JsonNode node : root.path("manifests")) {
      entries.add(entry(node, where));
    }
    return entries;
  }

  /**
   * Adds an entry unless one with the same digest and ref name is there. An entry with the same
   * ref name and another digest is replaced: a ref name names one image, as a tag does. Returns
   * whether the index changed.
   */
  boolean add(LayoutEntry entry, String where) throws LayoutException {
    ArrayNode manifests = (ArrayNode) root.get("manifests");
    String refName = entry.refName().orElse(null);
    for (Iterator<JsonNode> it = manifests.elements(); it.hasNext(); ) {
      LayoutEntry existing = entry(it.next(), where);
      boolean sameName = Objects.equals(existing.refName().orElse(null), refName);
      if (sameName && existing.digest().equals(entry.digest())
          && (refName != null || existing.annotations().equals(entry.annotations()))) {
        return false;
      }
      if (sameName && refName != null) {
        it.remove();
      }
    }
    ObjectNode node = manifests.addObject();
    node.put("mediaType", entry.mediaType());
    node.put("digest", entry.digest().toString());
    node.put("size", entry.size());
    if (!entry.annotations().isEmpty()) {
      ObjectNode annotations = node.putObject("annotations");
      entry.annotations().forEach(annotations::put);
    }
    return true;
  }

  byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("an in-memory JSON tree did not serialise", e);
    }
  }

  private static LayoutEntry entry(JsonNode node, String where) throws LayoutException {
    Digest digest;
    try {
      digest = Digest.parse(node.path("digest").asText(""));
    } catch (IllegalArgumentException e) {
      throw new LayoutException(LayoutException.Kind.MALFORMED,
          where + " has an entry with a bad digest: " + e.getMessage());
    }
    if (!node.path("size").canConvertToLong() || node.path("size").asLong() < 0) {
      throw new LayoutException(LayoutException.Kind.MALFORMED,
          where + " has no valid size for " + digest);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    node.path("annotations").fields()
        .forEachRemaining(field -> annotations.put(field.getKey(), field.getValue().asText()));
    return new LayoutEntry(node.path("mediaType").asText(""), digest, node.path("size").asLong(),
        annotations);
  }
}
