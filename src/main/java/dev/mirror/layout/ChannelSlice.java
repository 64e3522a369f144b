package dev.mirror.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@code size} bytes of a file from {@code offset}, read with positional reads: several slices of
 * one channel can be read at once, none moves the channel's position, and closing one leaves the
 * channel open.
 */
final class ChannelSlice extends InputStream {
  private final FileChannel channel;
  private final long end;
  private long position;

  ChannelSlice(FileChannel channel, long offset, long size) {
    this.channel = channel;
    this.position = offset;
    this.end = offset + size;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    int wanted = (int) Math.min(length, end - position);
    int n = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
    if (n < 0) {
      throw new IOException("the archive ended " + (end - position) + " bytes early");
    }
    position += n;
    return n;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }
}
