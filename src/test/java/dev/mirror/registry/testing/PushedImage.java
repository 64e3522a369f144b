package dev.mirror.registry.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TestImages} pushed: the top manifest's exact bytes and digest, every child manifest
 * (for an index or list), every blob it uploaded, and foreign blobs it only referenced.
 *
 * @param repository where it was pushed
 * @param tag the tag, or {@code null} when pushed by digest only
 * @param digest {@code sha256:<hex>} of {@code manifestBytes}
 * @param mediaType the top manifest's media type
 * @param manifestBytes the top manifest exactly as PUT
 * @param childManifests child manifest digest to exact bytes, in index order (empty for an image)
 * @param blobs uploaded blob digest (configs and layers) to size, each once
 * @param foreignBlobs non-distributable layers the manifests name but the registry does not hold
 */
public record PushedImage(String repository, String tag, String digest, String mediaType,
    byte[] manifestBytes, Map<String, byte[]> childManifests, Map<String, Long> blobs,
    Map<String, Long> foreignBlobs) {

  public PushedImage {
    manifestBytes = manifestBytes.clone();
    childManifests = Collections.unmodifiableMap(new LinkedHashMap<>(childManifests));
    blobs = Collections.unmodifiableMap(new LinkedHashMap<>(blobs));
    foreignBlobs = Collections.unmodifiableMap(new LinkedHashMap<>(foreignBlobs));
  }

  @Override
  public byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  /** The hex part of the digest. */
  public String hex() {
    return Sha256.hex(digest);
  }

  public List<String> childManifestDigests() {
    return List.copyOf(childManifests.keySet());
  }

  /** The sum of the uploaded blobs' sizes. */
  public long totalBlobBytes() {
    return blobs.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code repository@sha256:...}, to put behind a registry host. */
  public String byDigest() {
    return repository + "@" + digest;
  }

  @Override
  public String toString() {
    return "PushedImage[" + repository + (tag == null ? "" : ":" + tag) + "@" + digest + " "
        + mediaType + ", " + childManifests.size() + " children, " + blobs.size() + " blobs]";
  }
}
