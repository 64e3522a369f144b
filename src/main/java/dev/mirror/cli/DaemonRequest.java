package dev.mirror.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to {@link MirrorDaemon}, as the launcher sends it: NUL-terminated fields (token,
 * working directory, argument count, the arguments, {@code NAME=value} environment entries, an
 * empty field). The whole request must arrive before a deadline, so a client that connects and
 * sends nothing, or trickles bytes, cannot keep a connection (and a thread) forever.
 */
record DaemonRequest(String cwd, List<String> args, Map<String, String> env) {
  /** No real request comes near this; it bounds what a connection can make the daemon buffer. */
  private static final int MAX_REQUEST = 16 << 20;
  /** The token is 48 hex digits: a longer first field is not a launcher. */
  private static final int MAX_TOKEN = 256;

  DaemonRequest {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  /**
   * Reads a request from {@code client} within {@code deadline}; returns null when the token is
   * wrong (not our launcher). Throws when the client is too slow, sends too much, or goes away.
   * Afterwards reads on the socket block without a deadline again.
   */
  static DaemonRequest read(Socket client, String token, Duration deadline) throws IOException {
    DeadlineInput limited = new DeadlineInput(client.getInputStream(), client,
        System.nanoTime() + deadline.toNanos());
    try {
      return read(new BufferedInputStream(limited, 8192), token);
    } finally {
      client.setSoTimeout(0);
    }
  }

  private static DaemonRequest read(InputStream in, String token) throws IOException {
    Fields fields = new Fields(in);
    byte[] given = fields.next(MAX_TOKEN).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    String cwd = fields.next(MAX_REQUEST);
    int count;
    try {
      count = Integer.parseInt(fields.next(16));
    } catch (NumberFormatException e) {
      throw new IOException("the request's argument count is not a number");
    }
    List<String> args = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      args.add(fields.next(MAX_REQUEST));
    }
    Map<String, String> env = new HashMap<>();
    for (String entry = fields.next(MAX_REQUEST); !entry.isEmpty();
        entry = fields.next(MAX_REQUEST)) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return new DaemonRequest(cwd, args, env);
  }

  /** NUL-terminated UTF-8 fields, at most {@link #MAX_REQUEST} bytes in all. */
  private static final class Fields {
    private final InputStream in;
    private int total;

    Fields(InputStream in) {
      this.in = in;
    }

    String next(int limit) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int b = in.read(); b != 0; b = in.read()) {
        if (b < 0) {
          throw new IOException("the request ended early");
        }
        if (bytes.size() >= limit || ++total > MAX_REQUEST) {
          throw new IOException("the request is too long");
        }
        bytes.write(b);
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** Gives each read on the socket only the time left until the deadline. */
  private static final class DeadlineInput extends FilterInputStream {
    private final Socket socket;
    private final long deadline;

    DeadlineInput(InputStream in, Socket socket, long deadline) {
      super(in);
      this.socket = socket;
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      arm();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return super.read(b, off, len);
    }

    private void arm() throws IOException {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("no complete request in time");
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }
  }
}
