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
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.port())) {
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
      InputStream in = socket.getInputStream();
      return in.readAllBytes();
    }
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
}
