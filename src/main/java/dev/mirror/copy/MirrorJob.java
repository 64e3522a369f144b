package dev.mirror.copy;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;

/**
 * One image to mirror: {@code source@digest} to {@code destination}, tagged {@code tag} when
 * that is not null.
 *
 * @param name what the job is called in events and the summary (the target's address)
 * @param referrers whether what refers to the image (signatures, attestations, SBOMs) is
 *     copied with it
 */
public record MirrorJob(String name, RepositoryName source, RepositoryName destination,
    Digest digest, String tag, boolean referrers) {

  /** A job for the image alone. */
  public MirrorJob(String name, RepositoryName source, RepositoryName destination, Digest digest,
      String tag) {
    this(name, source, destination, digest, tag, false);
  }

  /** {@code source@sha256:...}, as the summary names it. */
  public String sourceReference() {
    return source + "@" + digest;
  }

  /** {@code destination[:tag]}. */
  public String destinationReference() {
    return tag == null ? destination.toString() : destination + ":" + tag;
  }
}
