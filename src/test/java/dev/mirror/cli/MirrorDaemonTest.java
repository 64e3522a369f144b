package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.testing.Credentials;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident mirror's protocol, as the launcher speaks it. */
class MirrorDaemonTest {
  private static final String PANTS_TOML =
      "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n";

  @TempDir
  Path dir;

  private MirrorDaemon daemon;
  private Thread serving;

  @BeforeEach
  void start() throws IOException {
    // A deadline far beyond the tests' own timeouts: passing must not depend on dropping anyone.
    daemon = MirrorDaemon.start(dir.resolve("state"), Duration.ofMinutes(5));
    serving = serve(daemon);
  }

  private static Thread serve(MirrorDaemon daemon) {
    Thread serving = new Thread(() -> {
      try {
        daemon.serve();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    serving.start();
    return serving;
  }

  @AfterEach
  void stop() throws Exception {
    daemon.close();
    serving.join(5000);
  }

  private byte[] request(String token, Path cwd, List<String> args, Map<String, String> env)
      throws IOException {
    return request(daemon.port(), token, cwd, args, env);
  }

  private static byte[] request(int port, String token, Path cwd, List<String> args,
      Map<String, String> env) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      send(socket, token, cwd, args, env);
      InputStream in = socket.getInputStream();
      return in.readAllBytes();
    }
  }

  private static void send(Socket socket, String token, Path cwd, List<String> args,
      Map<String, String> env) throws IOException {
    OutputStream out = socket.getOutputStream();
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    for (String f : List.of(token, cwd.toString(), Integer.toString(args.size()))) {
      fields.writeBytes((f + "\0").getBytes(StandardCharsets.UTF_8));
    }
    args.forEach(a -> fields.writeBytes((a + "\0").getBytes(StandardCharsets.UTF_8)));
    env.forEach((k, v) -> fields.writeBytes((k + "=" + v + "\0").getBytes(StandardCharsets.UTF_8)));
    fields.write(0);
    out.write(fields.toByteArray());
    out.flush();
  }

  @Test
  void publishesItsPortAndTokenToItsOwnerOnly() throws IOException {
    String info = Files.readString(daemon.infoFile()).strip();
    assertEquals(daemon.port() + " " + daemon.token() + " " + ProcessHandle.current().pid(), info);
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(daemon.infoFile()));
  }

  @Test
  void runsACommandInTheClientsDirectoryWithFramedOutput() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
    Files.writeString(repo.resolve("BUILD"), "python_sources(name='a')\npython_sources(name='b')\n");
    String reply = new String(request(daemon.token(), repo, List.of("list", "::", "--sep=,"),
        Map.of("PANTS_IGNORE_NOTHING", "1")), StandardCharsets.UTF_8);
    assertEquals("O//:a,//:b,\nx0\n", reply);

