package dev.mirror.registry.testing;

import java.util.List;

/**
 * An OCI index listing referrers: the fallback a client writes under the referrers tag schema's
 * tag ({@code sha256-<hex>}) on a registry without the referrers API.
 *
 * @param repository where it is
 * @param tag {@code sha256-<hex of the subject digest>}
 * @param digest {@code sha256:<hex>} of {@code bytes}
 * @param bytes the index exactly as stored
 * @param manifests its entries in order (mediaType, digest, size, artifactType, annotations)
 */
public record ReferrersIndex(String repository, String tag, String digest, byte[] bytes,
    List<OciDescriptor> manifests) {

  public ReferrersIndex {
    bytes = bytes.clone();
    manifests = List.copyOf(manifests);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The tag the referrers tag schema gives the referrers of {@code subjectDigest}. */
  public static String tagFor(String subjectDigest) {
    int colon = subjectDigest.indexOf(':');
    String algorithm = subjectDigest.substring(0, colon);
    String encoded = subjectDigest.substring(colon + 1);
    // The schema truncates both parts so the tag stays within the 128 characters of a tag.
    return truncate(algorithm, 32) + "-" + truncate(encoded, 64);
  }

  private static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }

  public boolean lists(String digest) {
    return manifests.stream().anyMatch(d -> d.digest().equals(digest));
  }
}
