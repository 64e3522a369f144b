package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.cli.LauncherFixture.Result;
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
    String info = Files.readString(daemon.infoFile());
    assertEquals(daemon.port() + " " + daemon.token() + " " + ProcessHandle.current().pid()
        + "\n\n\0\0", info);
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(daemon.infoFile()));
    assertEquals(PosixFilePermissions.fromString("rwx------"),
        Files.getPosixFilePermissions(dir.resolve("state")));
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

  /** Each command gets a command line of its own: one's options never reach the next. */
  @Test
  void aCommandsOptionsDoNotReachTheNextOne() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("reuse-repo"));
    Files.writeString(repo.resolve("pants.toml"), PANTS_TOML);
    Files.writeString(repo.resolve("BUILD"), "python_sources(name='a', tags=['x'])\n"
        + "python_sources(name='b')\n");
    for (int i = 0; i < 3; i++) {
      assertEquals("O//:a;\nx0\n", new String(request(daemon.token(), repo,
          List.of("--tag=x", "list", "--sep=;", "::"), Map.of()), StandardCharsets.UTF_8));
      assertEquals("o//:a\no//:b\nx0\n", new String(request(daemon.token(), repo,
          List.of("list", "::"), Map.of()), StandardCharsets.UTF_8));
    }
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
    // A registry that accepts and never answers: the command is running once it is called.
    try (java.net.ServerSocket registry =
            new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String host = "127.0.0.1:" + registry.getLocalPort();
      Path repo = LauncherFixture.repo(dir.resolve("run-repo"), "BUILD",
          "oci_mirror_image(name='a', source_repository='" + host + "/src',"
          + " destination_repository='" + host + "/dst', sha='" + "1".repeat(64) + "')\n");
      Path state = launcher.stateDir(repo);

      Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          "dev.mirror.cli.MirrorDaemon", state.toString(), LauncherFixture.JVM_OPTIONS,
          repo.toRealPath().toString(), launcher.jar().toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
      try {
        Path info = state.resolve("daemon.info");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
          while (!Files.exists(info)) {
            Thread.sleep(50);
          }
        });
        Process client = launcher.command(repo, "run", "::",
            "--docker-config=" + repo.resolve("none.json")).start();
        Socket call = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> registry.accept());
        server.destroyForcibly().waitFor();
        call.close();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> client.waitFor());
        String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.exitValue() != 0, err);
        assertTrue(err.contains("the mirror daemon (pid " + server.pid() + ") went away"), err);
        assertTrue(err.contains("its log is " + state.resolve("daemon.log")), err);
      } finally {
        server.destroyForcibly();
      }
    }
  }

  /** The launcher finds the goal after global options and their values, as picocli does. */
  @Test
  void theLauncherFindsRunAfterGlobalOptionsWithValues() throws Exception {
    Path repo = LauncherFixture.repo(dir.resolve("opts-repo"), "BUILD", "python_sources(name='a')\n");
    launcher.startDaemon(repo);
    Result result = launcher.run(repo, "--unmatched-cli-globs", "warn", "--tag", "x", "run", "::");
    assertEquals(0, result.code(), result.errText());
    assertEquals("No oci_mirror_image targets among the targets the specs selected.\n",
        result.errText());
  }

  private LauncherFixture launcher;

  @BeforeEach
  void launcher() throws IOException {
    launcher = LauncherFixture.withEmptyJar(dir);
  }

  @AfterEach
  void stopLauncher() throws Exception {
    launcher.close();
  }

  private Result fresh(Path cwd, String... args) throws Exception {
    return LauncherFixture.fresh(cwd, args);
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
    Path repo = bigRepo();
    launcher.startDaemon(repo);
    String[] args = {"--unmatched-cli-globs=warn", "list", "::", "nothere::"};
    Result expected = fresh(repo, args);
    assertTrue(expected.out().length > 1_000_000, "only " + expected.out().length + " bytes");
    assertTrue(new String(expected.err(), StandardCharsets.UTF_8).startsWith("warning:"));

    Result toFiles = Result.of(launcher.command(repo, args));
    assertEquals(expected.code(), toFiles.code());
    assertTrue(java.util.Arrays.equals(expected.out(), toFiles.out()), "stdout differs");
    assertEquals(new String(expected.err(), StandardCharsets.UTF_8),
        new String(toFiles.err(), StandardCharsets.UTF_8));

    Process piped = launcher.command(repo, args).start();
    java.util.concurrent.Future<byte[]> err = java.util.concurrent.Executors
        .newSingleThreadExecutor().submit(() -> piped.getErrorStream().readAllBytes());
    byte[] out = piped.getInputStream().readAllBytes();
    assertEquals(expected.code(), assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> piped.waitFor()));
    assertTrue(java.util.Arrays.equals(expected.out(), out), "stdout differs");
    assertTrue(java.util.Arrays.equals(expected.err(), err.get()), "stderr differs");

    Result failed = Result.of(launcher.command(repo, "list", ":nope"));
    assertEquals(1, failed.code());
    assertEquals(0, failed.out().length);
  }

  /**
   * A file that already has content is not clobbered: appended to with >> (the daemon opens it
   * for appending), and written on from where the shell is with > in a group (counted chunks).
   */
  @Test
  void outputToAFileGoesWhereTheShellIsInIt() throws Exception {
    Path repo = LauncherFixture.repo(dir.resolve("file-repo"), "BUILD",
        "python_sources(name='a')\npython_sources(name='b')\n");
    launcher.startDaemon(repo);
    Path appended = dir.resolve("appended.txt");
    Files.writeString(appended, "before\n");
    ProcessBuilder append = launcher.command(repo, "list", "::", ":nope")
        .redirectOutput(ProcessBuilder.Redirect.appendTo(appended.toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(appended.toFile()));
    assertEquals(1, assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> append.start().waitFor()));
    String text = Files.readString(appended);
    assertTrue(text.startsWith("before\nerror: The address //:nope"), text);

    Files.writeString(appended, "before\n");
    Process appending = launcher.command(repo, "list", "::")
        .redirectOutput(ProcessBuilder.Redirect.appendTo(appended.toFile())).start();
    assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(60), () -> appending.waitFor()));
    assertEquals("before\n//:a\n//:b\n", Files.readString(appended));

    Path grouped = dir.resolve("grouped.txt");
    ProcessBuilder group = launcher.command(repo).command("bash", "-c",
        "{ echo before; bash \"$0\" list ::; echo after; } >\"$1\" 2>&1",
        launcher.root.resolve("mirror").toString(), grouped.toString());
    Result shell = Result.of(group);
    assertEquals(0, shell.code(), new String(shell.err(), StandardCharsets.UTF_8));
    assertEquals("before\n//:a\n//:b\nafter\n", Files.readString(grouped));
  }

  /** Non-ASCII text and a 200,000-character line, to a pipe and to a file, as a run writes it. */
  @Test
  void starlarkOutputIsCarriedByteForByte() throws Exception {
    Path work = LauncherFixture.repo(dir.resolve("star"));
    launcher.startDaemon(work);
    Files.writeString(work.resolve("p.star"),
        "print('h\u00e9llo w\u00f6rld \u2603 \uD83D\uDE00 tab\\there')\nprint('y' * 200000)\nprint('last')\n");
    Result expected = fresh(work, "starlark", "p.star");
    assertEquals(0, expected.code(), new String(expected.err(), StandardCharsets.UTF_8));
    assertTrue(new String(expected.out(), StandardCharsets.UTF_8)
        .startsWith("h\u00e9llo w\u00f6rld \u2603 \uD83D\uDE00 tab\there\n"));

    Result toFile = Result.of(launcher.command(work, "starlark", "p.star"));
    assertEquals(0, toFile.code());
    assertTrue(java.util.Arrays.equals(expected.out(), toFile.out()), "file output differs");

    Process piped = launcher.command(work, "starlark", "p.star")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = piped.getInputStream().readAllBytes();
    assertEquals(0, piped.waitFor());
    assertTrue(java.util.Arrays.equals(expected.out(), out), "piped output differs");
  }

  /** {@code mirror daemon status} and {@code stop}, on a daemon process of its own. */
  @Test
  void theLauncherReportsOnAndStopsTheDaemonOfThisBuildRoot() throws Exception {
    Path repo = LauncherFixture.repo(dir.resolve("status-repo"), "sub/BUILD", "");
    Path sub = repo.resolve("sub");
    Result none = launcher.run(sub, "daemon", "status");
    assertEquals("mirror daemon for " + repo + ": not running\n", none.outText());

    Path state = launcher.stateDir(repo);
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        "dev.mirror.cli.MirrorDaemon", state.toString(), "", repo.toRealPath().toString(),
        launcher.jar().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
    try {
      Path info = state.resolve("daemon.info");
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        while (!Files.exists(info) || Files.readString(info).isEmpty()) {
          Thread.sleep(50);
        }
      });
      String port = Files.readString(info).split(" ")[0];
      Result status = launcher.run(sub, "daemon", "status");
      assertEquals(0, status.code());
      assertTrue(status.outText().matches("mirror daemon for " + java.util.regex.Pattern.quote(
          repo.toString()) + ": running, pid " + server.pid() + ", port " + port
          + ", up 0h00m0[0-9]s\n"), status.outText());
      assertEquals("mirror daemon for " + launcher.root + ": not running\n",
          launcher.run(dir, "--build-root", "launcher", "daemon", "status").outText());

      Result stop = launcher.run(repo, "daemon", "stop");
      assertEquals(0, stop.code(), stop.errText());
      assertEquals("mirror daemon for " + repo + ": stopped (pid " + server.pid() + ")\n",
          stop.outText());
      assertFalse(server.isAlive());
      assertFalse(Files.exists(info));
      assertEquals("mirror daemon for " + repo + ": not running\n",
          launcher.run(repo, "daemon", "status").outText());
      assertEquals(2, launcher.run(repo, "daemon", "restart").code());
      Result nowhere = launcher.run(dir, "daemon", "status");
      assertEquals(1, nowhere.code());
      assertTrue(nowhere.errText().startsWith("mirror: error: no build root for " + dir),
          nowhere.errText());
    } finally {
      server.destroyForcibly();
    }
  }
}
