package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mirror.cli.LauncherFixture.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher relays from the daemon is what a run in a JVM of its own gives: exit codes,
 * any bytes, and Ctrl-C.
 */
class DaemonRelayTest {
  @TempDir
  Path dir;

  private LauncherFixture launcher;
  private Path repo;

  @BeforeEach
  void start() throws IOException {
    launcher = LauncherFixture.withEmptyJar(dir);
    repo = LauncherFixture.repo(dir.resolve("repo"), "BUILD", "python_sources(name='a')\n");
    launcher.startDaemon(repo);
  }

  @AfterEach
  void stop() throws Exception {
    launcher.close();
  }

  @Test
  void exitCodesAreTheCommands() throws Exception {
    List<List<String>> commands = List.of(
        List.of("list", "::"), // 0
        List.of("list", ":nope"), // 1: no such target
        List.of("list", "--sep"), // 2: usage, a missing value
        List.of(), // 2: no goal
        List.of("report")); // 2: no FILE
    for (List<String> args : commands) {
      Result expected = LauncherFixture.fresh(repo, args.toArray(String[]::new));
      Result relayed = launcher.run(repo, args.toArray(String[]::new));
      assertEquals(expected.code(), relayed.code(), args + ": " + relayed.errText());
      assertEquals(expected.errText(), relayed.errText(), args.toString());
      assertEquals(expected.outText(), relayed.outText(), args.toString());
    }
    assertEquals(List.of(0, 1, 2, 2, 2), commands.stream().map(args -> {
      try {
        return launcher.run(repo, args.toArray(String[]::new)).code();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList());
  }

  /** Every ASCII byte, NUL and escapes included, and non-ASCII text, to a file and to a pipe. */
  @Test
  void anyBytesArriveAsTheyWereWritten() throws Exception {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c < 128; c++) {
      all.append(c == '"' || c == '\\' || c == '\n' ? "\\" + (char) c : String.format("\\x%02x", c));
    }
    Files.writeString(repo.resolve("bytes.star"), "print(\"" + all + "\")\n"
        + "print(\"\\x00\\r\\r\\n\\x1b[2K\u00e9\u2603\uD83D\uDE00\")\n");
    Result expected = LauncherFixture.fresh(repo, "starlark", "bytes.star");
    assertEquals(0, expected.code(), expected.errText());
    assertTrue(expected.out().length > 128 && expected.out()[0] == 0, "starts with NUL");

    Result toFile = launcher.run(repo, "starlark", "bytes.star");
    assertEquals(0, toFile.code(), toFile.errText());
    assertArrayEquals(expected.out(), toFile.out());

    Process piped = launcher.command(repo, "starlark", "bytes.star")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = piped.getInputStream().readAllBytes();
    assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(60), () -> piped.waitFor()));
    assertArrayEquals(expected.out(), out);
  }

  /**
   * Ctrl-C on the launcher (SIGINT to it) interrupts the command in the daemon, which stays up and
   * runs the next command.
   */
  @Test
  void interruptingTheLauncherInterruptsTheCommandNotTheDaemon() throws Exception {
    try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String host = "127.0.0.1:" + registry.getLocalPort();
      Files.writeString(repo.resolve("BUILD"), "oci_mirror_image(name='a', source_repository='"
          + host + "/src', destination_repository='" + host + "/dst', sha='" + "1".repeat(64)
          + "')\n");
      Process client = launcher.command(repo, "run", "::",
          "--docker-config=" + repo.resolve("none.json")).start();
      assumeTrue(!ignoresSigint(client.pid()), "started with SIGINT ignored: Ctrl-C cannot reach it");
      try (Socket call = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> registry.accept())) {
        new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();
        assertEquals(130, assertTimeoutPreemptively(Duration.ofSeconds(30), () -> client.waitFor()));
        // The command let go of the registry: interrupted, not left running.
        call.setSoTimeout(30_000);
        assertEquals(-1, skipRequest(call));
      }
      Files.writeString(repo.resolve("BUILD"), "python_sources(name='b')\n");
      Result next = launcher.run(repo, "list", "::");
      assertEquals(0, next.code(), next.errText());
      assertEquals("//:b\n", next.outText());
    }
  }

  /** Reads the registry call up to its end: -1 once the client has closed it. */
  private static int skipRequest(Socket call) throws IOException {
    byte[] buffer = new byte[8192];
    while (call.getInputStream().read(buffer) >= 0) {
      // the HTTP request the command sent
    }
    return -1;
  }

  private static boolean ignoresSigint(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"),
        StandardCharsets.UTF_8)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
      }
    }
    return false;
  }
}
