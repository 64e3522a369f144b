package dev.mirror.copy;

/** How a job ended. */
public enum MirrorStatus {
  /** The content was copied (some blobs may already have been there). */
  MIRRORED,
  /** The destination had the digest; only the tag was (re)pointed at it. */
  TAGGED,
  /** The destination had the digest and the tag; nothing was read from the source. */
  UP_TO_DATE,
  /**
   * The destination tag points at another digest, and was left there ({@code --on-drift=keep});
   * the pinned digest is in place (copied if it was missing).
   */
  KEPT,
  FAILED,
  /** Not started because an earlier job failed under --fail-fast. */
  NOT_RUN;

  public boolean succeeded() {
    return this == MIRRORED || this == TAGGED || this == UP_TO_DATE || this == KEPT;
  }
}
