package dev.mirror.copy;

/**
 * What a job moved: blobs uploaded, mounted from another repository of the same registry, and
 * found already present (or being moved by another job), and the bytes uploaded.
 */
public record TransferStats(int copied, int mounted, int skipped, long bytes) {
  public static final TransferStats NONE = new TransferStats(0, 0, 0, 0);

  public TransferStats plus(TransferStats other) {
    return new TransferStats(copied + other.copied, mounted + other.mounted,
        skipped + other.skipped, bytes + other.bytes);
  }
}
