package dev.mirror.registry.testing;

import java.io.InputStream;

/**
 * {@code length} bytes that look random (xorshift64*) and are the same for the same seed, made on
 * the fly: a 1 GiB layer can be digested in one pass and uploaded in another without ever being
 * held in memory or written to disk.
 */
public final class PseudoRandomStream extends InputStream {
  private final long length;
  private long state;
  private long position;
  private long word;
  private int wordBytesLeft;

  public PseudoRandomStream(long seed, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    // xorshift needs a non-zero state; mixing the seed keeps nearby seeds unrelated.
    this.state = (seed * 0x9E3779B97F4A7C15L) | 1;
    this.length = length;
  }

  private long next() {
    state ^= state >>> 12;
    state ^= state << 25;
    state ^= state >>> 27;
    return state * 0x2545F4914F6CDD1DL;
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    if (wordBytesLeft == 0) {
      word = next();
      wordBytesLeft = 8;
    }
    int b = (int) (word & 0xFF);
    word >>>= 8;
    wordBytesLeft--;
    position++;
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) {
    if (count == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(count, length - position);
    int i = 0;
    // Drain a partly used word first, then whole words, so the sequence never depends on how
    // the reader slices its reads.
    while (i < n && wordBytesLeft > 0) {
      buffer[offset + i++] = (byte) word;
      word >>>= 8;
      wordBytesLeft--;
    }
    while (n - i >= 8) {
      long w = next();
      for (int k = 0; k < 8; k++) {
        buffer[offset + i++] = (byte) w;
        w >>>= 8;
      }
    }
    while (i < n) {
      if (wordBytesLeft == 0) {
        word = next();
        wordBytesLeft = 8;
      }
      buffer[offset + i++] = (byte) word;
      word >>>= 8;
      wordBytesLeft--;
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = 0;
    byte[] scratch = new byte[8192];
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  /** Nothing to release; declared without IOException so try-with-resources needs no catch. */
  @Override
  public void close() {}

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, length - position);
  }
}
