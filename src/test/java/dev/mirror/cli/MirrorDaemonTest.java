package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
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
    daemon = MirrorDaemon.start(dir.resolve("state"));
    serving = new Thread(() -> {
      try {
        daemon.serve();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    serving.start();
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

  @Test
  void aWrongTokenGetsNothing() throws IOException {
    byte[] reply = request("not-the-token", dir, List.of("list", "::"), Map.of());
    assertEquals(0, reply.length);
    assertFalse(daemon.token().isEmpty());
  }
}
