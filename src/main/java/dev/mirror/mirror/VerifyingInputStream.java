package dev.mirror.mirror;

import dev.mirror.registry.Digest;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A blob's content on its way through: hashed and counted as it is read, and failing at the end
 * when the digest or the size is not what the manifest says, so the upload it feeds is aborted
 * rather than finished with wrong content. A {@link StallWatchdog} closes it when no byte has
 * come for too long.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final String origin;
  private final MessageDigest hasher;
  private final LongConsumer progress;
  private final StallWatchdog watchdog;
  private final Closeable stallCloser = this::closeForStalling;
  private final AtomicLong lastMoved;
  private long read;
  private boolean checked;
  private volatile boolean mismatched;
  private volatile boolean stalled;

  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String origin,
      LongConsumer progress, StallWatchdog watchdog) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.origin = origin;
    this.hasher = expected.newHasher();
    this.progress = progress;
    this.watchdog = watchdog;
    this.lastMoved = watchdog.watch(stallCloser);
  }

  /** Whether the content turned out to be other than expected (not worth retrying). */
  boolean mismatched() {
    return mismatched;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      throw stalled ? new IOException("blob " + expected + " from " + origin
          + " stalled: no data for " + watchdog.limit().toSeconds() + " s", e) : e;
    }
    lastMoved.set(System.nanoTime());
    if (n < 0) {
      check();
      return -1;
    }
    hasher.update(buffer, offset, n);
    read += n;
    if (expectedSize >= 0 && read > expectedSize) {
      fail("is larger than the " + expectedSize + " bytes its descriptor says");
    }
    progress.accept(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping would leave content unverified");
  }

  @Override
  public void close() throws IOException {
    watchdog.forget(stallCloser);
    super.close();
  }

  private void closeForStalling() throws IOException {
    stalled = true;
    in.close();
  }

  private void check() throws IOException {
    if (checked) {
      return;
    }
    checked = true;
    if (expectedSize >= 0 && read != expectedSize) {
      fail("has " + read + " bytes, not the " + expectedSize + " its descriptor says");
    }
    byte[] digest = hasher.digest();
    if (!expected.matches(digest)) {
      fail("has another digest: sha256:" + HexFormat.of().formatHex(digest));
    }
  }

  private void fail(String what) throws IOException {
    mismatched = true;
    throw new IOException("blob " + expected + " from " + origin + " " + what);
  }
}
