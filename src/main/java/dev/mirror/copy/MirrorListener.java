package dev.mirror.copy;

/**
 * What a run reports while it works, for progress displays. Called from worker threads, so
 * implementations must be thread-safe. Every method does nothing by default.
 */
public interface MirrorListener {
  MirrorListener NONE = new MirrorListener() {};

  /** A job started. */
  default void started(MirrorJob job) {}

  /** A job learnt how many bytes it may have to copy (the sum of its blobs' sizes). */
  default void planned(MirrorJob job, long bytes) {}

  /** A job copied (or found present) this many more bytes. */
  default void advanced(MirrorJob job, long bytes) {}

  /** A job ended. */
  default void finished(MirrorResult result) {}
}
