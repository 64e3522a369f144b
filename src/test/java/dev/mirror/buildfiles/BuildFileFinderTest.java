package dev.mirror.buildfiles;

import dev.mirror.options.MirrorConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.targets.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFileFinderTest {

  @TempDir Path tmp;

  private TestTree repo;

  @BeforeEach
  void setUp() {
    repo = new TestTree(tmp.resolve("repo"));
    repo.file("pants.toml");
  }

  private BuildFileFinder finder(MirrorConfig config) throws BuildFileException {
    return new BuildFileFinder(config, IgnoreRules.load(config, Optional.empty()));
  }

  private BuildFileFinder finder() throws BuildFileException {
    return finder(MirrorConfig.defaults(repo.root()));
  }

  private MirrorConfig config(List<String> buildPatterns, List<String> buildIgnore,
      List<String> preludeGlobs) {
    MirrorConfig d = MirrorConfig.defaults(repo.root());
    return new MirrorConfig(d.buildRoot(), List.of(), List.of(), List.of(), null, buildPatterns,
        buildIgnore, d.pantsIgnore(), true, preludeGlobs, d.filters(), d.unmatchedCliGlobs(),
        List.of(), d.list(), d.peek(), d.mirror());
  }

  private List<String> names(List<Path> files) {
    return files.stream().map(f -> repo.root().relativize(f).toString()).toList();
  }

  @Test
  void buildPatternsMatchFileNames() throws Exception {
    repo.file("images/BUILD");
    repo.file("images/BUILD.mirror");
    repo.file("images/BUILD.md");
    repo.file("images/BUILDER");
    repo.file("images/build");
    repo.dir("images/BUILD.d");
    repo.dir("other/BUILD");
    BuildFileFinder finder = finder();
    assertEquals(List.of("images/BUILD", "images/BUILD.md", "images/BUILD.mirror"),
        names(finder.buildFiles("images")));
    assertEquals(List.of(), finder.buildFiles("other"), "a directory named BUILD is no file");
    assertEquals(List.of("images"), finder.buildDirectoriesUnder(""));
  }

  @Test
  void fileGlobsMatchVisibleFilesAndDirectories() throws Exception {
    repo.file("images/python/BUILD");
    repo.file("images/notes.txt");
    repo.file("dist/out.py");
    repo.file(".ci/run.py");
    repo.dir("empty");
    BuildFileFinder finder = finder();
    assertTrue(finder.globMatches("images/*.txt"));
    assertTrue(finder.globMatches("images/*"), "a directory counts");
    assertTrue(finder.globMatches("*.toml"));
    assertTrue(finder.globMatches("**/BUILD"));
    assertTrue(finder.globMatches("images/**"));
    assertTrue(finder.globMatches("images/**/BUILD"), "** may be no directory");
    assertTrue(finder.globMatches("im?ges/pyth[aeiou]n"));
    assertFalse(finder.globMatches("*.txt"), "* stays within a directory");
    assertFalse(finder.globMatches("images/*.py"));
    assertFalse(finder.globMatches("**/*.py"), "dist/ and .ci/ are ignored");
    assertFalse(finder.globMatches("empty/**"));
    assertFalse(finder.globMatches("nope/*"));
  }

  @Test
  void customBuildPatterns() throws Exception {
    repo.file("a/BUILD");
    repo.file("a/BUILD.pants");
    repo.file("a/TARGETS");
    BuildFileFinder finder = finder(config(List.of("TARGETS", "BUILD.pants"), List.of(),
        List.of()));
    assertEquals(List.of("a/BUILD.pants", "a/TARGETS"), names(finder.buildFiles("a")));
  }

  @Test
  void ignoredPathsAreInvisible() throws Exception {
    repo.file(".ci/BUILD");
    repo.file(".github/BUILD");
    repo.file("dist/BUILD");
    repo.file("src/__pycache__/BUILD");
    repo.file("generated/BUILD");
    repo.file("kept/BUILD");
    repo.file(".gitignore", "generated/\n");
    BuildFileFinder finder = finder();
    assertEquals(List.of(".github", "kept"), finder.buildDirectoriesUnder(""));
    assertEquals(List.of(), finder.buildFiles(".ci"));
    assertEquals(List.of(), finder.buildFiles("generated"));
    assertFalse(finder.directoryExists(".ci"));
    assertFalse(finder.directoryExists("dist"));
    assertTrue(finder.directoryExists(".github"));
    assertTrue(finder.directoryExists(""));
    assertFalse(finder.pathExists(".ci/BUILD"));
    assertTrue(finder.pathExists("kept/BUILD"));
    assertFalse(finder.pathExists("kept/missing"));
    assertFalse(finder.directoryExists("kept/BUILD"), "a file is no directory");
    assertFalse(finder.directoryExists("../repo"), "paths stay inside the root");
  }

  @Test
  void buildIgnoreHidesBuildFilesButNotDirectories() throws Exception {
    repo.file("legacy/BUILD");
    repo.file("legacy/sub/BUILD");
    repo.file("app/BUILD");
    repo.file("app/BUILD.old");
    BuildFileFinder finder = finder(config(MirrorConfig.DEFAULT_BUILD_PATTERNS,
        List.of("legacy/", "*.old"), List.of()));
    assertEquals(List.of("app"), finder.buildDirectoriesUnder(""));
    assertEquals(List.of("app/BUILD"), names(finder.buildFiles("app")));
    assertEquals(List.of(), finder.buildFiles("legacy"));
    assertTrue(finder.directoryExists("legacy"));
  }

  @Test
  void directoriesAreSortedComponentWise() throws Exception {
    for (String dir : List.of("a-b", "a/b", "a", "b", "a/b/c", "A", "")) {
      repo.file((dir.isEmpty() ? "" : dir + "/") + "BUILD");
    }
    repo.dir("empty/dir");
    BuildFileFinder finder = finder();
    assertEquals(List.of("", "A", "a", "a/b", "a/b/c", "a-b", "b"),
        finder.buildDirectoriesUnder(""));
    assertEquals(List.of("a", "a/b", "a/b/c"), finder.buildDirectoriesUnder("a"));
    assertEquals(List.of("a/b/c"), finder.buildDirectoriesUnder("a/b/c"));
    assertEquals(List.of(), finder.buildDirectoriesUnder("empty"));
    assertEquals(List.of(), finder.buildDirectoriesUnder("missing"));
  }

  @Test
  void symlinkedDirectoriesAreNotFollowed() throws Exception {
    repo.file("real/BUILD");
    Files.createSymbolicLink(repo.root().resolve("link"), repo.root().resolve("real"));
    BuildFileFinder finder = finder();
    assertEquals(List.of("real"), finder.buildDirectoriesUnder(""));
    assertFalse(finder.directoryExists("link"));
    assertEquals(List.of(), finder.buildFiles("link"));
  }

  @Test
  void preludeGlobs() throws Exception {
    repo.file("build-support/macros.py");
    repo.file("build-support/a.py");
    repo.file("build-support/notes.txt");
    repo.file("build-support/deep/more.py");
    repo.file("tools/x/prelude.py");
    repo.file("tools/y/z/prelude.py");
    repo.file("tools/skip/prelude.py");
    repo.file(".ci/prelude.py");
    BuildFileFinder finder = finder(config(MirrorConfig.DEFAULT_BUILD_PATTERNS, List.of(),
        List.of("build-support/*.py", "tools/**/prelude.py", "!tools/skip/*", "**/.ci/*.py")));
    assertEquals(List.of("build-support/a.py", "build-support/macros.py", "tools/x/prelude.py",
        "tools/y/z/prelude.py"), names(finder.preludeFiles()));
    assertEquals(List.of(), finder(MirrorConfig.defaults(repo.root())).preludeFiles());
  }

  @Test
  void theFastPathOrderIsAddressOrder() {
    // Characters sorting around '/', one above the surrogates (U+FF21) and an emoji (surrogates).
    String[] pieces = {"a", "b", "A", "-", ".", "_", "é", "\uFF21", "\uD83D\uDE00", "0"};
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String x = randomPath(random, pieces);
      String y = randomPath(random, pieces);
      assertEquals(Integer.signum(Address.comparePaths(x, y)),
          Integer.signum(BuildFileFinder.comparePaths(x, y)), x + " vs " + y);
    }
  }

  /** A clean relative path: up to three components of one to three pieces. */
  private static String randomPath(Random random, String[] pieces) {
    List<String> components = new java.util.ArrayList<>();
    for (int c = random.nextInt(4); c > 0; c--) {
      StringBuilder component = new StringBuilder();
      for (int p = 1 + random.nextInt(3); p > 0; p--) {
        component.append(pieces[random.nextInt(pieces.length)]);
      }
      components.add(component.toString());
    }
    return String.join("/", components);
  }

  @Test
  void walksAWideTreeInPathOrder() throws Exception {
    // Speed on 10,000 directories is measured by bench/build-tree.sh, not asserted here.
    for (int i = 0; i < 20; i++) {
      Path parent = Files.createDirectory(repo.root().resolve("p" + i));
      for (int j = 0; j < 20; j++) {
        Path dir = Files.createDirectory(parent.resolve("d" + j));
        Files.createFile(dir.resolve("BUILD"));
      }
    }
    repo.file(".gitignore", "*.log\nbuild/\n/out\n");
    BuildFileFinder finder = finder();
    List<String> dirs = finder.buildDirectoriesUnder("");
    assertEquals(400, dirs.size());
    assertEquals(List.of("p0/d0", "p0/d1", "p0/d10"), dirs.subList(0, 3));
    assertEquals(List.of("p5/d7/BUILD"), names(finder.buildFiles("p5/d7")));
  }

}
