package dev.mirror.copy;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RegistryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * A blob's content on its way through: hashed and counted as it is read, and failing at the end
 * when the digest or the size is not what the manifest says, so the upload it feeds is aborted
 * rather than finished with wrong content. (The registry client fails the stream underneath
 * when it stalls.)
 */
final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final String origin;
  private final MessageDigest hasher;
  private final LongConsumer progress;
  private long read;
  private boolean checked;
  private volatile RegistryException mismatch;

  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String origin,
      LongConsumer progress) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.origin = origin;
    this.hasher = expected.newHasher();
    this.progress = progress;
  }

  /** Whether the content turned out to be other than expected (not worth retrying). */
  boolean mismatched() {
    return mismatch != null;
  }

  /** How the content was other than expected, or null while it is not known to be. */
  RegistryException mismatch() {
    return mismatch;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
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

  private void fail(String what) throws RegistryException {
    mismatch = new RegistryException(RegistryException.Kind.DIGEST_MISMATCH,
        "blob " + expected + " from " + origin + " " + what);
    throw mismatch;
  }
}
