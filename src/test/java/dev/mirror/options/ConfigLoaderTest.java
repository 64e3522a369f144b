package dev.mirror.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.buildfiles.TestTree;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path tmp;

  private TestTree repo;
  private TestTree home;
  private Path systemRc;
  private final Map<String, String> env = new HashMap<>(Map.of("USER", "tester"));
  private final Map<String, List<String>> flags = new HashMap<>();

  @BeforeEach
  void setUp() {
    repo = new TestTree(tmp.resolve("repo"));
    repo.dir("");
    home = new TestTree(tmp.resolve("home"));
    home.dir("");
    systemRc = tmp.resolve("etc/pantsrc");
  }

  private MirrorConfig load() throws OptionsException {
    return new ConfigLoader(env, home.root(), systemRc).load(repo.root(), flags);
  }

  private OptionsException loadFails() {
    return assertThrows(OptionsException.class, this::load);
  }

  @Test
  void defaultsAreThoseOfPants() throws Exception {
    MirrorConfig config = load();
    assertEquals(MirrorConfig.defaults(repo.root()), config);
    assertEquals(List.of("BUILD", "BUILD.*"), config.buildPatterns());
    assertEquals(List.of(".*/", "/dist/", "__pycache__", "!.semgrep/", "!.github/"),
        config.pantsIgnore());
    assertTrue(config.pantsIgnoreUseGitignore());
    assertEquals(MirrorConfig.UnmatchedCliGlobs.ERROR, config.unmatchedCliGlobs());
    assertEquals("\\n", config.list().sep());
    assertNull(config.pantsVersion());
    assertEquals(Optional.empty(), config.backendWarning(), "no pants.toml, no warning");
  }

  @Test
  void readsTheOptionsMirrorHonours() throws Exception {
    repo.file("pants.toml", """
        [GLOBAL]
        pants_version = "2.24.0"
        backend_packages = ["pants_backend_oci.utility.mirror"]
        build_patterns = ["BUILD", "BUILD.mirror"]
        build_ignore = ["legacy/"]
        pants_ignore_use_gitignore = false
        build_file_prelude_globs = ["build-support/*.py"]
        tag = ["-old,legacy"]
        filter_target_type = ["oci_mirror_image"]
        unmatched_cli_globs = "warn"
        spec_files = ["specs.txt"]

        [filter]
        address_regex = ["^images/"]
        tag_regex = ["^py"]

        [list]
        documented = true
        sep = ","
        output_file = "out.txt"

        [peek]
        exclude_defaults = true
        output_file = "peek.json"

        [python]
        interpreter_constraints = ["==3.11.*"]
        """);
    MirrorConfig config = load();
    assertEquals("2.24.0", config.pantsVersion());
    assertEquals(List.of(repo.root().resolve("pants.toml")), config.repoConfigFiles());
    assertEquals(List.of("pants_backend_oci.utility.mirror"), config.backendPackages());
    assertEquals(List.of("BUILD", "BUILD.mirror"), config.buildPatterns());
    assertEquals(List.of("legacy/"), config.buildIgnore());
    assertFalse(config.pantsIgnoreUseGitignore());
    assertEquals(List.of("build-support/*.py"), config.buildFilePreludeGlobs());
    assertEquals(new MirrorConfig.Filters(List.of("-old,legacy"), List.of("oci_mirror_image"),
        List.of("^images/"), List.of("^py")), config.filters());
    assertEquals(MirrorConfig.UnmatchedCliGlobs.WARN, config.unmatchedCliGlobs());
    assertEquals(List.of("specs.txt"), config.specFiles());
    assertEquals(new MirrorConfig.ListGoal(true, ",", "out.txt"), config.list());
    assertEquals(new MirrorConfig.PeekGoal(true, "peek.json"), config.peek());
    assertEquals(Optional.empty(), config.backendWarning());
  }

  @Test
  void filterGranularityComesFromFilterSectionThenEnvThenFlag() throws Exception {
    assertEquals("all", load().filters().granularity());
    repo.file("pants.toml", "[filter]\ngranularity = \"file\"\n");
    assertEquals("file", load().filters().granularity());
    env.put("PANTS_FILTER_GRANULARITY", "BUILD");
    assertEquals("BUILD", load().filters().granularity());
    flags.put("GLOBAL.filter_granularity", List.of("all"));
    assertEquals("all", load().filters().granularity());
  }

  @Test
  void filterGranularityTakesPantsSpellingsOnly() {
    // TargetGranularity("build") fails in Pants: the values are all, file and BUILD exactly.
    env.put("PANTS_FILTER_GRANULARITY", "build");
    assertTrue(loadFails().getMessage().contains("environment variable PANTS_FILTER_GRANULARITY:"
        + " expected one of all, file, BUILD, but got `build`"));
  }

  @Test
  void precedenceIsTomlThenRcThenEnvThenFlags() throws Exception {
    repo.file("pants.toml", "[GLOBAL]\nunmatched_cli_globs = \"warn\"\n"
        + "[list]\nsep = \"toml\"\noutput_file = \"toml\"\ndocumented = true\n"
        + "[peek]\noutput_file = \"toml\"\n");
    repo.file(".pants.rc", "[list]\nsep = \"rc\"\noutput_file = \"rc\"\n[peek]\noutput_file = \"rc\"\n");
    env.put("PANTS_LIST_SEP", "env");
    env.put("PANTS_PEEK_OUTPUT_FILE", "env");
    flags.put("list.sep", List.of("flag1", "flag2"));
    MirrorConfig config = load();
    assertEquals("flag2", config.list().sep(), "the last flag wins");
    assertEquals("env", config.peek().outputFile());
    assertEquals("rc", config.list().outputFile());
    assertTrue(config.list().documented());
    assertEquals(MirrorConfig.UnmatchedCliGlobs.WARN, config.unmatchedCliGlobs());
    assertEquals(List.of(repo.root().resolve(".pants.rc")), config.rcFiles());
  }

  @Test
  void rcFilesAreReadInOrderAndMissingOnesSkipped() throws Exception {
    TestTree etc = new TestTree(tmp.resolve("etc"));
    etc.file("pantsrc", "[list]\nsep = \"etc\"\noutput_file = \"etc\"\ndocumented = true\n");
    home.file(".pants.rc", "[list]\nsep = \"home\"\noutput_file = \"home\"\n");
    repo.file(".pants.rc", "[list]\nsep = \"repo\"\n");
    MirrorConfig config = load();
    assertEquals(new MirrorConfig.ListGoal(true, "repo", "home"), config.list());
    assertEquals(List.of(systemRc, home.root().resolve(".pants.rc"),
        repo.root().resolve(".pants.rc")), config.rcFiles());
  }

  @Test
  void pantsrcCanBeDisabledByFlagEnvOrToml() throws Exception {
    repo.file(".pants.rc", "[list]\nsep = \"rc\"\n");
    flags.put("GLOBAL.pantsrc", List.of("false"));
    assertEquals("\\n", load().list().sep());
    flags.clear();
    env.put("PANTS_PANTSRC", "False");
    assertEquals("\\n", load().list().sep());
    env.remove("PANTS_PANTSRC");
    repo.file("pants.toml", "[GLOBAL]\npantsrc = false\n");
    assertEquals("\\n", load().list().sep());
    repo.file("pants.toml", "[GLOBAL]\npantsrc_files = [\"custom.rc\"]\n");
    repo.file("custom.rc", "[list]\nsep = \"custom\"\n");
    assertEquals("custom", load().list().sep());
  }

  @Test
  void configFilesFromTheEnvironmentOrFlags() throws Exception {
    repo.file("pants.toml", "[list]\nsep = \"main\"\noutput_file = \"main\"\n");
    repo.file("ci.toml", "[list]\nsep = \"ci\"\n");
    env.put("PANTS_CONFIG_FILES", "ci.toml"); // a bare value adds to the default
    MirrorConfig config = load();
    assertEquals(new MirrorConfig.ListGoal(false, "ci", "main"), config.list());
    assertEquals(List.of(repo.root().resolve("pants.toml"), repo.root().resolve("ci.toml")),
        config.repoConfigFiles());

    flags.put("GLOBAL.pants_config_files", List.of("['ci.toml']")); // a list replaces
    config = load();
    assertEquals(new MirrorConfig.ListGoal(false, "ci", null), config.list());

    flags.put("GLOBAL.pants_config_files", List.of("['missing.toml']"));
    OptionsException e = loadFails();
    assertTrue(e.getMessage().contains("missing.toml"), e.getMessage());
  }

  @Test
  void tomlListEditsInEveryForm() throws Exception {
    repo.file("pants.toml", """
        [GLOBAL]
        pants_ignore.add = ["!/vendor/", "generated/"]
        pants_ignore.remove = ["__pycache__"]
        build_patterns = "+['BUILD.mirror']"
        backend_packages = "-['nothing']"
        spec_files = "one.txt"

        [GLOBAL.build_ignore]
        add = ["old/"]
        """);
    MirrorConfig config = load();
    assertEquals(List.of(".*/", "/dist/", "!.semgrep/", "!.github/", "!/vendor/", "generated/"),
        config.pantsIgnore());
    assertEquals(List.of("BUILD", "BUILD.*", "BUILD.mirror"), config.buildPatterns());
    assertEquals(List.of("old/"), config.buildIgnore());
    assertEquals(List.of(), config.backendPackages());
    assertEquals(List.of("one.txt"), config.specFiles());
  }

  @Test
  void listEditsAccumulateAcrossSources() throws Exception {
    repo.file("pants.toml", "[GLOBAL]\ntag = [\"a\"]\nbackend_packages = [\"x\", \"y\"]\n");
    repo.file(".pants.rc", "[GLOBAL]\ntag = \"+['b']\"\n");
    env.put("PANTS_TAG", "c");
    env.put("PANTS_BACKEND_PACKAGES", "-['x']");
    flags.put("GLOBAL.tag", List.of("d", "-e,f", "-['a']"));
    flags.put("filter.tag", List.of("g"));
    MirrorConfig config = load();
    assertEquals(List.of("b", "c", "d", "-e,f", "g"), config.filters().tag());
    assertEquals(List.of("y"), config.backendPackages());

    flags.put("GLOBAL.tag", List.of("['only']"));
    flags.remove("filter.tag");
    assertEquals(List.of("only"), load().filters().tag());
  }

  @Test
  void environmentVariableNames() throws Exception {
    env.put("PANTS_GLOBAL_BUILD_IGNORE", "['a/']");
    env.put("PANTS_PANTS_IGNORE", "+['x/']");
    env.put("PANTS_FILTER_TARGET_TYPE", "oci_mirror_image");
    env.put("PANTS_GLOBAL_FILTER_ADDRESS_REGEX", "^a");
    env.put("PANTS_FILTER_TAG_REGEX", "['^b']");
    env.put("PANTS_UNMATCHED_CLI_GLOBS", "ignore");
    env.put("PANTS_LIST_DOCUMENTED", "true");
    env.put("PANTS_PEEK_EXCLUDE_DEFAULTS", "TRUE");
    MirrorConfig config = load();
    assertEquals(List.of("a/"), config.buildIgnore());
    assertEquals("x/", config.pantsIgnore().get(config.pantsIgnore().size() - 1));
    assertEquals(List.of("oci_mirror_image"), config.filters().targetType(),
        "PANTS_FILTER_TARGET_TYPE names both spellings but applies once");
    assertEquals(List.of("^a"), config.filters().addressRegex());
    assertEquals(List.of("^b"), config.filters().tagRegex());
    assertEquals(MirrorConfig.UnmatchedCliGlobs.IGNORE, config.unmatchedCliGlobs());
    assertTrue(config.list().documented());
    assertTrue(config.peek().excludeDefaults());
  }

  @Test
  void flagKeysAcceptDashesAndBareBooleans() throws Exception {
    flags.put("GLOBAL.filter-target-type", List.of("oci_mirror_images"));
    flags.put("list.documented", List.of(""));
    flags.put("global.pants_ignore", List.of("+['extra/']", "-['/dist/']"));
    MirrorConfig config = load();
    assertEquals(List.of("oci_mirror_images"), config.filters().targetType());
    assertTrue(config.list().documented());
    assertEquals(List.of(".*/", "__pycache__", "!.semgrep/", "!.github/", "extra/"),
        config.pantsIgnore());
  }

  @Test
  void interpolationFromSectionDefaultSeedsAndEnvironment() throws Exception {
    env.put("CI_TAG", "ci");
    repo.file("pants.toml", """
        [DEFAULT]
        shared = "from-default"
        output_file = "%(buildroot)s/default-out.txt"

        [GLOBAL]
        local = "%(shared)s+local"
        pants_version = "%(local)s"
        spec_files = ["%(homedir)s/specs", "%(user)s", "%(env.CI_TAG)s"]
        build_ignore = ["%(pants_workdir)s", "%(pants_distdir)s"]

        [list]
        shared = "overridden"
        sep = "%(shared)s"
        """);
    MirrorConfig config = load();
    assertEquals("from-default+local", config.pantsVersion(), "recursive");
    assertEquals(List.of(home.root() + "/specs", "tester", "ci"), config.specFiles());
    assertEquals(List.of(repo.root() + "/.pants.d", repo.root() + "/dist"),
        config.buildIgnore());
    assertEquals("overridden", config.list().sep(), "the section wins over DEFAULT");
    assertEquals(repo.root() + "/default-out.txt", config.list().outputFile(),
        "DEFAULT supplies values to every section");
    assertEquals(repo.root() + "/default-out.txt", config.peek().outputFile());
  }

  @Test
  void anUnknownPlaceholderIsFatal() {
    repo.file("pants.toml", "[GLOBAL]\n\npants_version = \"%(env.FOO)s\"\n");
    OptionsException e = loadFails();
    assertEquals("Unknown value for placeholder `env.FOO` in config file pants.toml,"
        + " section GLOBAL, key pants_version", e.getMessage());
    assertEquals("pants.toml", e.file());
    assertEquals(3, e.line());
  }

  @Test
  void placeholdersInsideSubTablesNameTheOptionKey() {
    repo.file("pants.toml", "[GLOBAL.pants_ignore]\nadd = [\"%(nope)s\"]\n");
    OptionsException e = loadFails();
    assertEquals("Unknown value for placeholder `nope` in config file pants.toml,"
        + " section GLOBAL, key pants_ignore", e.getMessage());
  }

  @Test
  void aSelfReferenceEndsWithAnError() {
    repo.file("pants.toml", "[GLOBAL]\nloop = \"%(loop)s\"\npants_version = \"%(loop)s\"\n");
    OptionsException e = loadFails();
    assertTrue(e.getMessage().contains("`loop` refers back to itself"), e.getMessage());
  }

  @Test
  void unknownSectionsAndKeysAreIgnored() throws Exception {
    repo.file("pants.toml", "[GLOBAL]\ncolors = 3\nplugins = [1]\n[cli.alias]\nx = \"y\"\n");
    assertEquals(MirrorConfig.defaults(repo.root()).pantsIgnore(), load().pantsIgnore());
  }

  @Test
  void wrongTypesNameFileSectionAndKey() {
    repo.file("pants.toml", "[GLOBAL]\npants_version = 2.24\n");
    OptionsException e = loadFails();
    assertEquals("config file pants.toml, section GLOBAL, key pants_version: expected a string,"
        + " but got the float 2.24", e.getMessage());
    assertEquals(2, e.line());

    repo.file("pants.toml", "[GLOBAL]\nbackend_packages = [\"a\", 1]\n");
    assertTrue(loadFails().getMessage().contains(
        "key backend_packages: expected an array of strings, but it contains the integer 1"));

    repo.file("pants.toml", "[GLOBAL]\npants_ignore_use_gitignore = \"no\"\n");
    assertTrue(loadFails().getMessage().contains(
        "key pants_ignore_use_gitignore: expected 'true' or 'false'"));

    repo.file("pants.toml", "[GLOBAL]\nunmatched_cli_globs = \"loud\"\n");
    assertTrue(loadFails().getMessage().contains("expected one of error, warn, ignore"));

    repo.file("pants.toml", "[GLOBAL.pants_ignore]\nappend = [\"x\"]\n");
    assertTrue(loadFails().getMessage().contains("expected an `add` array, a `remove` array"));
  }

  @Test
  void wrongValuesFromEnvAndFlagsNameTheirSource() {
    env.put("PANTS_LIST_DOCUMENTED", "yes");
    assertEquals("environment variable PANTS_LIST_DOCUMENTED: expected 'true' or 'false', but"
        + " got `yes`", loadFails().getMessage());
    env.put("PANTS_LIST_DOCUMENTED", "");
    assertTrue(loadFails().getMessage().contains("but got ``"), "only a bare flag means true");
    env.clear();
    flags.put("GLOBAL.build_patterns", List.of("+['x'"));
    assertTrue(loadFails().getMessage().startsWith(
        "Problem parsing flag --build-patterns as a string list"));
  }

  @Test
  void tomlSyntaxErrorsGiveTheLine() {
    repo.file("pants.toml", "[GLOBAL]\n\nbackend_packages = [\n");
    OptionsException e = loadFails();
    assertTrue(e.getMessage().startsWith("Failed to parse config file pants.toml: "),
        e.getMessage());
    assertEquals("pants.toml", e.file());
    assertTrue(e.line() >= 3, "line " + e.line());
  }

  @Test
  void backendWarningWhenPantsTomlLacksTheMirrorBackend() throws Exception {
    repo.file("pants.toml", "[GLOBAL]\nbackend_packages = [\"pants.backend.python\"]\n");
    assertEquals(Optional.of("pants.toml does not list pants_backend_oci.utility.mirror in"
        + " [GLOBAL].backend_packages: Pants itself would not know oci_mirror_image and"
        + " oci_mirror_images."), load().backendWarning());
    env.put("PANTS_BACKEND_PACKAGES", "pants_backend_oci.utility.mirror");
    assertEquals(Optional.empty(), load().backendWarning());
  }
}
