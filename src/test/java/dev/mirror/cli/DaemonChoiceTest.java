package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mirror.cli.LauncherFixture.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the launcher hands a command to the daemon of its build root, and when it refuses to.
 * The launcher's jar is empty, so a command succeeds only when the daemon (in this JVM) runs it.
 */
class DaemonChoiceTest {
  @TempDir
  Path dir;

  private LauncherFixture launcher;
  private Path repo;

  @BeforeEach
  void start() throws IOException {
    launcher = LauncherFixture.withEmptyJar(dir);
    repo = LauncherFixture.repo(dir.resolve("repo"), "BUILD", "python_sources(name='a')\n",
        "sub/BUILD", "python_sources(name='b')\n");
    launcher.startDaemon(repo);
  }

  @AfterEach
  void stop() throws Exception {
    launcher.close();
  }

  /** Whether the daemon ran {@code list ::} for the launcher with this environment and flags. */
  private boolean daemonRan(Path cwd, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder command = launcher.command(cwd, args);
    command.environment().remove("MIRROR_DAEMON");
    command.environment().putAll(env);
    Result result = Result.of(command);
    if (result.code() == 0) {
      assertEquals("//:a\nsub:b\n", result.outText());
      return true;
    }
    // A JVM of its own, on the empty jar
    assertTrue(result.errText().contains("mirror.jar"), result.errText());
    return false;
  }

