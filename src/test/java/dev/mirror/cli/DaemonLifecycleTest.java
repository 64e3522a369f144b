package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.cli.LauncherFixture.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a daemon starts, is replaced and ends. */
class DaemonLifecycleTest {
  @TempDir
  Path dir;

  @Test
  void anIdleDaemonExitsAndRemovesItsInfoFile() throws Exception {
    MirrorDaemon daemon = MirrorDaemon.start(dir.resolve("state"),
        MirrorDaemon.Settings.defaults().withIdle(Duration.ofMillis(300)));
    Thread serving = LauncherFixture.serve(daemon);
    serving.join(10_000);
    assertFalse(serving.isAlive(), "still serving after 10 s");
    assertFalse(Files.exists(daemon.infoFile()));
  }

  /** The launcher replaced it, or daemon stop removed its info file: no client can find it. */
  @Test
  void aDaemonWhoseInfoFileNamesAnotherExitsAndLeavesItAlone() throws Exception {
    MirrorDaemon daemon = MirrorDaemon.start(dir.resolve("state"));
    Thread serving = LauncherFixture.serve(daemon);
    Thread.sleep(1500);
    assertTrue(serving.isAlive());
    Files.writeString(daemon.infoFile(), "1 another-token 1\n\n");
    serving.join(10_000);
    assertFalse(serving.isAlive(), "still serving after 10 s");
    assertEquals("1 another-token 1\n\n", Files.readString(daemon.infoFile()));
  }

  @Test
  void theIdleTimeComesFromTheEnvironmentAtStart() {
    assertEquals(Duration.ofSeconds(2), MirrorDaemon.idleFrom("2"));
    assertEquals(MirrorDaemon.IDLE, MirrorDaemon.idleFrom(null));
    assertEquals(MirrorDaemon.IDLE, MirrorDaemon.idleFrom("0"));
    assertEquals(MirrorDaemon.IDLE, MirrorDaemon.idleFrom("soon"));
    assertEquals(Duration.ofMinutes(30), MirrorDaemon.IDLE);
  }

  /**
   * With real daemon processes: the first command starts one (and runs on its own), later ones
   * use it; other JVM options or a newer jar replace it, and the one replaced exits; an idle one
   * exits, and the next command starts a fresh one.
   */
  @Test
  void theLauncherStartsReplacesAndOutlivesItsDaemons() throws Exception {
    try (LauncherFixture launcher = LauncherFixture.withClasspathJar(dir)) {
      Path repo = LauncherFixture.repo(dir.resolve("repo"), "BUILD", "python_sources(name='a')\n");
      Path state = launcher.stateDir(repo);
      Path info = state.resolve("daemon.info");

      ProcessHandle first = startedBy(launcher, repo, LauncherFixture.JVM_OPTIONS, "600", null);
      assertEquals(PosixFilePermissions.fromString("rwx------"),
          Files.getPosixFilePermissions(state));
      assertEquals(PosixFilePermissions.fromString("rw-------"),
          Files.getPosixFilePermissions(info));
      assertEquals(PosixFilePermissions.fromString("rw-------"),
          Files.getPosixFilePermissions(state.resolve("daemon.log")));
      assertEquals(LauncherFixture.JVM_OPTIONS, Files.readAllLines(info).get(1));
      Result status = launcher.run(repo, "daemon", "status");
      assertTrue(status.outText().startsWith("mirror daemon for " + repo + ": running, pid "
          + first.pid() + ","), status.outText());

      // The same options: the same daemon.
      Result again = launcher.run(repo, "list", "::");
      assertEquals("//:a\n", again.outText(), again.errText());
      assertEquals(first.pid(), pidIn(info));

      String otherOptions = LauncherFixture.JVM_OPTIONS + " -Xss2m";
      ProcessHandle second = startedBy(launcher, repo, otherOptions, "600", first);
      assertEquals(otherOptions, Files.readAllLines(info).get(1));
      exits(first);

      // A newer jar
      Files.setLastModifiedTime(launcher.jar(), FileTime.from(Instant.now().plusSeconds(5)));
      ProcessHandle third = startedBy(launcher, repo, otherOptions, "2", second);
      exits(second);

      // Idle for 2 s: gone, and so is its info file; the next command starts a fresh one.
      exits(third);
      assertFalse(Files.exists(info));
      ProcessHandle fourth = startedBy(launcher, repo, otherOptions, "600", null);
      assertNotEquals(third.pid(), fourth.pid());

      Result stop = launcher.run(repo, "daemon", "stop");
      assertEquals("mirror daemon for " + repo + ": stopped (pid " + fourth.pid() + ")\n",
          stop.outText(), stop.errText());
      assertFalse(fourth.isAlive());
    }
  }

  /**
   * Runs {@code list ::} with these JVM options and idle time, and returns the daemon it started:
   * another than {@code before} (which was running until then), in daemon.info.
   */
  private static ProcessHandle startedBy(LauncherFixture launcher, Path repo, String jvmOptions,
      String idleSeconds, ProcessHandle before) throws Exception {
    assertTrue(before == null || before.isAlive(), "the daemon to replace is up");
    ProcessBuilder command = launcher.command(repo, "list", "::");
    command.environment().put("MIRROR_JAVA_OPTS", jvmOptions);
    command.environment().put(MirrorDaemon.IDLE_SECONDS_ENV, idleSeconds);
    Result result = Result.of(command);
    assertEquals(0, result.code(), result.errText());
    assertEquals("//:a\n", result.outText());
    Path info = launcher.stateDir(repo).resolve("daemon.info");
    return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      while (true) {
        if (Files.exists(info)) {
          long pid = pidIn(info);
          if (before == null || pid != before.pid()) {
            ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
            assertTrue(LauncherFixture.isDaemon(daemon));
            return daemon;
          }
        }
        Thread.sleep(50);
      }
    });
  }

  private static long pidIn(Path info) throws IOException {
    return Long.parseLong(Files.readString(info).split("\\s+")[2]);
  }

  private static void exits(ProcessHandle daemon) {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> daemon.onExit().get());
  }
}
