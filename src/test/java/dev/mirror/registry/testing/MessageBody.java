package dev.mirror.registry.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How an HTTP/1.1 message body is delimited (RFC 9112 section 6), and copying one body from a
 * stream to another in fixed-size pieces: chunked bodies pass through with their framing intact,
 * so nothing is buffered whatever the size.
 */
record MessageBody(Kind kind, long length) {
  private static final int BUFFER = 64 * 1024;

  enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

  static final MessageBody NONE = new MessageBody(Kind.NONE, 0);

  /** A request has a body only if it says so (Transfer-Encoding or Content-Length). */
  static MessageBody ofRequest(HttpHead head) throws IOException {
    if (head.hasToken("Transfer-Encoding", "chunked")) {
      return new MessageBody(Kind.CHUNKED, -1);
    }
    long length = contentLength(head);
    return length > 0 ? new MessageBody(Kind.LENGTH, length) : NONE;
  }

  /** Responses to HEAD, 1xx, 204 and 304 never have one; otherwise unframed means until close. */
  static MessageBody ofResponse(HttpHead head, String requestMethod) throws IOException {
    int status = head.status();
    if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
      return NONE;
    }
    if (head.hasToken("Transfer-Encoding", "chunked")) {
      return new MessageBody(Kind.CHUNKED, -1);
    }
    long length = contentLength(head);
    if (length >= 0) {
      return length == 0 ? NONE : new MessageBody(Kind.LENGTH, length);
    }
    return new MessageBody(Kind.UNTIL_CLOSE, -1);
  }

  private static long contentLength(HttpHead head) throws IOException {
    String value = head.first("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IOException("bad Content-Length: " + value);
    }
  }

  /**
   * Reads this body from {@code in} and returns its content without framing; at most {@code
   * MAX_CONTENT} bytes, for bodies small enough to inspect (manifests).
   */
  byte[] readContent(InputStream in) throws IOException {
    var content = new ByteArrayOutputStream();
    switch (kind) {
      case NONE:
        break;
      case LENGTH:
        checkContentSize(length);
        copyExactly(in, content, length);
        break;
      case CHUNKED:
        while (true) {
          String sizeLine = HttpHead.readLine(in, false);
          long size = chunkSize(sizeLine);
          if (size == 0) {
            while (!HttpHead.readLine(in, false).isEmpty()) {
              // trailer fields are dropped
            }
            break;
          }
          checkContentSize(content.size() + size);
          copyExactly(in, content, size);
          HttpHead.readLine(in, false);
        }
        break;
      default:
        throw new IOException("a request body must be framed: " + kind);
    }
    return content.toByteArray();
  }

  private static final long MAX_CONTENT = 16L << 20;

  private static void checkContentSize(long size) throws IOException {
    if (size > MAX_CONTENT) {
      throw new IOException("body of " + size + " bytes is too large to read whole");
    }
  }

  private static long chunkSize(String sizeLine) throws IOException {
    int semicolon = sizeLine.indexOf(';');
    String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
    try {
      return Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size line: " + sizeLine);
    }
  }

  /** Copies this body, framing included, from {@code in} to {@code out}. */
  void copy(InputStream in, OutputStream out) throws IOException {
    switch (kind) {
      case NONE:
        return;
      case LENGTH:
        copyExactly(in, out, length);
        return;
      case UNTIL_CLOSE:
        in.transferTo(out);
        return;
      case CHUNKED:
        copyChunked(in, out);
        return;
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = HttpHead.readLine(in, false);
      writeLine(out, sizeLine);
      long size = chunkSize(sizeLine);
      if (size == 0) {
        // Trailer fields, then the empty line that ends the message.
        for (String line = HttpHead.readLine(in, false); ; line = HttpHead.readLine(in, false)) {
          writeLine(out, line);
          if (line.isEmpty()) {
            return;
          }
        }
      }
      copyExactly(in, out, size);
      writeLine(out, HttpHead.readLine(in, false));
    }
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void copyExactly(InputStream in, OutputStream out, long count)
      throws IOException {
    byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(count, 1))];
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("body ended " + left + " bytes early");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