  /** As {@link #daemonRan}, with stdin, stdout and stderr on a terminal ({@code script}). */
  private boolean daemonRanOnATerminal(Map<String, String> env) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) for a terminal");
    ProcessBuilder command = launcher.command(repo).command("script", "-qec",
        "bash '" + launcher.root.resolve("mirror") + "' list ::", "/dev/null");
    command.environment().remove("MIRROR_DAEMON");
    command.environment().putAll(env);
    Result result = Result.of(command);
    return result.code() == 0 && result.outText().equals("//:a\r\nsub:b\r\n");
  }

  @Test
  void onForATerminalOutsideCi() throws Exception {
    assertTrue(daemonRanOnATerminal(Map.of()));
    assertFalse(daemonRanOnATerminal(Map.of("CI", "true")));
    assertTrue(daemonRanOnATerminal(Map.of("CI", "true", "MIRROR_DAEMON", "1")));
    assertFalse(daemonRanOnATerminal(Map.of("MIRROR_DAEMON", "0")));
  }

  @Test
  void offWithoutATerminal() throws Exception {
    assertFalse(daemonRan(repo, Map.of(), "list", "::"));
    assertTrue(daemonRan(repo, Map.of("MIRROR_DAEMON", "1"), "list", "::"));
  }

  @Test
  void theFlagsWinOverTheEnvironmentBeforeOrAfterTheGoal() throws Exception {
    assertFalse(daemonRan(repo, Map.of("MIRROR_DAEMON", "1"), "--no-daemon", "list", "::"));
    assertFalse(daemonRan(repo, Map.of("MIRROR_DAEMON", "1"), "list", "::", "--no-daemon"));
    assertTrue(daemonRan(repo, Map.of("MIRROR_DAEMON", "0"), "--daemon", "list", "::"));
    assertTrue(daemonRan(repo, Map.of("CI", "1"), "list", "--daemon", "::"));
    assertTrue(daemonRan(repo, Map.of(), "list", "--no-daemon", "::", "--daemon"));
  }

  /** In a JVM of its own, mirror takes the launcher's flags and does nothing with them. */
  @Test
  void mirrorItselfAcceptsTheFlags() {
    MirrorCli.Result before = MirrorCli.in(repo).run("--no-daemon", "list", "::");
    assertEquals(0, before.exit(), before.err());
    assertEquals("//:a\nsub:b\n", before.out());
    MirrorCli.Result after = MirrorCli.in(repo).run("list", "::", "--daemon");
    assertEquals(0, after.exit(), after.err());
    assertEquals("//:a\nsub:b\n", after.out());
  }

  @Test
  void theDaemonOfTheBuildRootAsMirrorFindsIt() throws Exception {
    Map<String, String> on = Map.of("MIRROR_DAEMON", "1");
    assertTrue(daemonRan(repo.resolve("sub"), on, "list", "//::"));
    assertTrue(daemonRan(dir, on, "--build-root", repo.toString(), "list", "::"));
    assertTrue(daemonRan(dir, on, "list", "--build-root=" + repo, "::"));
    assertTrue(daemonRan(dir, Map.of("MIRROR_DAEMON", "1", "PANTS_BUILDROOT_OVERRIDE",
        repo.toString()), "list", "::"));
    // Another build root has a daemon of its own (none here); no build root, none at all.
    Path other = LauncherFixture.repo(dir.resolve("other"), "BUILD", "python_sources(name='a')\n");
    assertFalse(daemonRan(other, on, "list", "::"));
    Result nowhere = launcher.run(dir, "list", "::");
    assertNotEquals(0, nowhere.code());
    assertFalse(Files.exists(launcher.stateDir(dir)));
  }

  @Test
  void aStateDirectoryOthersCanReadIsNotUsed() throws Exception {
    Path state = launcher.stateDir(repo);
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-x---"));
    Result refused = launcher.run(repo, "list", "::");
    assertNotEquals(0, refused.code());
    assertTrue(refused.errText().startsWith("mirror: warning: not using the mirror daemon: "
        + state + " is not private to "), refused.errText());
    assertEquals(PosixFilePermissions.fromString("rwxr-x---"),
        Files.getPosixFilePermissions(state), "left as it was: no daemon started there");

    Result status = launcher.run(repo, "daemon", "status");
    assertEquals(1, status.code());
    assertTrue(status.errText().startsWith("mirror: error: " + state + " is not private"),
        status.errText());

    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
    assertEquals(0, launcher.run(repo, "list", "::").code());
  }

  /**
   * The state key is a short hash: a daemon in this build root's state directory that was
   * started for another root or jar (a collision) never gets this root's commands.
   */
  @Test
  void aDaemonStartedForAnotherBuildRootOrJarIsNotUsed() throws Exception {
    assertTrue(daemonRan(repo, Map.of("MIRROR_DAEMON", "1"), "list", "::"));
    Path info = launcher.stateDir(repo).resolve("daemon.info");
    String mine = Files.readString(info);
    String root = repo.toRealPath().toString();
    String jar = launcher.jar().toString();
    for (String other : new String[] {"/elsewhere\0" + jar + "\0", root + "\0/other.jar\0",
        root + "/\0" + jar + "\0", "\0\0"}) {
      Files.writeString(info, mine.substring(0, mine.indexOf('\0', 0) - root.length()) + other);
      Files.setPosixFilePermissions(info, PosixFilePermissions.fromString("rw-------"));
      assertFalse(daemonRan(repo, Map.of("MIRROR_DAEMON", "1"), "list", "::"), other);
      assertFalse(Files.exists(info), "the launcher removed it, to start a daemon of its own");
    }
  }

  @Test
  void theEnvironmentGoesWithTheRequestAsAChildWouldGetIt() throws Exception {
    Path envRepo = LauncherFixture.repo(dir.resolve("env-repo"), "BUILD",
        "python_sources(name='a', tags=[env('a.b', 'unset'), env('X_Y', 'unset'),"
        + " env('EMPTY', 'unset')])\n");
    launcher.startDaemon(envRepo);
    ProcessBuilder command = launcher.command(envRepo, "peek", "//:a");
    command.environment().putAll(Map.of("a.b", "dotted", "X_Y", "plain", "EMPTY", ""));
    Result result = Result.of(command);
    assertEquals(0, result.code(), result.errText());
    assertTrue(result.outText().contains("\"dotted\""), result.outText());
    assertTrue(result.outText().contains("\"plain\""), result.outText());
    assertTrue(result.outText().contains("\"\""), result.outText());
  }

  @Test
  void anInfoFileOthersCanReadIsNotUsed() throws Exception {
    Path info = launcher.stateDir(repo).resolve("daemon.info");
    Files.setPosixFilePermissions(info, PosixFilePermissions.fromString("rw-r--r--"));
    Result refused = launcher.run(repo, "list", "::");
    assertNotEquals(0, refused.code());
    assertTrue(refused.errText().contains(info + " is not private to "), refused.errText());
  }

  /** Only root can give a file away: elsewhere this needs no test, the file is always ours. */
  @Test
  void anInfoFileOfAnotherUserIsNotUsed() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root"), "only root can chown");
    Path info = launcher.stateDir(repo).resolve("daemon.info");
    UserPrincipalLookupService users = info.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(info, users.lookupPrincipalByName("nobody"));
    Result refused = launcher.run(repo, "list", "::");
    assertNotEquals(0, refused.code());
    assertTrue(refused.errText().contains(info + " is not private to "), refused.errText());
  }

  @Test
  void theDaemonWillNotStartInADirectoryOthersCanRead() throws IOException {
    Path open = Files.createDirectories(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxr-x"));
    IOException refused = assertThrows(IOException.class, () -> MirrorDaemon.start(open));
    assertTrue(refused.getMessage().contains("rwx------"), refused.getMessage());
    assertFalse(Files.exists(open.resolve("daemon.info")));
  }

  @Test
  void theDaemonWillNotStartInADirectoryOfAnotherUser() throws IOException {
    assumeTrue(System.getProperty("user.name").equals("root"), "only root can chown");
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
    Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody"));
    IOException refused = assertThrows(IOException.class, () -> MirrorDaemon.start(theirs));
    assertTrue(refused.getMessage().contains("belongs to nobody"), refused.getMessage());
    assertFalse(Files.exists(theirs.resolve("daemon.info")));
  }
}
