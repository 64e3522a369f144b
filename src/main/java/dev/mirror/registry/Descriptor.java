package dev.mirror.registry;

import java.util.List;

/**
 * A reference to content from a manifest: its media type, digest and size, the URLs of a foreign
 * layer, and the platform of an index entry ("linux/arm64/v8"; empty when not an index entry).
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls,
    String platform) {
  public Descriptor {
    urls = List.copyOf(urls);
  }

  /** A layer that stays a reference (see {@link MediaTypes#isForeignLayer}). */
  public boolean isForeign() {
    return MediaTypes.isForeignLayer(mediaType);
  }
}
