package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The manifests that refer to one subject, as the OCI distribution spec 1.1 lists them: an image
 * index whose entries are the referrers' descriptors, each with the referrer's artifact type and
 * annotations. The referrers API answers with one; a registry without the API holds one under
 * the subject's fallback tag ({@link #fallbackTag}), which the clients that push referrers keep.
 * Entries keep every field they were read with, so that merging never drops what another client
 * wrote.
 */
public final class ReferrerIndex {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One referrer: its manifest's digest, media type and size, and the entry as written. */
  public record Entry(Digest digest, String mediaType, long size, JsonNode json) {}

  public static final ReferrerIndex EMPTY = new ReferrerIndex(List.of());

  private final List<Entry> entries;

  private ReferrerIndex(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The entries of an index (the referrers API's reply, or a fallback tag's manifest).
   *
   * @throws IllegalArgumentException when it is not an index, or an entry has no valid digest
   */
  public static ReferrerIndex of(Manifest index) {
    if (!index.isIndex()) {
      throw new IllegalArgumentException("a list of referrers must be an image index, not "
          + index.mediaType());
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode node : index.json().path("manifests")) {
      Digest digest;
      try {
        digest = Digest.parse(node.path("digest").asText(""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a referrer entry has a bad digest: " + e.getMessage());
      }
      entries.add(new Entry(digest, node.path("mediaType").asText(""),
          node.path("size").asLong(-1), node.deepCopy()));
    }
    return new ReferrerIndex(entries);
  }

  /** The entry that lists {@code referrer}: media type, digest, size, artifact type, annotations. */
  public static Entry entryFor(Manifest referrer) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mediaType", referrer.mediaType());
    node.put("digest", referrer.digest().toString());
    node.put("size", referrer.size());
    String artifactType = referrer.artifactType();
    if (!artifactType.isEmpty()) {
      node.put("artifactType", artifactType);
    }
    JsonNode annotations = referrer.annotations();
    if (!annotations.isEmpty()) {
      node.set("annotations", annotations);
    }
    return new Entry(referrer.digest(), referrer.mediaType(), referrer.size(), node);
  }

  /**
   * The tag under which a registry without the referrers API lists the referrers of {@code
   * subject}: {@code <algorithm>-<hex>}, the referrers tag schema.
   */
  public static String fallbackTag(Digest subject) {
    return subject.toString().replace(':', '-');
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean contains(Digest digest) {
    return entries.stream().anyMatch(e -> e.digest().equals(digest));
  }

  /** This list and those of {@code more} it lacks, in that order. */
  public ReferrerIndex with(Collection<Entry> more) {
    List<Entry> all = new ArrayList<>(entries);
    for (Entry e : more) {
      if (all.stream().noneMatch(known -> known.digest().equals(e.digest()))) {
        all.add(e);
      }
    }
    return new ReferrerIndex(all);
  }

  /** The list as an OCI image index, to push under a fallback tag. */
  public Manifest toManifest() {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    entries.forEach(e -> manifests.add(e.json()));
    try {
      return Manifest.of(JSON.writeValueAsString(index).getBytes(StandardCharsets.UTF_8),
          MediaTypes.OCI_INDEX);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("an index of plain JSON always serialises", e);
    }
  }
}
