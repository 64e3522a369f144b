package dev.mirror.layout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The part of the POSIX tar format a layout needs: ustar headers for regular files and
 * directories, and a pax {@code size} record for a file of 8 GiB or more (beyond ustar's 11 octal
 * digits). Names are a layout's own and short ({@code blobs/sha512/<128 hex>} is 147 bytes, so
 * such a name goes in ustar's prefix field). Entries are dated 0 and owned by 0:0, so the same
 * layout always gives the same archive.
 */
final class TarFormat {
  static final int BLOCK = 512;
  static final long MAX_USTAR_SIZE = 077777777777L;

  private TarFormat() {}

  /** The header block(s) of a regular file: a pax header first when the size needs one. */
  static byte[] fileHeader(String name, long size) {
    if (size <= MAX_USTAR_SIZE) {
      return header(name, size, (byte) '0', 0644);
    }
    byte[] record = paxRecord("size", Long.toString(size));
    byte[] pax = header("PaxHeaders/" + name.substring(name.lastIndexOf('/') + 1), record.length,
        (byte) 'x', 0644);
    byte[] out = new byte[pax.length + record.length + padding(record.length) + BLOCK];
    System.arraycopy(pax, 0, out, 0, pax.length);
    System.arraycopy(record, 0, out, pax.length, record.length);
    // The ustar size field of a file the pax record sizes is left 0, as the record overrides it.
    System.arraycopy(header(name, 0, (byte) '0', 0644), 0, out, out.length - BLOCK, BLOCK);
    return out;
  }

  static byte[] directoryHeader(String name) {
    return header(name.endsWith("/") ? name : name + "/", 0, (byte) '5', 0755);
  }

  /** How many zero bytes follow {@code size} bytes of content to fill its last block. */
  static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  static long padded(long size) {
    return size + padding(size);
  }

  /** Two zero blocks end an archive. */
  static byte[] end() {
    return new byte[2 * BLOCK];
  }

  private static byte[] header(String name, long size, byte type, int mode) {
    byte[] h = new byte[BLOCK];
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length <= 100) {
      System.arraycopy(bytes, 0, h, 0, bytes.length);
    } else {
      int slash = name.lastIndexOf('/', 155);
      if (slash < 0 || bytes.length - slash - 1 > 100) {
        throw new IllegalArgumentException("a tar name too long for ustar: " + name);
      }
      System.arraycopy(bytes, slash + 1, h, 0, bytes.length - slash - 1);
      System.arraycopy(bytes, 0, h, 345, slash);
    }
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = type;
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
    h[263] = '0';
    h[264] = '0';
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum); // six digits and a NUL, then the space already there
    return h;
  }

  /** {@code width - 1} octal digits, zero-padded, and a NUL. */
  private static void octal(byte[] h, int offset, int width, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > width - 1) {
      throw new IllegalArgumentException(value + " does not fit a tar field of " + width);
    }
    String padded = "0".repeat(width - 1 - digits.length()) + digits;
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, offset, width - 1);
    h[offset + width - 1] = 0;
  }

  /** {@code "<length> key=value\n"}, where the length counts itself. */
  private static byte[] paxRecord(String key, String value) {
    int rest = key.length() + value.length() + 3; // space, '=', newline
    int length = rest + Integer.toString(rest).length();
    if (Integer.toString(length).length() != Integer.toString(rest).length()) {
      length++;
    }
    return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
