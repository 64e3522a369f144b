package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mirror.cli.LauncherFixture.Result;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirror __complete}, which the completion scripts run on every TAB: a daemon that is up
 * answers it, even while a run holds it; none is ever started for it.
 */
class DaemonCompletionTest {
  @TempDir
  Path dir;

  /** As the completion script runs it: no terminal, stderr discarded, MIRROR_DAEMON unset. */
  private static ProcessBuilder complete(LauncherFixture launcher, Path cwd, String... words) {
    ProcessBuilder command = launcher.command(cwd, "__complete", "--");
    command.command().addAll(List.of(words));
    command.environment().remove("MIRROR_DAEMON");
    return command;
  }

  @Test
  void aRunningDaemonAnswersEvenWhileARunIsHeld() throws Exception {
    try (LauncherFixture launcher = LauncherFixture.withEmptyJar(dir);
        ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String host = "127.0.0.1:" + registry.getLocalPort();
      Path repo = LauncherFixture.repo(dir.resolve("repo"), "BUILD", "oci_mirror_image(name='a',"
          + " source_repository='" + host + "/src', destination_repository='" + host + "/dst',"
          + " sha='" + "1".repeat(64) + "')\n", "images/python/BUILD",
          "python_sources(name='python')\npython_sources(name='alpine')\n");
      MirrorDaemon daemon = launcher.startDaemon(repo);

      // The empty jar cannot answer: only the daemon can.
      Result goals = Result.of(complete(launcher, repo, "li"));
      assertEquals(0, goals.code(), goals.errText());
      assertEquals("list\n", goals.outText());

      try (Socket run = new Socket(InetAddress.getLoopbackAddress(), daemon.port())) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        for (String field : List.of(daemon.token(), repo.toString(), "3", "run", "::",
            "--docker-config=" + repo.resolve("none.json"), "")) {
          request.writeBytes((field + "\0").getBytes(StandardCharsets.UTF_8));
        }
        run.getOutputStream().write(request.toByteArray());
        try (Socket call = assertTimeoutPreemptively(Duration.ofSeconds(60),
            () -> registry.accept())) {
          Result targets = assertTimeoutPreemptively(Duration.ofSeconds(30),
              () -> Result.of(complete(launcher, repo.resolve("images"), "list", "python:")));
          assertEquals(0, targets.code(), targets.errText());
          assertEquals("python:python\npython:alpine\n", targets.outText());
        }
      }

      ProcessBuilder off = complete(launcher, repo, "li");
      off.environment().put("MIRROR_DAEMON", "0");
      assertNotEquals(0, Result.of(off).code(), "MIRROR_DAEMON=0: not even for completion");
    }
  }

  @Test
  void withoutADaemonTheLauncherAnswersAndStartsNone() throws Exception {
    try (LauncherFixture launcher = LauncherFixture.withClasspathJar(dir)) {
      Path repo = LauncherFixture.repo(dir.resolve("repo"), "BUILD", "python_sources(name='a')\n");
      ProcessBuilder command = complete(launcher, repo, "list", ":");
      command.environment().put("MIRROR_DAEMON", "1");
      Result local = Result.of(command);
      assertEquals(0, local.code(), local.errText());
      assertEquals(":a\n", local.outText());
      assertFalse(Files.exists(launcher.stateDir(repo)), "no daemon started");
    }
  }
}
