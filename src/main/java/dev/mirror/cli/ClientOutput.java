package dev.mirror.cli;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a daemon client's command writes its stdout and stderr. Each of the two goes the fastest
 * way that writes exactly what a run in the client's own process would have written:
 *
 * <ul>
 *   <li><b>Direct</b>: the daemon opens the launcher's own descriptor, {@code /proc/PID/fd/N},
 *       and writes to it. N is 1 and 2, or the copies of them that {@code MIRROR_CLIENT_FDS}
 *       names ({@code "4 5"}, {@code -} for a closed one): the launcher writes its request with
 *       builtins, whose redirections move its fd 1 and 2 for a moment, never those copies. Relaying frames costs the launcher a bash {@code read} per byte and a
 *       {@code printf} per line (a megabyte of {@code list} output took seconds); this costs what
 *       a run's own writes cost, and carries any bytes. The kernel lets a process open another's
 *       descriptors only when it may inspect it (same user, ptrace read access), and the client
 *       has shown the token first, so this gives a client nothing it could not do itself.
 *       Opening the link makes a new open file description: right for a terminal, a pipe or a
 *       device, and for a regular file the client's shell opened with {@code >>} (O_APPEND, read
 *       from {@code /proc/PID/fdinfo/N}) when opened for appending too.
 *   <li><b>Spooled</b>: a regular file opened without O_APPEND ({@code >}) would be written from
 *       offset 0 by a new description, clobbering it, and the client's shell keeps using its own
 *       offset afterwards. So its bytes come over the socket in counted chunks
 *       ({@code s}/{@code S}, a length and a newline, then the bytes) that the launcher copies
 *       with {@code head -c} to its descriptor, whose offset thus moves as it should. When stdout
 *       and stderr are the same file ({@code >f 2>&1}) they share one spool, in order.
 *   <li><b>Framed</b>: lines ({@link MirrorDaemon.FramedWriter}), when the descriptor cannot be
 *       opened (a socket, another user's process, no {@code /proc}) or no pid was sent.
 * </ul>
 */
final class ClientOutput {
  /** O_APPEND in {@code /proc/PID/fdinfo}'s octal {@code flags}. */
  private static final int O_APPEND = 02000;
  /**
   * A spooled chunk is sent when it reaches this size, or at a writer's flush this long after
   * the last one (so a file's progress lines still come along while a run goes on), and at the
   * end. Each chunk costs the launcher a {@code head}.
   */
  private static final int CHUNK = 1 << 20;
  private static final long CHUNK_NANOS = 200_000_000L;

  final PrintWriter out;
  final PrintWriter err;
  private final List<Finisher> finishers = new ArrayList<>();
  private final List<Spool> spools = new ArrayList<>();

  private interface Finisher {
    void finish() throws IOException;
  }

  private ClientOutput(Map<String, String> env, OutputStream socket) {
    String pid = env.getOrDefault("MIRROR_CLIENT_PID", "");
    boolean procfs = pid.matches("[1-9][0-9]{0,9}");
    String[] descriptors = descriptors(env.get("MIRROR_CLIENT_FDS"));
    Spool outSpool = null;
    PrintWriter o = null;
    PrintWriter e = null;
    for (int fd = 1; fd <= 2; fd++) {
      PrintWriter chosen = null;
      String descriptor = descriptors[fd - 1];
      Path link = procfs && descriptor != null ? Path.of("/proc", pid, "fd", descriptor) : null;
      if (link != null && isRegularFile(link) && !appends(pid, descriptor)) {
        if (fd == 2 && outSpool != null && sameFile(link, outSpool.link)) {
          chosen = writer(outSpool);
        } else {
          Spool spool = new Spool(socket, fd == 1 ? 's' : 'S', link);
          finishers.add(spool::finish);
          spools.add(spool);
          outSpool = fd == 1 ? spool : outSpool;
          chosen = writer(spool);
        }
      } else if (link != null) {
        OutputStream direct = openDirect(link);
        if (direct != null) {
          finishers.add(() -> closeQuietly(direct));
          chosen = writer(direct);
        }
      }
      if (chosen == null) {
        MirrorDaemon.FramedWriter framed = new MirrorDaemon.FramedWriter(socket, fd == 1 ? 'o' : 'e');
        finishers.add(framed::finish);
        chosen = new PrintWriter(framed, true);
      }
      if (fd == 1) {
        o = chosen;
      } else {
        e = chosen;
      }
    }
    this.out = o;
    this.err = e;
  }

  /**
   * The client's descriptors for stdout and stderr, as {@code MIRROR_CLIENT_FDS} names them
   * ({@code "4 5"}): null for one that is closed ({@code -}); 1 and 2 when it is not there.
   */
  static String[] descriptors(String fds) {
    if (fds == null) {
      return new String[] {"1", "2"};
    }
    String[] given = fds.strip().split(" ");
    String[] result = new String[2];
    for (int i = 0; i < 2 && i < given.length; i++) {
      result[i] = given[i].matches("[0-9]{1,6}") ? given[i] : null;
    }
    return result;
  }

  /** The streams for a client whose environment is {@code env}, replying on {@code socket}. */
  static ClientOutput open(Map<String, String> env, OutputStream socket) {
    return new ClientOutput(env, socket);
  }

  /** Writes out all that is buffered; the client may exit once this returns. */
  void finish() throws IOException {
    out.flush();
    err.flush();
    for (Finisher f : finishers) {
      f.finish();
    }
  }

  /** Sends what is spooled now: a message the client should see while it waits. */
  void sendSpooled() throws IOException {
    out.flush();
    err.flush();
    for (Spool spool : spools) {
      spool.finish();
    }
  }

  private static PrintWriter writer(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  private static boolean isRegularFile(Path link) {
    try {
      return Files.isRegularFile(link);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether the descriptor is in append mode ({@code flags:\t0102001} in fdinfo). */
  private static boolean appends(String pid, String fd) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "fdinfo", fd))) {
        if (line.startsWith("flags:")) {
          return (Integer.parseInt(line.substring("flags:".length()).strip(), 8) & O_APPEND) != 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unreadable: treated as not appending, which spools and so never clobbers.
    }
    return false;
  }

  private static OutputStream openDirect(Path link) {
    try {
      // APPEND matters for a regular file in append mode and is harmless elsewhere; never
      // TRUNCATE_EXISTING or CREATE.
      return new BufferedOutputStream(
          Files.newOutputStream(link, StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // The client's reader went away (a closed pipe): nothing more to write to.
    }
  }

  /** Bytes for one of the client's regular files, sent in counted chunks. */
  private static final class Spool extends OutputStream {
    private final OutputStream socket;
    private final char kind;
    final Path link;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long sent = System.nanoTime();

    Spool(OutputStream socket, char kind, Path link) {
      this.socket = socket;
      this.kind = kind;
      this.link = link;
    }

    @Override
    public synchronized void write(int b) {
      buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    /** A writer's flush: not every line, so that a line costs no process in the client. */
    @Override
    public synchronized void flush() throws IOException {
      if (buffer.size() >= CHUNK || buffer.size() > 0 && System.nanoTime() - sent >= CHUNK_NANOS) {
        send();
      }
    }

    synchronized void finish() throws IOException {
      if (buffer.size() > 0) {
        send();
      }
    }

    private void send() throws IOException {
      byte[] header = (kind + Integer.toString(buffer.size()) + "\n")
          .getBytes(StandardCharsets.US_ASCII);
      synchronized (socket) {
        socket.write(header);
        buffer.writeTo(socket);
        socket.flush();
      }
      buffer.reset();
      sent = System.nanoTime();
    }
  }
}
