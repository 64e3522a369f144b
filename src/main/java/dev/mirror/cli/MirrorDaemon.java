package dev.mirror.cli;

import dev.mirror.workspace.Invocation;
import dev.mirror.workspace.ResidentState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import picocli.CommandLine;

/**
 * A resident mirror for the launcher, as Pants has pantsd: a JVM that stays up between commands,
 * so a command skips JVM start-up, class loading and JIT warm-up (most of a short run's time).
 * The launcher keeps one per build root and user, in a {@link PrivateDirectory} of that user's,
 * and starts it when it is not there.
 *
 * <p>It listens on a loopback port and writes {@code daemon.info} in its state directory,
 * readable by its owner only: a line {@code port token pid}, then a line with the JVM options it
 * was started with (the launcher replaces a daemon whose options differ from the ones it would
 * start now), then the build root and the jar it was started for, each ending with a NUL (the
 * launcher's state key is a short hash: it uses no daemon whose daemon.info names others). A client proves it may use the daemon by sending the token. A request is
 * NUL-separated fields: token, working directory, argument count, the arguments, then the
 * environment's {@code NAME=value} entries and an empty field. When the environment names the
 * launcher's pid ({@code MIRROR_CLIENT_PID}, and {@code MIRROR_CLIENT_FDS} its descriptors), the
 * command writes to the launcher's own stdout and stderr ({@link ClientOutput}) and the reply is {@code x} and the exit code. Otherwise the reply
 * is lines: {@code o} or {@code e} and a line of stdout or stderr ({@code O} and {@code E} for a
 * last line without a newline), then {@code x} and the exit code.
 *
 * <p>Each connection gets its own thread to read its request, which must arrive complete within
 * the request deadline: a client that connects and sends nothing is dropped and never holds up
 * the others. Each command runs with its client's working directory, environment and streams as
 * its own {@link Invocation}. Goals that only read (list, plan, help, completion, ...) run side
 * by side, also while a {@code run} pushes; runs take turns (a second one waits, and says so
 * after {@link #WAIT_NOTICE}), as two pushes to one registry from one build root would only get
 * in each other's way. The daemon exits once no command is running and either it has had no
 * connection for its idle time, or its {@code daemon.info} is gone or names another daemon (the
 * launcher replaced it, or {@code mirror daemon stop} removed it).
 */
