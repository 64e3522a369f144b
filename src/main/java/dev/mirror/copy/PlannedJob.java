package dev.mirror.copy;

import dev.mirror.registry.Digest;
import java.time.Duration;

/**
 * What {@code run} would do with one job, as {@link MirrorPlanner} found it without writing.
 *
 * @param tagPointsTo the digest the destination tag resolves to now, or null (no tag, not set,
 *     or not found out because of an error)
 * @param tagKept whether the tag points elsewhere and the drift policy keeps it there
 * @param blobsToCopy blobs the destination lacks that would be uploaded from the source
 * @param bytesToCopy their total size
 * @param blobsToMount blobs the destination lacks that would be mounted: the source is on the
 *     same registry, or another target of the plan copies them into another repository there
 * @param blobsPresent blobs already there (or that another target of the plan copies into the
 *     same repository)
 * @param error why run would fail, naming the registry and its reply; null unless ERROR
 */
public record PlannedJob(MirrorJob job, Action action, Digest tagPointsTo, boolean tagKept,
    int blobsToCopy, long bytesToCopy, int blobsToMount, int blobsPresent, String error,
    Duration elapsed) {

  /** What run would do. */
  public enum Action {
    /** Nothing: the pin is there, and so is the tag (or the policy keeps the tag elsewhere). */
    UP_TO_DATE,
    /** Point the tag at the digest, which is there. */
    TAG,
    /** Copy what is missing, then tag (unless the policy keeps the tag elsewhere). */
    COPY,
    /** Fail. */
    ERROR
  }

  /** Whether run would move the tag from where it points now. */
  public boolean movesTag() {
    return tagPointsTo != null && !tagPointsTo.equals(job.digest()) && !tagKept;
  }
}
