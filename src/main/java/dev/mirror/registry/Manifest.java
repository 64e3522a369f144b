package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A manifest exactly as a registry served it: its bytes, its media type and the digest of the
 * bytes. The parsed views ({@link #children()}, {@link #blobs()}) only read; the bytes are what
 * gets pushed, so the digest never changes on the way.
 */
public final class Manifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] bytes;
  private final String mediaType;
  private final Digest digest;
  private final JsonNode json;

  private Manifest(byte[] bytes, String mediaType, JsonNode json) {
    this.bytes = bytes;
    this.mediaType = mediaType;
    this.digest = Digest.of(bytes);
    this.json = json;
  }

  /**
   * Reads a manifest from its bytes and the Content-Type it was served with (which may be missing
   * or generic, in which case the document's own mediaType field or its shape decides).
   *
   * @throws IllegalArgumentException when the bytes are not a manifest mirror can copy
   */
  public static Manifest of(byte[] bytes, String contentType) {
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the manifest is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("the manifest is not JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("the manifest is not a JSON object");
    }
    String mediaType = mediaTypeOf(contentType, json);
    if (MediaTypes.isSchema1(mediaType)) {
      throw new IllegalArgumentException("it is a Docker schema 1 manifest (" + mediaType
          + "), which mirror does not support: schema 1 is deprecated and its digest depends on a"
          + " signature; re-push the image with a current Docker or use an OCI/schema 2 digest");
    }
    if (!MediaTypes.isIndex(mediaType) && !MediaTypes.isImageManifest(mediaType)) {
      throw new IllegalArgumentException("unsupported manifest media type: " + mediaType);
    }
    return new Manifest(bytes.clone(), mediaType, json);
  }

  private static String mediaTypeOf(String contentType, JsonNode json) {
    String header = contentType == null ? "" : contentType.split(";", 2)[0].trim();
    if (!header.isEmpty() && !header.equals("application/json")
        && !header.equals("application/octet-stream") && !header.equals("text/plain")) {
      return header;
    }
    JsonNode field = json.get("mediaType");
    if (field != null && field.isTextual()) {
      return field.asText();
    }
    if (json.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    if (json.has("fsLayers") || json.path("schemaVersion").asInt() == 1) {
      return MediaTypes.DOCKER_SCHEMA1;
    }
    return MediaTypes.OCI_MANIFEST;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  public String mediaType() {
    return mediaType;
  }

  public Digest digest() {
    return digest;
  }

  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** An index's entries: the manifests of each platform (empty for an image manifest). */
  public List<Descriptor> children() {
    return isIndex() ? descriptors(json.path("manifests")) : List.of();
  }

  /** An image manifest's config and layers, in that order (empty for an index). */
  public List<Descriptor> blobs() {
    if (isIndex()) {
      return List.of();
    }
    List<Descriptor> blobs = new ArrayList<>();
    if (json.has("config")) {
      blobs.add(descriptor(json.get("config")));
    }
    blobs.addAll(descriptors(json.path("layers")));
    return blobs;
  }

  /** The parsed document, for the readers of this package (not to be changed). */
  JsonNode json() {
    return json;
  }

  /** The manifest this one refers to (OCI 1.1 {@code subject}): a signature's image, say. */
  public Optional<Descriptor> subject() {
    JsonNode subject = json.get("subject");
    return subject == null || !subject.isObject() ? Optional.empty()
        : Optional.of(descriptor(subject));
  }

  /**
   * What kind of artifact this is, as a referrers list names it: the {@code artifactType} field,
   * else the config's media type (empty for an index without either).
   */
  public String artifactType() {
    JsonNode type = json.get("artifactType");
    if (type != null && type.isTextual()) {
      return type.asText();
    }
    return json.path("config").path("mediaType").asText("");
  }

  /** The manifest's annotations (a referrers list repeats them); empty when it has none. */
  public JsonNode annotations() {
    JsonNode annotations = json.get("annotations");
    return annotations != null && annotations.isObject() ? annotations.deepCopy()
        : JSON.createObjectNode();
  }

  private static List<Descriptor> descriptors(JsonNode array) {
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode node : array) {
      out.add(descriptor(node));
    }
    return out;
  }

  private static Descriptor descriptor(JsonNode node) {
    String digest = node.path("digest").asText("");
    Digest parsed;
    try {
      parsed = Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the manifest has a bad descriptor: " + e.getMessage());
    }
    List<String> urls = new ArrayList<>();
    node.path("urls").forEach(u -> urls.add(u.asText()));
    return new Descriptor(node.path("mediaType").asText(""), parsed, node.path("size").asLong(-1),
        urls, platform(node.path("platform")));
  }

  private static String platform(JsonNode platform) {
    if (platform.isMissingNode()) {
      return "";
    }
    StringBuilder s = new StringBuilder(platform.path("os").asText("?"))
        .append('/').append(platform.path("architecture").asText("?"));
    if (platform.hasNonNull("variant")) {
      s.append('/').append(platform.get("variant").asText());
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && Arrays.equals(bytes, m.bytes)
        && mediaType.equals(m.mediaType);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return mediaType + " " + digest;
  }
}