    String failed = new String(request(daemon.token(), repo, List.of("list", ":nope"), Map.of()),
        StandardCharsets.UTF_8);
    assertTrue(failed.startsWith("eerror: The address //:nope from CLI arguments does not exist."),
        failed);
    assertTrue(failed.endsWith("x1\n"), failed);
  }

  @Test
  void theClientsEnvironmentIsTheCommandsEnvironment() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("env-repo"));
    Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
    Files.writeString(repo.resolve("BUILD"), "python_sources(name='a', tags=['x'])\n"
        + "python_sources(name='b')\n");
    String reply = new String(request(daemon.token(), repo, List.of("list", "::"),
        Map.of("PANTS_TAG", "x")), StandardCharsets.UTF_8);
    assertEquals("o//:a\nx0\n", reply);
  }

  /**
   * Credentials as the client would find them: its HOME's docker config, whose credsStore helper
   * is on the client's PATH only, and reads the secret from the client's environment.
   */
  @Test
  void credentialsComeFromTheClientsHomePathAndEnvironment() throws IOException {
    String secret = "canary-secret-7f3a";
    try (LocalRegistry source = LocalRegistry.start();
        LocalRegistry guarded = LocalRegistry.builder().basicAuth("pusher", secret).start()) {
      PushedImage image = new TestImages(source).pushOciImage("up/app", "1");
      Path home = Files.createDirectories(dir.resolve("client-home"));
      Files.createDirectories(home.resolve(".docker"));
      Files.writeString(home.resolve(".docker/config.json"), "{\"credsStore\": \"clientonly\"}");
      Path bin = Files.createDirectories(dir.resolve("client-bin"));
      Path helper = bin.resolve("docker-credential-clientonly");
      Files.writeString(helper, "#!/bin/sh\nread server\n"
          + "printf '{\"Username\":\"pusher\",\"Secret\":\"%s\"}' \"$CLIENT_SECRET\"\n");
      Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
      Path repo = Files.createDirectories(dir.resolve("cred-repo"));
      Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
      Files.writeString(repo.resolve("BUILD"), "oci_mirror_image(name='app', source_repository='"
          + source.host() + "/up/app', destination_repository='" + guarded.host()
          + "/mirror/app', sha='" + image.hex() + "', tag='1')\n");

      String reply = new String(request(daemon.token(), repo, List.of("run", "::"), Map.of(
          "HOME", home.toString(), "PATH", bin + ":/usr/bin:/bin", "CLIENT_SECRET", secret)),
          StandardCharsets.UTF_8);
      assertTrue(reply.endsWith("x0\n"), reply);
      assertFalse(reply.contains(secret), reply);
      assertEquals(Optional.of(image.digest()), new TestImages(guarded,
          Credentials.basic("pusher", secret)).tagDigest("mirror/app", "1"));
    }
  }

  @Test
  void aWrongTokenGetsNothing() throws IOException {
    byte[] reply = request("not-the-token", dir, List.of("list", "::"), Map.of());
    assertEquals(0, reply.length);
    assertFalse(daemon.token().isEmpty());
  }

  @Test
  void anIdleConnectionDoesNotHoldTheDaemon() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("idle-repo"));
    Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
    Files.writeString(repo.resolve("BUILD"), "python_sources(name='a')\n");
    try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), daemon.port());
        Socket half = new Socket(InetAddress.getLoopbackAddress(), daemon.port())) {
      half.getOutputStream().write((daemon.token() + "\0").getBytes(StandardCharsets.UTF_8));
      String reply = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new String(
          request(daemon.token(), repo, List.of("list", "::"), Map.of()), StandardCharsets.UTF_8));
      assertEquals("o//:a\nx0\n", reply);
    }
  }

  @Test
  void aClientThatSendsNothingIsDropped() throws Exception {
    MirrorDaemon strict = MirrorDaemon.start(dir.resolve("strict"), Duration.ofMillis(500));
    Thread strictServing = serve(strict);
    try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), strict.port())) {
      int read = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> silent.getInputStream().read());
      assertEquals(-1, read);
    } finally {
      strict.close();
      strictServing.join(5000);
    }
  }

  @Test
  void aClientThatTricklesItsRequestIsDroppedAtTheDeadline() throws Exception {
    MirrorDaemon strict = MirrorDaemon.start(dir.resolve("strict"), Duration.ofMillis(500));
    Thread strictServing = serve(strict);
    try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), strict.port())) {
      long start = System.nanoTime();
      // One byte of the token every 100 ms: each read is quick, the request never completes.
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        try {
          for (byte b : strict.token().getBytes(StandardCharsets.UTF_8)) {
            slow.getOutputStream().write(b);
            slow.getOutputStream().flush();
            Thread.sleep(100);
          }
        } catch (IOException dropped) {
          return;
        }
        assertEquals(-1, slow.getInputStream().read());
      });
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos());
    } finally {
      strict.close();
      strictServing.join(5000);
    }
  }

  /**
   * The launcher relays a daemon's reply; a daemon killed mid-command must not look like a
   * command that printed nothing and failed, or like success.
   */
  @Test
  void theLauncherSaysSoWhenTheDaemonDiesMidCommand() throws Exception {
    Path root = launcherRoot();
    Path state = root.resolve("target/daemon");

    // A registry that accepts and never answers: the command is running once it is called.
    try (java.net.ServerSocket registry =
            new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Path repo = Files.createDirectories(dir.resolve("run-repo"));
      Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
      String host = "127.0.0.1:" + registry.getLocalPort();
      Files.writeString(repo.resolve("BUILD"), "oci_mirror_image(name='a', source_repository='"
          + host + "/src', destination_repository='" + host + "/dst', sha='" + "1".repeat(64)
          + "')\n");

      Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          "dev.mirror.cli.MirrorDaemon", state.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
      try {
        Path info = state.resolve("daemon.info");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
          while (!Files.exists(info)) {
            Thread.sleep(50);
          }
        });
        ProcessBuilder launcher = new ProcessBuilder("bash", root.resolve("mirror").toString(),
            "run", "::", "--docker-config=" + repo.resolve("none.json"))
            .directory(repo.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        launcher.environment().put("MIRROR_DAEMON", "1");
        launcher.environment().remove("MIRROR_JAVA_OPTS");
        Process client = launcher.start();
        Socket call = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> registry.accept());
        server.destroyForcibly().waitFor();
        call.close();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> client.waitFor());
        String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.exitValue() != 0, err);
        assertTrue(err.contains("the mirror daemon (pid " + server.pid() + ") went away"), err);
      } finally {
        server.destroyForcibly();
      }
    }
  }

  /**
   * A copy of the launcher whose jar (empty: starting java with it fails) is older than any
   * daemon's info file, so it hands run to a daemon in {@code target/daemon}.
   */
  private Path launcherRoot() throws IOException {
    Path root = Files.createDirectories(dir.resolve("launcher"));
    Files.copy(Path.of("mirror").toAbsolutePath(), root.resolve("mirror"));
    Files.writeString(root.resolve("pom.xml"), "");
    Files.createDirectories(root.resolve("src/main"));
    Path jar = Files.createDirectories(root.resolve("target")).resolve("mirror.jar");
    Files.writeString(jar, "");
    for (Path p : List.of(jar, root.resolve("pom.xml"), root.resolve("src/main"))) {
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(0));
    }
    return root;
  }

  /** The launcher finds the goal after global options and their values, as picocli does. */
  @Test
  void theLauncherFindsRunAfterGlobalOptionsWithValues() throws Exception {
    Path root = launcherRoot();
    MirrorDaemon resident = MirrorDaemon.start(root.resolve("target/daemon"), Duration.ofSeconds(30));
    Thread residentServing = serve(resident);
    try {
      Path repo = Files.createDirectories(dir.resolve("opts-repo"));
      Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
      Files.writeString(repo.resolve("BUILD"), "python_sources(name='a')\n");
      ProcessBuilder launcher = new ProcessBuilder("bash", root.resolve("mirror").toString(),
          "--unmatched-cli-globs", "warn", "--tag", "x", "run", "::")
          .directory(repo.toFile()).redirectErrorStream(true);
      launcher.environment().put("MIRROR_DAEMON", "1");
      launcher.environment().remove("MIRROR_JAVA_OPTS");
      Process client = launcher.start();
      String output = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(0, client.waitFor(), output);
      assertEquals("No oci_mirror_image targets among the targets the specs selected.\n", output);
    } finally {
      resident.close();
      residentServing.join(5000);
    }
  }

  /** A daemon serving the launcher copy at {@code root}, in this JVM; closed by the caller. */
  private MirrorDaemon residentFor(Path root) throws IOException {
    MirrorDaemon resident = MirrorDaemon.start(root.resolve("target/daemon"), Duration.ofSeconds(30));
    Thread residentServing = serve(resident);
    residents.add(() -> {
      resident.close();
      residentServing.join(5000);
    });
    return resident;
  }

  private final List<AutoCloseableThing> residents = new java.util.ArrayList<>();

  private interface AutoCloseableThing {
    void close() throws Exception;
  }

  @AfterEach
  void stopResidents() throws Exception {
    for (AutoCloseableThing r : residents) {
      r.close();
    }
  }

  /** The launcher at {@code root} with {@code MIRROR_DAEMON=1}, in {@code cwd}. */
  private static ProcessBuilder launcher(Path root, Path cwd, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("mirror").toString()));
    command.addAll(List.of(args));
    ProcessBuilder launcher = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    launcher.environment().put("MIRROR_DAEMON", "1");
    launcher.environment().remove("MIRROR_JAVA_OPTS");
    return launcher;
  }

  /** What a run in a fresh JVM of its own writes: stdout, stderr and the exit code. */
  private static Result fresh(Path cwd, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"), "dev.mirror.cli.Main"));
    command.addAll(List.of(args));
    return Result.of(new ProcessBuilder(command).directory(cwd.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())));
  }

  private record Result(byte[] out, byte[] err, int code) {
    /** Runs {@code process} to its end, its stdout and stderr in files (no pipe deadlock). */
    static Result of(ProcessBuilder process) throws Exception {
      Path out = Files.createTempFile("mirror-out", "");
      Path err = Files.createTempFile("mirror-err", "");
      try {
        Process p = process.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> p.waitFor());
        return new Result(Files.readAllBytes(out), Files.readAllBytes(err), code);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }
  }

  /** 20,000 targets with long names: {@code list ::} prints 1.4 MB. */
  private Path bigRepo() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("big"));
    Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
    String pad = "x".repeat(60);
    for (int d = 0; d < 100; d++) {
      StringBuilder build = new StringBuilder();
      for (int t = 0; t < 200; t++) {
        build.append(String.format("python_sources(name='t%03d_%s')%n", t, pad));
      }
      Files.writeString(Files.createDirectories(repo.resolve(String.format("d%03d", d)))
          .resolve("BUILD"), build);
    }
    return repo;
  }

  /**
   * Large output, with a warning on stderr, arrives as a run in its own JVM writes it: to a file
   * (the launcher copies counted chunks) and to a pipe (the daemon writes to it directly).
   */
  @Test
  void aLargeOutputArrivesByteForByteWithStderrApart() throws Exception {
    Path root = launcherRoot();
    residentFor(root);
    Path repo = bigRepo();
    String[] args = {"--unmatched-cli-globs=warn", "list", "::", "nothere::"};
    Result expected = fresh(repo, args);
    assertTrue(expected.out().length > 1_000_000, "only " + expected.out().length + " bytes");
    assertTrue(new String(expected.err(), StandardCharsets.UTF_8).startsWith("warning:"));

    Result toFiles = Result.of(launcher(root, repo, args));
    assertEquals(expected.code(), toFiles.code());
    assertTrue(java.util.Arrays.equals(expected.out(), toFiles.out()), "stdout differs");
    assertEquals(new String(expected.err(), StandardCharsets.UTF_8),
        new String(toFiles.err(), StandardCharsets.UTF_8));

    Process piped = launcher(root, repo, args).start();
    java.util.concurrent.Future<byte[]> err = java.util.concurrent.Executors
        .newSingleThreadExecutor().submit(() -> piped.getErrorStream().readAllBytes());
    byte[] out = piped.getInputStream().readAllBytes();
    assertEquals(expected.code(), assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> piped.waitFor()));
    assertTrue(java.util.Arrays.equals(expected.out(), out), "stdout differs");
    assertTrue(java.util.Arrays.equals(expected.err(), err.get()), "stderr differs");

    Result failed = Result.of(launcher(root, repo, "list", ":nope"));
    assertEquals(1, failed.code());
    assertEquals(0, failed.out().length);
  }

  /**
   * A file that already has content is not clobbered: appended to with >> (the daemon opens it
   * for appending), and written on from where the shell is with > in a group (counted chunks).
   */
  @Test
  void outputToAFileGoesWhereTheShellIsInIt() throws Exception {
    Path root = launcherRoot();
    residentFor(root);
    Path repo = Files.createDirectories(dir.resolve("file-repo"));
    Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
    Files.writeString(repo.resolve("BUILD"), "python_sources(name='a')\npython_sources(name='b')\n");
    Path appended = dir.resolve("appended.txt");
    Files.writeString(appended, "before\n");
    ProcessBuilder append = launcher(root, repo, "list", "::", ":nope")
        .redirectOutput(ProcessBuilder.Redirect.appendTo(appended.toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(appended.toFile()));
    assertEquals(1, assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> append.start().waitFor()));
    String text = Files.readString(appended);
    assertTrue(text.startsWith("before\nerror: The address //:nope"), text);

    Files.writeString(appended, "before\n");
    Process appending = launcher(root, repo, "list", "::")
        .redirectOutput(ProcessBuilder.Redirect.appendTo(appended.toFile())).start();
    assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(60), () -> appending.waitFor()));
    assertEquals("before\n//:a\n//:b\n", Files.readString(appended));

    Path grouped = dir.resolve("grouped.txt");
    ProcessBuilder group = new ProcessBuilder("bash", "-c",
        "{ echo before; bash \"$0\" list ::; echo after; } >\"$1\" 2>&1", root.resolve("mirror")
        .toString(), grouped.toString()).directory(repo.toFile());
    group.environment().put("MIRROR_DAEMON", "1");
    group.environment().remove("MIRROR_JAVA_OPTS");
    Result shell = Result.of(group);
    assertEquals(0, shell.code(), new String(shell.err(), StandardCharsets.UTF_8));
    assertEquals("before\n//:a\n//:b\nafter\n", Files.readString(grouped));
  }

  /** Non-ASCII text and a 200,000-character line, to a pipe and to a file, as a run writes it. */
  @Test
  void starlarkOutputIsCarriedByteForByte() throws Exception {
    Path root = launcherRoot();
    residentFor(root);
    Path work = Files.createDirectories(dir.resolve("star"));
    Files.writeString(work.resolve("p.star"),
        "print('h\u00e9llo w\u00f6rld \u2603 \uD83D\uDE00 tab\\there')\nprint('y' * 200000)\nprint('last')\n");
    Result expected = fresh(work, "starlark", "p.star");
    assertEquals(0, expected.code(), new String(expected.err(), StandardCharsets.UTF_8));
    assertTrue(new String(expected.out(), StandardCharsets.UTF_8)
        .startsWith("h\u00e9llo w\u00f6rld \u2603 \uD83D\uDE00 tab\there\n"));

    Result toFile = Result.of(launcher(root, work, "starlark", "p.star"));
    assertEquals(0, toFile.code());
    assertTrue(java.util.Arrays.equals(expected.out(), toFile.out()), "file output differs");

    Process piped = launcher(root, work, "starlark", "p.star")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = piped.getInputStream().readAllBytes();
    assertEquals(0, piped.waitFor());
    assertTrue(java.util.Arrays.equals(expected.out(), out), "piped output differs");
  }

  /** One command at a time: a second client waits its turn, and says so on its stderr. */
  @Test
  void aSecondClientWaitsAndSaysSo() throws Exception {
    Path root = launcherRoot();
    MirrorDaemon resident = residentFor(root);
    try (java.net.ServerSocket registry =
            new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Path repo = Files.createDirectories(dir.resolve("wait-repo"));
      Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
      String host = "127.0.0.1:" + registry.getLocalPort();
      Files.writeString(repo.resolve("BUILD"), "oci_mirror_image(name='a', source_repository='"
          + host + "/src', destination_repository='" + host + "/dst', sha='" + "1".repeat(64)
          + "')\npython_sources(name='b')\n");
      // The first command hangs on a registry that never answers, until its client hangs up.
      Socket first = new Socket(InetAddress.getLoopbackAddress(), resident.port());
      send(first, resident.token(), repo, List.of("run", "::",
          "--docker-config=" + repo.resolve("none.json")), Map.of());
      Socket call = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> registry.accept());

      Path err = dir.resolve("second.err");
      Path out = dir.resolve("second.out");
      Process second = launcher(root, repo, "list", "::").redirectError(err.toFile())
          .redirectOutput(out.toFile()).start();
      String waiting = "mirror: waiting for the mirror daemon (running: run :: --docker-config="
          + repo.resolve("none.json") + ")\n";
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        while (!Files.readString(err).equals(waiting)) {
          Thread.sleep(50);
        }
      });
      assertTrue(second.isAlive());
      first.close(); // as Ctrl-C: the first command is interrupted; the second one's turn
      assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(60), () -> second.waitFor()));
      assertEquals(waiting, Files.readString(err));
      assertEquals("//:a\n//:b\n", Files.readString(out));
      call.close();
    }
  }

  /** {@code mirror daemon status} and {@code stop}, on a daemon process of its own. */
  @Test
  void theLauncherReportsOnAndStopsTheDaemon() throws Exception {
    Path root = launcherRoot();
    Path state = root.resolve("target/daemon");
    Result none = Result.of(launcher(root, dir, "daemon", "status"));
    assertEquals("mirror daemon: not running\n", new String(none.out(), StandardCharsets.UTF_8));

    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        "dev.mirror.cli.MirrorDaemon", state.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
    try {
      Path info = state.resolve("daemon.info");
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        while (!Files.exists(info) || Files.readString(info).isEmpty()) {
          Thread.sleep(50);
        }
      });
      String port = Files.readString(info).split(" ")[0];
      Result status = Result.of(launcher(root, dir, "daemon", "status"));
      assertEquals(0, status.code());
      assertTrue(new String(status.out(), StandardCharsets.UTF_8).matches(
          "mirror daemon: running, pid " + server.pid() + ", port " + port
          + ", up 0h00m0[0-9]s\n"), new String(status.out(), StandardCharsets.UTF_8));

      Result stop = Result.of(launcher(root, dir, "daemon", "stop"));
      assertEquals(0, stop.code(), new String(stop.err(), StandardCharsets.UTF_8));
      assertEquals("mirror daemon: stopped (pid " + server.pid() + ")\n",
          new String(stop.out(), StandardCharsets.UTF_8));
      assertFalse(server.isAlive());
      assertFalse(Files.exists(info));
      assertEquals("mirror daemon: not running\n", new String(
          Result.of(launcher(root, dir, "daemon", "status")).out(), StandardCharsets.UTF_8));
      assertEquals(2, Result.of(launcher(root, dir, "daemon", "restart")).code());
    } finally {
      server.destroyForcibly();
    }
  }
}
