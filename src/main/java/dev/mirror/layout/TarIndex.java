package dev.mirror.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each regular file of a tar archive is: found in one pass over the headers, seeking past
 * the content, so an archive of any size is indexed without reading it. Reads ustar, pax
 * ({@code path} and {@code size} records) and GNU long names and base-256 sizes, which is what
 * skopeo, Go's archive/tar and GNU tar write. A name that occurs twice is its last occurrence.
 */
final class TarIndex {
  /** A file's content: {@code size} bytes from {@code offset}. */
  record Slice(long offset, long size) {}

  /** Pax and GNU long-name headers are small; a larger one is not a layout's. */
  private static final int MAX_EXTENDED_HEADER = 1024 * 1024;

  private final Map<String, Slice> files;

  private TarIndex(Map<String, Slice> files) {
    this.files = files;
  }

  Optional<Slice> find(String name) {
    return Optional.ofNullable(files.get(name));
  }

  static TarIndex read(FileChannel channel, String where) throws IOException {
    Map<String, Slice> files = new HashMap<>();
    long length = channel.size();
    long position = 0;
    String nextName = null;
    long nextSize = -1;
    ByteBuffer block = ByteBuffer.allocate(TarFormat.BLOCK);
    while (position + TarFormat.BLOCK <= length) {
      readFully(channel, block.clear(), position, where);
      byte[] h = block.array();
      if (isZero(h)) {
        break;
      }
      if (!checksumMatches(h)) {
        throw malformed(where, "has a damaged tar header at byte " + position);
      }
      long size = number(h, 124, 12, where, position);
      byte type = h[156];
      long content = position + TarFormat.BLOCK;
      if (size < 0 || content + size > length) {
        throw malformed(where, "is cut short: an entry at byte " + position + " needs " + size
            + " bytes");
      }
      switch (type) {
        case 'x', 'L' -> {
          if (size > MAX_EXTENDED_HEADER) {
            throw malformed(where, "has an extended header of " + size + " bytes at " + position);
          }
          ByteBuffer body = ByteBuffer.allocate((int) size);
          readFully(channel, body, content, where);
          if (type == 'L') {
            nextName = cString(body.array(), 0, body.array().length);
          } else {
            for (Map.Entry<String, String> r : paxRecords(body.array(), where).entrySet()) {
              if (r.getKey().equals("path")) {
                nextName = r.getValue();
              } else if (r.getKey().equals("size")) {
                nextSize = paxSize(r.getValue(), where);
              }
            }
          }
        }
        case '0', 0, '7' -> {
          long fileSize = nextSize >= 0 ? nextSize : size;
          if (content + fileSize > length) {
            throw malformed(where, "is cut short in its entry at byte " + position);
          }
          files.put(normalize(nextName != null ? nextName : name(h)),
              new Slice(content, fileSize));
          size = fileSize;
          nextName = null;
          nextSize = -1;
        }
        default -> { // directories, links, global pax headers: nothing a layout reads
          nextName = null;
          nextSize = -1;
        }
      }
      position = content + TarFormat.padded(size);
    }
    return new TarIndex(files);
  }

  private static String normalize(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.charAt(0) == '.' ? 2 : 1);
    }
    return n;
  }

  private static String name(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String cString(byte[] bytes, int offset, int max) {
    int end = offset;
    while (end < offset + max && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** An octal field, or a base-256 one (GNU) when its first byte has the high bit set. */
  private static long number(byte[] h, int offset, int width, String where, long at)
      throws LayoutException {
    if ((h[offset] & 0x80) != 0) {
      long value = h[offset] & 0x7f;
      for (int i = 1; i < width; i++) {
        if ((value >>> 55) != 0) {
          throw malformed(where, "has a size beyond any file at byte " + at);
        }
        value = (value << 8) | (h[offset + i] & 0xff);
      }
      return value;
    }
    String text = cString(h, offset, width).trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw malformed(where, "has a bad number in the tar header at byte " + at);
    }
  }

  private static long paxSize(String value, String where) throws LayoutException {
    try {
      long size = Long.parseLong(value);
      if (size >= 0) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw malformed(where, "has a bad pax size: " + value);
  }

  private static boolean checksumMatches(byte[] h) {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < h.length; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : h[i];
      unsigned += b & 0xff;
      signed += b;
    }
    String text = cString(h, 148, 8).trim();
    try {
      long stored = Long.parseLong(text, 8);
      return stored == unsigned || stored == signed;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Map<String, String> paxRecords(byte[] body, String where)
      throws LayoutException {
    Map<String, String> records = new HashMap<>();
    int i = 0;
    while (i < body.length && body[i] != 0) {
      int space = i;
      while (space < body.length && body[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(body, i, space - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw malformed(where, "has a bad pax record");
      }
      if (length <= space - i || i + length > body.length) {
        throw malformed(where, "has a bad pax record length");
      }
      String record = new String(body, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
      int equals = record.indexOf('=');
      if (equals > 0) {
        records.put(record.substring(0, equals), record.substring(equals + 1));
      }
      i += length;
    }
    return records;
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long position, String where)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw malformed(where, "ends before byte " + (at + buffer.remaining()));
      }
      at += n;
    }
  }

  private static LayoutException malformed(String where, String what) {
    return new LayoutException(LayoutException.Kind.MALFORMED, where + " " + what);
  }
}
