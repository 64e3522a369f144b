package dev.mirror.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Content on its way through, hashed and counted as it is read, that fails at its end (or as
 * soon as it runs past its size) when it is not what its digest and size promise, so whatever it
 * feeds is never finished with wrong content. Skipping and marks are refused: they would leave
 * content unverified. Subclasses say how a mismatch is reported where they are used.
 */
public abstract class VerifyingStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final String what;
  private final MessageDigest hasher;
  private long read;
  private boolean checked;

  /**
   * @param expectedSize the size promised, or -1 when there is none to check
   * @param what the content as the skip refusal names it
   */
  protected VerifyingStream(InputStream in, Digest expected, long expectedSize, String what) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.what = what;
    this.hasher = expected.newHasher();
  }

  /** The digest the content must have. */
  protected final Digest expected() {
    return expected;
  }

  /** The error for content past its promised size. */
  protected abstract IOException tooLarge(long expectedSize);

  /** The error for content that ended at another size than promised. */
  protected abstract IOException wrongSize(long read, long expectedSize);

  /** The error for content whose digest is {@code actual}. */
  protected abstract IOException wrongDigest(Digest actual);

  /** Bytes read and verified so far (progress); nothing by default. */
  protected void counted(int bytes) {}

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
      throw tooLarge(expectedSize);
    }
    counted(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping would leave " + what + " unverified");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void check() throws IOException {
    if (checked) {
      return;
    }
    checked = true;
    if (expectedSize >= 0 && read != expectedSize) {
      throw wrongSize(read, expectedSize);
    }
    Digest actual = new Digest(expected.algorithm(), HexFormat.of().formatHex(hasher.digest()));
    if (!actual.equals(expected)) {
      throw wrongDigest(actual);
    }
  }
}
