package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirror.cli.LauncherFixture.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon remembers the BUILD graph between commands; through the launcher, after each edit
 * of the tree or of the client's environment, its answer must be byte for byte a fresh JVM's.
 * (ResidentLoadingTest covers every kind of input in one JVM; this is the end to end path.)
 */
class DaemonMemoTest {
  @TempDir Path dir;

  @Test
  void everyAnswerAfterAnEditIsAFreshJvmsAnswer() throws Exception {
    try (LauncherFixture launcher = LauncherFixture.withEmptyJar(dir)) {
      Path repo = LauncherFixture.repo(dir.resolve("repo"),
          "BUILD", "__defaults__({oci_mirror_image: dict(tag='stable')})\n",
          "images/python/BUILD", image("py", "1"),
          "images/node/BUILD", image("node", "2") + image("node-slim", "3"),
          "tools/BUILD", "python_sources(name='tools', tags=[env('TOOLS_TAG', 'none')])\n");
      launcher.startDaemon(repo);
      List<String> env = new ArrayList<>();
      same(launcher, repo, env);

      Files.writeString(repo.resolve("images/python/BUILD"), image("py", "4") + image("py2", "5"));
      same(launcher, repo, env);
      Files.writeString(repo.resolve("BUILD"),
          "__defaults__({oci_mirror_image: dict(tag='latest')})\n");
      same(launcher, repo, env);
      Files.createDirectories(repo.resolve("images/go"));
      Files.writeString(repo.resolve("images/go/BUILD"), image("go", "6"));
      same(launcher, repo, env);
      Files.delete(repo.resolve("images/node/BUILD"));
      same(launcher, repo, env);
      env.add("TOOLS_TAG=from-the-client");
      same(launcher, repo, env);
      Files.writeString(repo.resolve(".gitignore"), "images/go/\n");
      same(launcher, repo, env);
      Files.writeString(repo.resolve("images/python/BUILD"), "oci_mirror_image(name=\n");
      same(launcher, repo, env);
    }
  }

  /** {@code list ::} and {@code peek ::} through the daemon and in a fresh JVM agree. */
  private static void same(LauncherFixture launcher, Path repo, List<String> env)
      throws Exception {
    for (String goal : List.of("list", "peek")) {
      ProcessBuilder viaDaemon = launcher.command(repo, goal, "::");
      ProcessBuilder fresh = LauncherFixture.freshCommand(repo, goal, "::");
      for (String pair : env) {
        String[] kv = pair.split("=", 2);
        viaDaemon.environment().put(kv[0], kv[1]);
        fresh.environment().put(kv[0], kv[1]);
      }
      Result daemon = Result.of(viaDaemon);
      Result expected = Result.of(fresh);
      assertEquals(expected.errText(), daemon.errText(), goal);
      assertEquals(expected.outText(), daemon.outText(), goal);
      assertEquals(expected.code(), daemon.code(), goal);
    }
  }

  private static String image(String name, String digit) {
    return "oci_mirror_image(name='" + name + "', source_repository='docker.io/library/" + name
        + "', destination_repository='mirror.example.com/" + name + "', sha='"
        + digit.repeat(64) + "')\n";
  }
}
