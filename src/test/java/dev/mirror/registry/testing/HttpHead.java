package dev.mirror.registry.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The start line and header fields of an HTTP/1.1 message, read from and written to raw sockets
 * by {@link RegistryProxy}. Header order and spelling are kept; lookups ignore case.
 */
final class HttpHead {
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 200;

  private String startLine;
  private final List<String[]> fields;

  private HttpHead(String startLine, List<String[]> fields) {
    this.startLine = startLine;
    this.fields = fields;
  }

  static HttpHead of(String startLine) {
    return new HttpHead(startLine, new ArrayList<>());
  }

  /** Reads a head; {@code null} if the stream ends cleanly before its first byte. */
  static HttpHead read(InputStream in) throws IOException {
    String start = readLine(in, true);
    if (start == null) {
      return null;
    }
    // RFC 9112 lets a server ignore empty lines before a request line.
    while (start.isEmpty()) {
      start = readLine(in, true);
      if (start == null) {
        return null;
      }
    }
    List<String[]> fields = new ArrayList<>();
    for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
      int colon = line.indexOf(':');
      if (colon <= 0 || fields.size() >= MAX_HEADERS) {
        throw new IOException("malformed header line: " + line);
      }
      fields.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
    }
    return new HttpHead(start, fields);
  }

  /** One CRLF- (or LF-) terminated line without its terminator, as ISO-8859-1. */
  static String readLine(InputStream in, boolean endAllowed) throws IOException {
    var line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        if (endAllowed && line.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside an HTTP line");
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  String startLine() {
    return startLine;
  }

  void startLine(String line) {
    startLine = line;
  }

  /** The request method, or the response's protocol version. */
  String part(int index) {
    String[] parts = startLine.split(" ", 3);
    return index < parts.length ? parts[index] : "";
  }

  int status() {
    try {
      return Integer.parseInt(part(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  String first(String name) {
    for (String[] field : fields) {
      if (field[0].equalsIgnoreCase(name)) {
        return field[1];
      }
    }
    return null;
  }

  /** Whether a comma-separated header such as Connection holds {@code token}. */
  boolean hasToken(String name, String token) {
    for (String[] field : fields) {
      if (field[0].equalsIgnoreCase(name)) {
        for (String part : field[1].split(",")) {
          if (part.strip().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  HttpHead set(String name, String value) {
    remove(name);
    fields.add(new String[] {name, value});
    return this;
  }

  HttpHead remove(String name) {
    fields.removeIf(field -> field[0].equalsIgnoreCase(name));
    return this;
  }

  /** Drops hop-by-hop fields (RFC 9110 7.6.1), including those the Connection field names. */
  HttpHead removeHopByHop() {
    List<String> named = new ArrayList<>();
    for (String[] field : fields) {
      if (field[0].equalsIgnoreCase("Connection")) {
        for (String token : field[1].split(",")) {
          named.add(token.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    fields.removeIf(field -> {
      String name = field[0].toLowerCase(Locale.ROOT);
      return named.contains(name) || name.equals("connection") || name.equals("keep-alive")
          || name.equals("proxy-connection") || name.equals("upgrade") || name.equals("te")
          || name.equals("http2-settings");
    });
    return this;
  }

  /** A case-insensitive copy of the fields, for recording. */
  Map<String, List<String>> toMap() {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String[] field : fields) {
      map.computeIfAbsent(field[0], k -> new ArrayList<>()).add(field[1]);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return map;
  }

  byte[] bytes() {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    for (String[] field : fields) {
      text.append(field[0]).append(": ").append(field[1]).append("\r\n");
    }
    return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return startLine;
  }
}
