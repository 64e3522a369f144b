package dev.mirror.starlark.syntax;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a file's bytes as UTF-8, strictly. A byte sequence that is not UTF-8 is an error that
 * says where it is (line and byte offset), so the user can find it; the JDK's own exception only
 * says "Input length = 1".
 */
public final class SourceDecoder {
  private SourceDecoder() {}

  /** Bytes that are not UTF-8: the 1-based line and 0-based byte offset of the first bad one. */
  public static final class NotUtf8Exception extends Exception {
    private final int line;
    private final long byteOffset;

    NotUtf8Exception(int line, long byteOffset) {
      super("not valid UTF-8 at byte " + byteOffset, null, false, false);
      this.line = line;
      this.byteOffset = byteOffset;
    }

    public int line() {
      return line;
    }

    public long byteOffset() {
      return byteOffset;
    }
  }

  public static String decode(byte[] bytes) throws NotUtf8Exception {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new NotUtf8Exception(lineAt(bytes, offset), offset);
    }
    return out.flip().toString();
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
