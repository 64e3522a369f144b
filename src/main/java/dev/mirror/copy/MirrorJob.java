package dev.mirror.copy;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;

/**
 * One image to mirror: {@code source@digest} to {@code destination}, tagged {@code tag} when
 * that is not null.
 *
 * @param name what the job is called in events and the summary (the target's address)
 */
public record MirrorJob(String name, RepositoryName source, RepositoryName destination,
    Digest digest, String tag) {

  /** {@code source@sha256:...}, as the summary names it. */
  public String sourceReference() {
    return source + "@" + digest;
  }

  /** {@code destination[:tag]}. */
  public String destinationReference() {
    return tag == null ? destination.toString() : destination + ":" + tag;
  }
}
