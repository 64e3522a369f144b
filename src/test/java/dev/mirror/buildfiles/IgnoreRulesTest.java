package dev.mirror.buildfiles;

import dev.mirror.options.ConfigLoader;
import dev.mirror.options.MirrorConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {

  @TempDir Path tmp;

  private TestTree repo;

  @BeforeEach
  void setUp() {
    repo = new TestTree(tmp.resolve("repo"));
    repo.dir("");
  }

  private IgnoreRules rules(MirrorConfig config) throws BuildFileException {
    return IgnoreRules.load(config, Optional.empty());
  }

  private IgnoreRules defaults() throws BuildFileException {
    return rules(MirrorConfig.defaults(repo.root()));
  }

  private MirrorConfig withIgnores(List<String> pantsIgnore, List<String> buildIgnore,
      boolean useGitignore) {
    MirrorConfig d = MirrorConfig.defaults(repo.root());
    return new MirrorConfig(d.buildRoot(), List.of(), List.of(), List.of(), null,
        d.buildPatterns(), buildIgnore, pantsIgnore, useGitignore, List.of(), d.filters(),
        d.unmatchedCliGlobs(), List.of(), d.list(), d.peek(), d.mirror());
  }

  @Test
  void defaultsHideDotDirectoriesButNotGithubOrSemgrep() throws Exception {
    IgnoreRules rules = defaults();
    assertTrue(rules.isIgnored(".ci", true));
    assertTrue(rules.isIgnored(".ci/BUILD", false));
    assertTrue(rules.isIgnored("a/.cache/b/BUILD", false));
    assertFalse(rules.isIgnored(".github", true));
    assertFalse(rules.isIgnored(".github/BUILD", false));
    assertFalse(rules.isIgnored(".github/workflows/BUILD", false));
    assertTrue(rules.isIgnored(".github/.hidden/BUILD", false), "only .github itself");
    assertFalse(rules.isIgnored(".semgrep/BUILD", false));
    assertFalse(rules.isIgnored(".env", false), ".*/ matches directories only");
    assertFalse(rules.isIgnored("", true));
    assertFalse(rules.isIgnored("images/BUILD", false));
  }

  @Test
  void defaultsHideDistPycacheAndTheWorkdir() throws Exception {
    IgnoreRules rules = defaults();
    assertTrue(rules.isIgnored("dist", true));
    assertTrue(rules.isIgnored("dist/BUILD", false));
    assertFalse(rules.isIgnored("a/dist/BUILD", false), "/dist/ is anchored");
    assertTrue(rules.isIgnored("__pycache__/BUILD", false));
    assertTrue(rules.isIgnored("a/b/__pycache__", true));
    assertTrue(rules.isIgnored(".pants.d/x/BUILD", false));
  }

  @Test
  void distdirStaysIgnoredWhenRemovedFromPantsIgnore() throws Exception {
    IgnoreRules rules = rules(withIgnores(List.of("!/dist/"), List.of(), true));
    assertTrue(rules.isIgnored("dist/BUILD", false), "Pants appends the distdir after the user");
  }

  @Test
  void rootGitignoreWithNegationAnchoringDirectoriesAndStars() throws Exception {
    repo.file(".gitignore", """
        # comment
        *.log
        !keep.log
        /top
        build/
        docs/**/generated
        out/**
        """);
    IgnoreRules rules = defaults();
    assertTrue(rules.isIgnored("a/x.log", false));
    assertFalse(rules.isIgnored("a/keep.log", false));
    assertTrue(rules.isIgnored("top", false));
    assertTrue(rules.isIgnored("top/BUILD", false));
    assertFalse(rules.isIgnored("a/top/BUILD", false), "/top is anchored at the root");
    assertTrue(rules.isIgnored("build", true));
    assertTrue(rules.isIgnored("a/build/BUILD", false), "build/ matches at any depth");
    assertFalse(rules.isIgnored("a/build", false), "build/ matches directories only");
    assertTrue(rules.isIgnored("docs/generated", true), "** matches no directory too");
    assertTrue(rules.isIgnored("docs/a/b/generated/BUILD", false));
    assertFalse(rules.isIgnored("out", true), "out/** matches below out, not out itself");
    assertTrue(rules.isIgnored("out/BUILD", false));
    assertFalse(rules.isIgnored("# comment", false));
  }

  @Test
  void aPathBelowAnIgnoredDirectoryCannotBeReincluded() throws Exception {
    repo.file(".gitignore", "vendor/\n!vendor/keep/BUILD\n");
    assertTrue(defaults().isIgnored("vendor/keep/BUILD", false));
  }

  @Test
  void gitInfoExcludeAndGlobalExcludesAreRead() throws Exception {
    repo.file(".git/info/exclude", "secret/\n");
    Path global = new TestTree(tmp).file("global-ignore", "*.tmp\n");
    IgnoreRules rules = IgnoreRules.load(MirrorConfig.defaults(repo.root()), Optional.of(global));
    assertTrue(rules.isIgnored("secret/BUILD", false));
    assertTrue(rules.isIgnored("a/b.tmp", false));
  }

  @Test
  void gitignoreFilesAreSkippedWhenTurnedOff() throws Exception {
    repo.file(".gitignore", "generated/\n");
    repo.file(".git/info/exclude", "secret/\n");
    IgnoreRules rules = rules(withIgnores(MirrorConfig.DEFAULT_PANTS_IGNORE, List.of(), false));
    assertFalse(rules.isIgnored("generated/BUILD", false));
    assertFalse(rules.isIgnored("secret/BUILD", false));
    assertTrue(rules.isIgnored(".ci/BUILD", false), "pants_ignore still applies");
  }

  @Test
  void pantsIgnoreComesLastAndCanReinclude() throws Exception {
    repo.file(".gitignore", "generated/\n.ci/\n");
    List<String> ignores = List.of(".*/", "!generated/", "!.ci/");
    IgnoreRules rules = rules(withIgnores(ignores, List.of(), true));
    assertFalse(rules.isIgnored("generated/BUILD", false));
    assertFalse(rules.isIgnored(".ci/BUILD", false));
  }

  @Test
  void pantsIgnoreAddFromPantsTomlReincludesAGitignoredPath() throws Exception {
    repo.file(".gitignore", "generated/\n");
    repo.file("pants.toml", "[GLOBAL]\npants_ignore.add = [\"!generated/\"]\n");
    MirrorConfig config = new ConfigLoader(Map.of(), tmp.resolve("home"), tmp.resolve("no-rc"))
        .load(repo.root(), Map.of());
    IgnoreRules rules = rules(config);
    assertFalse(rules.isIgnored("generated/BUILD", false));
    assertTrue(rules.isIgnored(".ci/BUILD", false), "the defaults are kept");
  }

  @Test
  void nestedGitignoreFilesAreNotRead() throws Exception {
    repo.file("sub/.gitignore", "*\n");
    assertFalse(defaults().isIgnored("sub/BUILD", false));
  }

  @Test
  void buildIgnoreHidesBuildFilesOnly() throws Exception {
    IgnoreRules rules = rules(withIgnores(MirrorConfig.DEFAULT_PANTS_IGNORE,
        List.of("legacy/", "BUILD.old", "/only-root/BUILD"), true));
    assertTrue(rules.buildIgnored("legacy/BUILD"));
    assertTrue(rules.buildIgnored("a/legacy/deep/BUILD"));
    assertTrue(rules.buildIgnored("x/BUILD.old"));
    assertTrue(rules.buildIgnored("only-root/BUILD"));
    assertFalse(rules.buildIgnored("a/only-root/BUILD"));
    assertFalse(rules.buildIgnored("x/BUILD"));
    assertFalse(rules.isIgnored("legacy/BUILD", false), "pants_ignore is separate");
  }

  @Test
  void globalExcludesFileComesFromGitconfigOrXdg() {
    TestTree home = new TestTree(tmp.resolve("home"));
    home.dir("");
    assertEquals(home.root().resolve(".config/git/ignore"),
        IgnoreRules.globalExcludesPath(Map.of(), home.root()));
    assertEquals(Optional.empty(), IgnoreRules.globalExcludesFile(Map.of(), home.root()),
        "no file, no excludes");
    assertEquals(tmp.resolve("xdg/git/ignore"),
        IgnoreRules.globalExcludesPath(Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString()),
            home.root()));
    home.file(".config/git/config", "[core]\n\texcludesFile = ~/.from-xdg\n");
    assertEquals(home.root().resolve(".from-xdg"),
        IgnoreRules.globalExcludesPath(Map.of(), home.root()));
    home.file(".gitconfig", "[user]\n\tname = x\n[core]\n\texcludesFile = ~/.my-ignore\n");
    Path mine = home.file(".my-ignore", "*.tmp\n");
    assertEquals(Optional.of(mine), IgnoreRules.globalExcludesFile(Map.of(), home.root()),
        "~/.gitconfig wins");
    home.file(".gitconfig", "[core]\n\texcludesfile = /etc/ignore\n");
    assertEquals(Path.of("/etc/ignore"), IgnoreRules.globalExcludesPath(Map.of(), home.root()));
  }
}
