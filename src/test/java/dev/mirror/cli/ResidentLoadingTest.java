package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.buildfiles.LoadMemo;
import dev.mirror.workspace.ResidentState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident mirror keeps what loading computed between commands ({@link ResidentState}). Each
 * test edits the tree (BUILD files, preludes, pants.toml, .pants.rc, .gitignore, opened files,
 * symlinks) and the environment between commands, and every answer of the resident state must
 * equal a fresh process's, exit code, stdout and stderr alike; the evaluation counts show that
 * what did not change was not evaluated again.
 *
 * <p>An edit is usually made to look old ({@link #settle}): a stamp taken right after an edit is
 * racy and never trusted, which would hide a memo that keeps too much. One test edits at full
 * speed instead, where only the racy rule stands between the memo and a stale answer.
 */
class ResidentLoadingTest {
  private static final String PANTS_TOML = """
      [GLOBAL]
      pants_version = "2.24.0"
      backend_packages.add = ["pants_backend_oci.utility.mirror"]
      """;

  @TempDir Path repo;
  @TempDir Path home;

  private final ResidentState state = ResidentState.resident();
  private final Map<String, String> env = new HashMap<>();
  /** The times edits are given: an hour ago, a second apart, so each is old and distinct. */
  private long tick = System.currentTimeMillis() - 3_600_000;

  @BeforeEach
  void tree() throws IOException {
    env.put("HOME", home.toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    write("pants.toml", PANTS_TOML);
    write("BUILD", "python_sources(name='root')\n");
    write("images/BUILD", image("base", "1") + "\n");
    write("images/python/BUILD", image("py", "2") + image("py-slim", "3"));
    write("images/node/BUILD", image("node", "4"));
    write("tools/BUILD", "python_sources(name='tools')\n");
  }

  @AfterEach
  void noLeftovers() {
    env.clear();
  }

  @Test
  void aSecondCommandOnAnUnchangedTreeEvaluatesNothing() throws IOException {
    long first = check();
    assertEquals(5, first, "every directory with BUILD files, once per command");
    assertEquals(0, check());
    assertEquals(0, check("list", "images/python:"));
  }

  @Test
  void editsAdditionsDeletionsAndRenamesOfBuildFiles() throws IOException {
    check();
    write("images/node/BUILD", image("node", "4") + image("node-alpine", "5"));
    assertEquals(1, check(), "only the edited directory");
    write("images/go/BUILD", image("go", "6"));
    assertEquals(1, check());
    Files.delete(repo.resolve("tools/BUILD"));
    check();
    Files.move(repo.resolve("images/node/BUILD"), repo.resolve("images/node/BUILD.pants"));
    check();
    Files.move(repo.resolve("images/python"), repo.resolve("images/py3"));
    check();
    check("list", "images/python:");
    check("list", "images/py3:");
    check("peek", "images/py3:py-slim");
    Files.writeString(repo.resolve("images/node/BUILD.pants"), image("node", "7"));
    write("images/node/BUILD", image("node-two", "8"));
    check();
  }

  @Test
  void changedDefaultsReevaluateTheSubtreeAndNothingElse() throws IOException {
    write("images/BUILD", "__defaults__({oci_mirror_image: dict(tag='stable')})\n");
    write("images/python/BUILD", image("py", "2").replace(", tag='v2'", ""));
    check();
    write("images/BUILD", "__defaults__({oci_mirror_image: dict(tag='latest')})\n");
    long evaluated = check("peek", "::");
    assertEquals(3, evaluated, "images and the two directories below it; not // or tools");
    assertTrue(run("peek", "images/python:py").out().contains("\"tag\": \"latest\""));
  }

  @Test
  void preludeFilesAndWhatTheyRead() throws IOException {
    write("pants.toml", PANTS_TOML + "build_file_prelude_globs = [\"macros/*.py\"]\n");
    write("macros/images.py", "TAG = 'one'\n");
    write("images/node/BUILD", "oci_mirror_image(name='node', source_repository='docker.io/library/node',"
        + " destination_repository='mirror.example.com/node', sha='" + "4".repeat(64)
        + "', tag=TAG)\n");
    check();
    write("macros/images.py", "TAG = 'two'\n");
    assertEquals(5, check("peek", "::"), "a changed prelude changes every BUILD file");
    write("macros/more.py", "OTHER = 1\n");
    check("peek", "::");
    write("macros/images.py", "TAG = open('images/tag.txt').read().strip()\n");
    write("images/tag.txt", "from-a-file\n");
    check("peek", "::");
    write("images/tag.txt", "another\n");
    check("peek", "::");
    assertTrue(run("peek", "images/node:node").out().contains("\"tag\": \"another\""));
    Files.delete(repo.resolve("macros/more.py"));
    check("peek", "::");
  }

  @Test
  void pantsTomlPantsRcAndGitignore() throws IOException {
    check();
    write("pants.toml", PANTS_TOML + "pants_ignore.add = [\"/tools\"]\n");
    check();
    write(".pants.rc", "[GLOBAL]\nbuild_patterns = [\"BUILD.pants\"]\n");
    write("images/node/BUILD.pants", image("node-rc", "9"));
    check();
    Files.delete(repo.resolve(".pants.rc"));
    check();
    write(".gitignore", "images/python/\n");
    check();
    write(".gitignore", "images/node/\n");
    check();
    Files.delete(repo.resolve(".gitignore"));
    write("pants.toml", PANTS_TOML);
    check();
    assertTrue(run("list", "::").out().contains("\ntools\n"));
  }

  @Test
  void openedFilesAndEnvironmentVariables() throws IOException {
    write("images/node/BUILD", "oci_mirror_image(name='node', source_repository='docker.io/library/node',"
        + " destination_repository='mirror.example.com/node', sha='" + "4".repeat(64) + "',"
        + " tag=open('images/node/version.txt').read().strip() + env('NODE_SUFFIX', ''))\n");
    write("images/node/version.txt", "20\n");
    check("peek", "::");
    write("images/node/version.txt", "22\n");
    assertEquals(1, check("peek", "::"));
    env.put("NODE_SUFFIX", "-slim");
    assertEquals(1, check("peek", "::"));
    assertEquals(0, check("peek", "::"));
    env.put("NODE_SUFFIX", "-alpine");
    check("peek", "::");
    env.remove("NODE_SUFFIX");
    check("peek", "::");
    Files.delete(repo.resolve("images/node/version.txt"));
    check("peek", "::");
    assertNotEquals(0, run("peek", "::").exit(), "a missing opened file is an error");
    write("images/node/version.txt", "24\n");
    check("peek", "::");
    assertTrue(run("peek", "images/node:node").out().contains("\"tag\": \"24\""));
  }

  @Test
  void brokenBuildFilesAndSymlinks() throws IOException {
    check();
    write("images/python/BUILD", "oci_mirror_image(name=\n");
    check();
    check("list", "images/node:");
    write("images/python/BUILD", image("py", "2"));
    check();
    write("shared/a.build", image("linked-a", "a"));
    write("shared/b.build", image("linked-b", "b"));
    Files.delete(repo.resolve("images/node/BUILD"));
    Files.createSymbolicLink(repo.resolve("images/node/BUILD"), repo.resolve("shared/a.build"));
    check();
    Files.delete(repo.resolve("images/node/BUILD"));
    Files.createSymbolicLink(repo.resolve("images/node/BUILD"), repo.resolve("shared/b.build"));
    check();
    write("shared/b.build", image("linked-b2", "c"));
    check();
    assertTrue(run("list", "::").out().contains("images/node:linked-b2"));
    // A link whose target comes and goes: a BUILD file only while the target is there, and its
    // directory's own stamp never changes.
    Files.delete(repo.resolve("shared/b.build"));
    check();
    check("list", "images/node:");
    write("shared/b.build", image("linked-b3", "d"));
    check();
    check("list", "images/node:");
    assertTrue(run("list", "::").out().contains("images/node:linked-b3"));
  }

  /**
   * Edits within one tick of the file system's clock, the same size each time: the stamps alone
   * cannot tell them apart (the time is set back to the same value after each write, as a
   * coarse clock would leave it), so only the racy rule keeps the answers right.
   */
  @Test
  void sameSizeEditsWithinOneClockTick() throws IOException {
    Path build = repo.resolve("images/node/BUILD");
    // A time that stays within the racy window however slow the machine is: not yet reached.
    FileTime tickTime = FileTime.fromMillis(System.currentTimeMillis() + 600_000);
    for (int i = 0; i < 8; i++) {
      Files.writeString(build, image("node" + i, "4"));
      Files.setLastModifiedTime(build, tickTime);
      Files.setLastModifiedTime(build.getParent(), tickTime);
      MirrorCli.Result resident = run("list", "images/node:");
      assertEquals(0, resident.exit(), resident.err());
      assertEquals("images/node:node" + i + "\n", resident.out());
    }
  }

  @Test
  void commandsSideBySideShareTheMemo() throws Exception {
    check();
    write("images/node/BUILD", image("node-new", "4"));
    settle();
    String expected = fresh("peek", "::").out();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<MirrorCli.Result>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> run("peek", "::")));
      }
      for (Future<MirrorCli.Result> r : results) {
        assertEquals(expected, r.get().out());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers ----

  private static String image(String name, String digit) {
    return "oci_mirror_image(name='" + name + "', source_repository='docker.io/library/" + name
        + "', destination_repository='mirror.example.com/" + name + "', sha='"
        + digit.repeat(64) + "', tag='v" + digit + "')\n";
  }

  private void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /**
   * Makes every recent change look an hour old, each path with a time of its own, as if time had
   * passed since the edits (stamps of recent changes are racy and never trusted).
   */
  private void settle() throws IOException {
    long recent = System.currentTimeMillis() - 10_000;
    List<Path> paths;
    try (Stream<Path> all = Files.walk(repo)) {
      paths = all.toList();
    }
    for (Path p : paths) {
      if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() > recent
          && !Files.isSymbolicLink(p)) {
        Files.setLastModifiedTime(p, FileTime.fromMillis(tick += 1_000));
      }
    }
  }

  /**
   * Runs {@code args} (by default {@code list ::} and then {@code peek ::}) in the resident state
   * and in a fresh one, after {@link #settle}: the same exit code, stdout and stderr. Returns how
   * many directories the resident state evaluated.
   */
  private Long check(String... args) throws IOException {
    settle();
    LoadMemo memo = state.loadMemo(repo);
    long before = memo.evaluations();
    List<String[]> commands = args.length > 0 ? List.<String[]>of(args)
        : List.of(new String[] {"list", "::"}, new String[] {"peek", "::"});
    for (String[] command : commands) {
      MirrorCli.Result resident = run(command);
      MirrorCli.Result fresh = fresh(command);
      String what = String.join(" ", command);
      assertEquals(fresh.err(), resident.err(), what);
      assertEquals(fresh.out(), resident.out(), what);
      assertEquals(fresh.exit(), resident.exit(), what);
    }
    return state.loadMemo(repo).evaluations() - before;
  }

  private MirrorCli.Result run(String... args) {
    return MirrorCli.in(repo).home(home).environment(Map.copyOf(env)).resident(state).run(args);
  }

  private MirrorCli.Result fresh(String... args) {
    return MirrorCli.in(repo).home(home).environment(Map.copyOf(env)).run(args);
  }
}
