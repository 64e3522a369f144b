package dev.mirror.layout;

import dev.mirror.registry.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A blob read from a layout: hashed and counted as it is read, and failing with a
 * {@link LayoutException.Kind#DIGEST_MISMATCH} at its end (or as soon as it runs past its size)
 * when its content is not the one its name promises, so whatever it feeds is never finished with
 * wrong content. Skipping is refused: it would leave content unverified.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final String name;
  private final MessageDigest hasher;
  private long read;
  private boolean checked;

  /** {@code name} says where the content is, for the error: the layout and the blob's path. */
  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String name) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.name = name;
    this.hasher = expected.newHasher();
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
    if (read > expectedSize) {
      throw mismatch(name, "is larger than the " + expectedSize + " bytes expected");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping would leave " + name + " unverified");
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
    if (read != expectedSize) {
      throw mismatch(name, "has " + read + " bytes, not the " + expectedSize + " expected");
    }
    Digest actual = new Digest(expected.algorithm(), HexFormat.of().formatHex(hasher.digest()));
    if (!actual.equals(expected)) {
      throw mismatch(name, "has digest " + actual + ", not " + expected);
    }
  }

  static LayoutException mismatch(String name, String what) {
    return new LayoutException(LayoutException.Kind.DIGEST_MISMATCH, name + " " + what);
  }
}
