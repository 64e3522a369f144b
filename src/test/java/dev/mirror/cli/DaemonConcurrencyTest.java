package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.cli.LauncherFixture.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goals that only read run side by side in the daemon, also while a run pushes; runs take turns.
 * Commands are held on a registry that accepts connections and never answers.
 */
class DaemonConcurrencyTest {
  @TempDir
  Path dir;

  private LauncherFixture launcher;
  private ServerSocket registry;
  private MirrorDaemon daemon;
  private Path repo;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void start() throws IOException {
    launcher = LauncherFixture.withEmptyJar(dir);
    registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    String host = "127.0.0.1:" + registry.getLocalPort();
    repo = LauncherFixture.repo(dir.resolve("repo"), "BUILD", "oci_mirror_image(name='a',"
        + " source_repository='" + host + "/src', destination_repository='" + host + "/dst',"
        + " sha='" + "1".repeat(64) + "')\npython_sources(name='b')\n");
    daemon = launcher.startDaemon(repo);
  }

  @AfterEach
  void stop() throws Exception {
    pool.shutdownNow();
    registry.close();
    launcher.close();
  }

  /** Sends {@code args} to the daemon as a launcher would; closing the socket is Ctrl-C. */
  private Socket hold(String... args) throws IOException {
    Socket client = new Socket(InetAddress.getLoopbackAddress(), daemon.port());
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    for (String field : List.of(daemon.token(), repo.toString(), Integer.toString(args.length))) {
      request.writeBytes((field + "\0").getBytes(StandardCharsets.UTF_8));
    }
    for (String arg : args) {
      request.writeBytes((arg + "\0").getBytes(StandardCharsets.UTF_8));
    }
    request.write(0);
    client.getOutputStream().write(request.toByteArray());
    client.getOutputStream().flush();
    return client;
  }

  private Socket registryCall() {
    return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> registry.accept());
  }

  @Test
  void readingGoalsAnswerWhileARunAndAPlanAreHeld() throws Exception {
    String noConfig = "--docker-config=" + repo.resolve("none.json");
    try (Socket run = hold("run", "::", noConfig); Socket runCall = registryCall();
        Socket plan = hold("plan", "::", noConfig); Socket planCall = registryCall()) {
      // Two more at once, while both are held.
      Future<Result> list = pool.submit(() -> launcher.run(repo, "list", "::"));
      Future<Result> peek = pool.submit(() -> launcher.run(repo, "peek", ":b"));
      Result listed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> list.get());
      Result peeked = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> peek.get());
      assertEquals(0, listed.code(), listed.errText());
      assertEquals("//:a\n//:b\n", listed.outText());
      assertEquals("", listed.errText(), "no waiting");
      assertEquals(0, peeked.code(), peeked.errText());
      assertTrue(peeked.outText().contains("\"address\": \"//:b\""), peeked.outText());
      for (Socket held : List.of(run, plan)) {
        held.setSoTimeout(200);
        assertThrows(SocketTimeoutException.class, () -> held.getInputStream().read(),
            "still running, no reply yet");
      }
    }
  }

  @Test
  void aSecondRunWaitsForTheFirstAndSaysSo() throws Exception {
    Socket first = hold("run", "::", "--docker-config=" + repo.resolve("none.json"));
    try (Socket call = registryCall()) {
      Path err = dir.resolve("second.err");
      Path out = dir.resolve("second.out");
      Process second = launcher.command(repo, "run", ":b").redirectError(err.toFile())
          .redirectOutput(out.toFile()).start();
      String waiting = "mirror: waiting for the mirror daemon (running: run :: --docker-config="
          + repo.resolve("none.json") + ")\n";
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        while (!Files.readString(err).equals(waiting)) {
          Thread.sleep(50);
        }
      });
      Thread.sleep(500);
      assertTrue(second.isAlive(), "waits for as long as the first runs");
      first.close(); // as Ctrl-C: the first run is interrupted; the second one's turn
      assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(60), () -> second.waitFor()));
      assertEquals(waiting
          + "No oci_mirror_image targets among the targets the specs selected.\n",
          Files.readString(err));
      assertEquals("", Files.readString(out));
    }
  }

  /** Help for run is no run, nor a usage error in it. */
  @Test
  void onlyARunIsARun() {
    assertTrue(Main.isRun("run", "::"));
    assertTrue(Main.isRun("--tag", "x", "publish", "::"));
    assertFalse(Main.isRun("run", "--help"));
    assertFalse(Main.isRun("help", "run"));
    assertFalse(Main.isRun("list", "::"));
    assertFalse(Main.isRun("plan", "::"));
    assertFalse(Main.isRun());
  }
}
