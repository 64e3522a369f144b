package dev.mirror.registry.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link TestArtifacts} pushed: an artifact manifest attached to a subject, either by its
 * {@code subject} field (an OCI 1.1 referrer, pushed by digest) or by cosign's tag scheme.
 *
 * @param repository where it was pushed (the subject's repository)
 * @param tag the tag ({@code sha256-<hex>.sig} or {@code .att}), or {@code null} when pushed by
 *     digest only
 * @param digest {@code sha256:<hex>} of {@code manifestBytes}
 * @param mediaType the manifest's media type (an OCI image manifest)
 * @param artifactType what the referrers API lists for it: the manifest's {@code artifactType},
 *     else its config's media type
 * @param manifestBytes the manifest exactly as PUT
 * @param subjectDigest the digest of the manifest it is attached to
 * @param referrer whether the manifest has a {@code subject} field
 * @param annotations the manifest's annotations (what the referrers API lists with it)
 * @param blobs config and layer digest to exact bytes, in manifest order
 * @param answeredSubject the {@code OCI-Subject} header of the PUT's answer; {@code null} from a
 *     registry without the referrers API
 */
public record PushedArtifact(String repository, String tag, String digest, String mediaType,
    String artifactType, byte[] manifestBytes, String subjectDigest, boolean referrer,
    Map<String, String> annotations, Map<String, byte[]> blobs, String answeredSubject) {

  public PushedArtifact {
    manifestBytes = manifestBytes.clone();
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    blobs = Collections.unmodifiableMap(new LinkedHashMap<>(blobs));
  }

  @Override
  public byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  /** The descriptor a referrers listing (API or tag schema) holds for it. */
  public OciDescriptor descriptor() {
    return new OciDescriptor(mediaType, digest, manifestBytes.length, artifactType, annotations);
  }

  /** The hex part of the digest. */
  public String hex() {
    return Sha256.hex(digest);
  }

  /** {@code repository@sha256:...}, to put behind a registry host. */
  public String byDigest() {
    return repository + "@" + digest;
  }

  @Override
  public String toString() {
    return "PushedArtifact[" + repository + (tag == null ? "" : ":" + tag) + "@" + digest + " "
        + artifactType + (referrer ? " subject " : " tagged for ") + subjectDigest + "]";
  }
}