public final class MirrorDaemon {
  static final Duration IDLE = Duration.ofMinutes(30);
  /** The launcher sends its request at once; seconds are plenty even on a loaded machine. */
  static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);
  /** Connections still sending their request at one time; more are closed at once. */
  private static final int MAX_PENDING = 16;
  /** How long a client waits for the running command before it says that it waits. */
  static final Duration WAIT_NOTICE = Duration.ofSeconds(1);
  /** How often the daemon looks at its idle time and its info file between connections. */
  private static final Duration TICK = Duration.ofSeconds(1);
  /** Read at start: another idle time, in seconds (tests use a few). */
  static final String IDLE_SECONDS_ENV = "MIRROR_DAEMON_IDLE_SECONDS";

  /**
   * How a daemon behaves: the deadline for a request, the idle time after which it exits, and
   * the JVM options, build root and jar it records for the launcher to compare.
   */
  record Settings(Duration requestDeadline, Duration idle, String jvmOptions, String buildRoot,
      String jar) {
    static Settings defaults() {
      return new Settings(REQUEST_DEADLINE, IDLE, "", "", "");
    }

    Settings withRequestDeadline(Duration deadline) {
      return new Settings(deadline, idle, jvmOptions, buildRoot, jar);
    }

    Settings withIdle(Duration time) {
      return new Settings(requestDeadline, time, jvmOptions, buildRoot, jar);
    }

    Settings withJvmOptions(String options) {
      return new Settings(requestDeadline, idle, options, buildRoot, jar);
    }

    /** The build root and jar the launcher started it for (paths as the launcher has them). */
    Settings withLauncherKey(String root, String jarPath) {
      return new Settings(requestDeadline, idle, jvmOptions, root, jarPath);
    }
  }

  private final Path stateDir;
  private final Settings settings;
  private final String token;
  private final ServerSocket server;
  private final Semaphore pending = new Semaphore(MAX_PENDING);
  /** Connections being read or served: the daemon does not go idle under a running command. */
  private final AtomicInteger open = new AtomicInteger();
  /** When the last connection came or ended, for the idle time. */
  private volatile long lastActive = System.nanoTime();
  /** Runs take turns; a run that comes meanwhile waits, fairly, in order of arrival. */
  private final ReentrantLock oneRunAtATime = new ReentrantLock(true);
  /** What commands keep for the next ones (the BUILD files' evaluation). */
  private final ResidentState resident = ResidentState.resident();
  /** The running run's arguments, for a waiting client's message. */
  private volatile String running = "";
  private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
    Thread t = new Thread(runnable, "mirror-daemon-client");
    t.setDaemon(true);
    return t;
  });
  /**
   * The next command's command line, built ahead on {@link #preparer} after each command (it
   * takes picocli milliseconds); null while none is ready, and a command then builds its own.
   * Each serves one command, so nothing of one command's options reaches another.
   */
  private final AtomicReference<CommandLine> spare = new AtomicReference<>();
  private final ExecutorService preparer = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "mirror-daemon-prepare");
    t.setDaemon(true);
    return t;
  });

  private MirrorDaemon(Path stateDir, Settings settings) throws IOException {
    this.stateDir = stateDir;
    this.settings = settings;
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    this.token = HexFormat.of().formatHex(secret);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /** {@code MirrorDaemon STATE_DIR [JVM_OPTIONS [BUILD_ROOT JAR]]}, as the launcher starts it. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 4 || args.length == 3) {
      System.err.println("usage: MirrorDaemon STATE_DIR [JVM_OPTIONS [BUILD_ROOT JAR]]");
      System.exit(2);
    }
    Settings settings = Settings.defaults()
        .withIdle(idleFrom(System.getenv(IDLE_SECONDS_ENV)))
        .withJvmOptions(args.length >= 2 ? args[1] : "")
        .withLauncherKey(args.length == 4 ? args[2] : "", args.length == 4 ? args[3] : "");
    MirrorDaemon daemon = start(Path.of(args[0]), settings);
    daemon.serve();
    System.exit(0);
  }

  /** The idle time {@link #IDLE_SECONDS_ENV} gives, or {@link #IDLE} when it gives none. */
  static Duration idleFrom(String seconds) {
    if (seconds != null && seconds.matches("[1-9][0-9]{0,8}")) {
      return Duration.ofSeconds(Long.parseLong(seconds));
    }
    return IDLE;
  }

  /** Listens and publishes {@code daemon.info}; {@link #serve()} then answers requests. */
  static MirrorDaemon start(Path stateDir) throws IOException {
    return start(stateDir, Settings.defaults());
  }

  /** {@link #start(Path)} with another deadline for requests (tests shorten it). */
  static MirrorDaemon start(Path stateDir, Duration requestDeadline) throws IOException {
    return start(stateDir, Settings.defaults().withRequestDeadline(requestDeadline));
  }

  static MirrorDaemon start(Path stateDir, Settings settings) throws IOException {
    PrivateDirectory.create(stateDir);
    MirrorDaemon daemon = new MirrorDaemon(stateDir, settings);
    Path temp = Files.createTempFile(stateDir, "daemon", ".info",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    // One line each: the launcher reads them with bash's read, so no newline may hide in them.
    Files.writeString(temp, daemon.server.getLocalPort() + " " + daemon.token + " "
        + ProcessHandle.current().pid() + "\n" + settings.jvmOptions().replaceAll("[\r\n]", " ")
        + "\n" + settings.buildRoot().replace("\0", "") + "\0" + settings.jar().replace("\0", "")
        + "\0");
    Files.move(temp, daemon.infoFile(), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    return daemon;
  }

  Path infoFile() {
    return stateDir.resolve("daemon.info");
  }

  int port() {
    return server.getLocalPort();
  }

  String token() {
    return token;
  }

  /**
   * Answers requests until closed, or until no command runs and it has been idle for its idle
   * time or been replaced.
   */
  void serve() throws IOException {
    long idleNanos = settings.idle().toNanos();
    try {
      server.setSoTimeout((int) Math.max(1, Math.min(TICK.toMillis(), settings.idle().toMillis())));
    } catch (SocketException closed) {
      // Closed before it served: accept below says so.
    }
    prepareNext();
    try (server) {
      while (true) {
        Socket client;
        try {
          client = server.accept();
        } catch (SocketTimeoutException tick) {
          if (open.get() == 0 && (System.nanoTime() - lastActive >= idleNanos || replaced())) {
            break;
          }
          continue;
        } catch (IOException e) {
          if (server.isClosed()) {
            break;
          }
          continue;
        }
        if (!pending.tryAcquire()) {
          client.close(); // a flood of connections: the launcher will start its own mirror
          continue;
        }
        open.incrementAndGet();
        lastActive = System.nanoTime();
        connections.execute(() -> handle(client));
      }
    } finally {
      connections.shutdownNow();
      preparer.shutdownNow();
      if (!replaced()) {
        Files.deleteIfExists(infoFile());
      }
    }
  }

  /** Whether daemon.info no longer names this daemon: no new client can find it. */
  private boolean replaced() {
    try {
      return !Files.readString(infoFile()).contains(" " + token + " ");
    } catch (IOException e) {
      return true;
    }
  }

  void close() throws IOException {
    server.close();
  }

  /** A command line for the next command: the spare when one is ready, else a new one. */
  private CommandLine commandLine() {
    CommandLine ready = spare.getAndSet(null);
    return ready != null ? ready : Main.prepare();
  }

  /** Builds the spare, unless one is ready. */
  private void prepareNext() {
    try {
      preparer.execute(() -> {
        if (spare.get() == null) {
          spare.compareAndSet(null, Main.prepare());
        }
      });
    } catch (RejectedExecutionException stopping) {
      // The daemon is ending: no next command.
    }
  }

  private void handle(Socket client) {
    try (client) {
      DaemonRequest request;
      try {
        request = DaemonRequest.read(client, token, settings.requestDeadline());
      } finally {
        pending.release();
      }
      if (request == null) {
        return; // not our launcher
      }
      answer(client, request);
    } catch (IOException e) {
      // Too slow, too long, or gone mid-request: dropping it does not stop the daemon.
    } catch (InterruptedException e) {
      // The client hung up while waiting for its turn.
    } finally {
      lastActive = System.nanoTime();
      open.decrementAndGet();
      prepareNext(); // once the client has its answer, not while its command runs
    }
  }

  private void answer(Socket client, DaemonRequest request)
      throws IOException, InterruptedException {
    OutputStream socket = client.getOutputStream();
    ClientOutput output = ClientOutput.open(request.env(), socket);
    Thread hangUp = watchForHangUp(client.getInputStream(), Thread.currentThread());
    String[] args = request.args().toArray(String[]::new);
    CommandLine cli = commandLine();
    boolean isRun = Main.isRun(cli, args);
    int code;
    try {
      if (isRun) {
        try {
          waitForTurn(output);
        } catch (InterruptedException hungUp) {
          output.finish();
          throw hungUp;
        }
        running = String.join(" ", args);
      }
      try {
        // The client's terminal, as its launcher reports it: the daemon has none of its own.
        Invocation invocation = new Invocation(Path.of(request.cwd()), request.env(),
            Invocation.homeOf(request.env()), output.out, output.err,
            "1".equals(request.env().get("MIRROR_STDERR_TTY")), resident);
        try {
          code = Main.bind(cli, invocation).execute(args);
        } finally {
          output.finish(); // before the exit code: the client exits when it has that
        }
      } finally {
        if (isRun) {
          running = "";
          oneRunAtATime.unlock();
        }
      }
    } finally {
      hangUp.interrupt();
      Thread.interrupted(); // a hang-up that came as the command ended is not the next one's
    }
    synchronized (socket) {
      socket.write(("x" + code + "\n").getBytes(StandardCharsets.UTF_8));
      socket.flush();
    }
  }

  /**
   * Takes the run's turn. As pantsd does, a client kept waiting says so once, on its stderr,
   * with what it waits for; a second is long enough to be noticed and rarely reached.
   */
  private void waitForTurn(ClientOutput output) throws InterruptedException, IOException {
    if (oneRunAtATime.tryLock(WAIT_NOTICE.toMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
    output.err.println("mirror: waiting for the mirror daemon (running: " + running + ")");
    output.sendSpooled();
    oneRunAtATime.lockInterruptibly();
  }

  /**
   * Interrupts the command when its client goes away (Ctrl-C on the launcher closes the socket),
   * as it would stop a command running in the client's own process. The client sends nothing
   * after its request, so any read that returns is the hang-up.
   */
  private static Thread watchForHangUp(InputStream in, Thread command) {
    Thread watcher = new Thread(() -> {
      try {
        in.read();
      } catch (IOException e) {
        // The socket was closed here, after the command: nothing to stop.
        return;
      }
      if (!Thread.currentThread().isInterrupted()) {
        command.interrupt();
      }
    }, "mirror-daemon-hangup");
    watcher.setDaemon(true);
    watcher.start();
    return watcher;
  }

  /** Text written to one of the client's streams, sent a line at a time with its channel. */
  static final class FramedWriter extends Writer {
    private final OutputStream socket;
    private final char channel;
    private final StringBuilder line = new StringBuilder();

    FramedWriter(OutputStream socket, char channel) {
      this.socket = socket;
      this.channel = channel;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) throws IOException {
      for (int i = offset; i < offset + length; i++) {
        if (chars[i] == '\n') {
          send(channel, line);
          line.setLength(0);
        } else {
          line.append(chars[i]);
        }
      }
    }

    /** Sends what is left of the last line, marked as ending without a newline. */
    synchronized void finish() throws IOException {
      if (line.length() > 0) {
        send(Character.toUpperCase(channel), line);
        line.setLength(0);
      }
    }

    private void send(char kind, CharSequence text) throws IOException {
      byte[] frame = (kind + text.toString() + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (socket) {
        socket.write(frame);
        socket.flush();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
