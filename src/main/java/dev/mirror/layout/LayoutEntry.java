package dev.mirror.layout;

import dev.mirror.registry.Digest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One image that a layout's {@code index.json} lists: the descriptor of its top manifest (an
 * image manifest or an index) and that descriptor's annotations.
 */
public record LayoutEntry(String mediaType, Digest digest, long size,
    Map<String, String> annotations) {
  public LayoutEntry {
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** The {@code org.opencontainers.image.ref.name} annotation: the name tools such as skopeo use. */
  public Optional<String> refName() {
    return Optional.ofNullable(annotations.get(OciLayout.REF_NAME));
  }

  /** The repository the image was mirrored from ({@link OciLayout#SOURCE_REPOSITORY}). */
  public Optional<String> sourceRepository() {
    return Optional.ofNullable(annotations.get(OciLayout.SOURCE_REPOSITORY));
  }
}
