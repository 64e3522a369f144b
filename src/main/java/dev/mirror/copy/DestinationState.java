package dev.mirror.copy;

import dev.mirror.registry.Digest;
import dev.mirror.registry.Reference;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import java.util.Optional;

/**
 * What the destination holds for a job, read first and without the source, and so what run
 * does with the job: {@link MirrorEngine} acts on it, {@link MirrorPlanner} reports it.
 *
 * @param tagged the digest the job's tag resolves to at the destination, or null (no tag, or
 *     not set)
 * @param pinPresent whether the destination has the pinned digest; false when it was not asked
 *     (the policy refuses the drift)
 */
record DestinationState(MirrorJob job, Digest tagged, boolean pinPresent) {

  /** What run does next. */
  enum Step {
    /** The tag resolves to the pin, or there is no tag and the digest is there. */
    UP_TO_DATE,
    /** The tag points elsewhere and the policy is {@code fail}. */
    REFUSE_DRIFT,
    /** The digest is there, the tag points elsewhere, and the policy is {@code keep}. */
    KEEP_TAG,
    /** The digest is there, the tag is not set or is to be moved to it. */
    TAG,
    /** The digest is missing: copy it from the source (and tag it unless the tag is kept). */
    COPY
  }

  /**
   * Asks the destination for the tag, then (unless the tag resolves to the pin, or the drift is
   * to be refused) for the digest: one request for an up-to-date image. A tag that resolves to
   * the pin implies the content is there (a registry accepts a manifest only once everything it
   * names is).
   */
  static DestinationState read(RegistryClient destination, MirrorJob job, DriftPolicy policy)
      throws RegistryException {
    Optional<Digest> tagged = job.tag() == null ? Optional.empty()
        : destination.manifestDigest(Reference.of(job.destination(), job.tag()));
    if (tagged.isPresent() && tagged.get().equals(job.digest())) {
      return new DestinationState(job, tagged.get(), true);
    }
    if (tagged.isPresent() && policy == DriftPolicy.FAIL) {
      return new DestinationState(job, tagged.get(), false);
    }
    boolean present = destination.manifestDigest(Reference.of(job.destination(), job.digest()))
        .isPresent();
    return new DestinationState(job, tagged.orElse(null), present);
  }

  /** Whether the tag points at another digest than the pin. */
  boolean drifted() {
    return tagged != null && !tagged.equals(job.digest());
  }

  Step next(DriftPolicy policy) {
    if (tagged != null && tagged.equals(job.digest())) {
      return Step.UP_TO_DATE;
    }
    if (drifted() && policy == DriftPolicy.FAIL) {
      return Step.REFUSE_DRIFT;
    }
    if (!pinPresent) {
      return Step.COPY;
    }
    if (job.tag() == null) {
      return Step.UP_TO_DATE;
    }
    return drifted() && policy == DriftPolicy.KEEP ? Step.KEEP_TAG : Step.TAG;
  }

  /** Whether, after copying, the tag is to be pushed. */
  boolean tagsAfterCopy(DriftPolicy policy) {
    return job.tag() != null && !(drifted() && policy == DriftPolicy.KEEP);
  }

  /** Why a drift was refused, naming both digests. */
  String driftRefusal() {
    return job.destinationReference() + " points at " + tagged + ", not at the pin "
        + job.digest() + " (--on-drift=fail: nothing is copied)";
  }
}
