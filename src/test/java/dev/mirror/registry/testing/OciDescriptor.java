package dev.mirror.registry.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor as the referrers API lists it and the referrers tag schema stores it.
 *
 * @param mediaType the referenced content's media type
 * @param digest {@code sha256:<hex>}
 * @param size the content's length in bytes
 * @param artifactType the referrer's artifact type, or {@code null}
 * @param annotations the referrer manifest's annotations (empty when it has none)
 */
public record OciDescriptor(String mediaType, String digest, long size, String artifactType,
    Map<String, String> annotations) {

  public OciDescriptor {
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** A plain descriptor, as a manifest's {@code subject} or {@code config} names content. */
  public static OciDescriptor of(String mediaType, String digest, long size) {
    return new OciDescriptor(mediaType, digest, size, null, Map.of());
  }

  /** The descriptor of a pushed image's top manifest (an image, an index or a list). */
  public static OciDescriptor of(PushedImage image) {
    return of(image.mediaType(), image.digest(), image.manifestBytes().length);
  }

  /** The descriptor of one child manifest of a pushed index, by its position in the index. */
  public static OciDescriptor child(PushedImage index, int position) {
    String digest = index.childManifestDigests().get(position);
    byte[] bytes = index.childManifests().get(digest);
    Object mediaType = Json.parseObject(bytes).get("mediaType");
    return of((String) mediaType, digest, bytes.length);
  }

  /**
   * The descriptor a registry lists for a referrer manifest (OCI distribution spec 1.1): its
   * {@code artifactType}, else its config's media type; its annotations.
   */
  @SuppressWarnings("unchecked")
  public static OciDescriptor ofReferrer(byte[] manifest, String fallbackMediaType) {
    Map<String, Object> json = Json.parseObject(manifest);
    String mediaType = json.get("mediaType") instanceof String type ? type : fallbackMediaType;
    String artifactType = json.get("artifactType") instanceof String type ? type : null;
    if (artifactType == null && json.get("config") instanceof Map<?, ?> config
        && config.get("mediaType") instanceof String configType) {
      artifactType = configType;
    }
    return new OciDescriptor(mediaType, Sha256.digest(manifest), manifest.length, artifactType,
        stringMap(json.get("annotations")));
  }

  /** Reads a descriptor parsed by {@link Json}; fields other than these five are dropped. */
  static OciDescriptor fromJson(Map<String, Object> json) {
    return new OciDescriptor((String) json.get("mediaType"), (String) json.get("digest"),
        ((Number) json.get("size")).longValue(), (String) json.get("artifactType"),
        stringMap(json.get("annotations")));
  }

  /** The descriptors of an OCI index's {@code manifests}. */
  @SuppressWarnings("unchecked")
  static List<OciDescriptor> manifestsOf(byte[] index) {
    Object manifests = Json.parseObject(index).get("manifests");
    if (!(manifests instanceof List<?> list)) {
      throw new IllegalArgumentException("an index without a manifests array");
    }
    return list.stream().map(entry -> fromJson((Map<String, Object>) entry)).toList();
  }

  /** This descriptor without artifactType and annotations, as a {@code subject} names content. */
  public OciDescriptor plain() {
    return of(mediaType, digest, size);
  }

  void write(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("mediaType", mediaType);
    json.writeStringField("digest", digest);
    json.writeNumberField("size", size);
    if (artifactType != null) {
      json.writeStringField("artifactType", artifactType);
    }
    if (!annotations.isEmpty()) {
      json.writeObjectFieldStart("annotations");
      for (var annotation : annotations.entrySet()) {
        json.writeStringField(annotation.getKey(), annotation.getValue());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> annotations) {
      annotations.forEach((key, text) -> map.put(String.valueOf(key), String.valueOf(text)));
    }
    return map;
  }
}
