package dev.mirror.copy;

/**
 * What a job moved: blobs uploaded, mounted from another repository of the same registry, and
 * found already present (or being moved by another job), the bytes uploaded, and the manifests
 * that refer to the image (signatures, attestations, SBOMs) pushed.
 */
public record TransferStats(int copied, int mounted, int skipped, long bytes,
    int referrersCopied) {
  public static final TransferStats NONE = new TransferStats(0, 0, 0, 0, 0);

  /** Blobs and bytes only. */
  public TransferStats(int copied, int mounted, int skipped, long bytes) {
    this(copied, mounted, skipped, bytes, 0);
  }

  public TransferStats plus(TransferStats other) {
    return new TransferStats(copied + other.copied, mounted + other.mounted,
        skipped + other.skipped, bytes + other.bytes, referrersCopied + other.referrersCopied);
  }
}
