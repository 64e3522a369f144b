package dev.mirror.specs;

import static dev.mirror.specs.FakeTargetSource.image;
import static dev.mirror.specs.FakeTargetSource.images;
import static dev.mirror.specs.FakeTargetSource.opaque;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.targets.Address;
import dev.mirror.targets.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecResolverTest {
  private final FakeTargetSource repo = FakeTargetSource.workedExample()
      .build("images/node",
          image("images/node:node@tag=18"), image("images/node:node@tag=20"),
          image("images/node:multi@arch=amd64,tag=18"), image("images/node:multi@arch=arm64,tag=18"))
      .build("images/gen", FakeTargetSource.concat(
          images("images/gen:g@tag=a", List.of("x", "y")),
          images("images/gen:g@tag=b", List.of("x"))))
      .build("src", opaque("src:lib", "python_sources"), opaque("src:img", "docker_image"))
      .file("src/app.py")
      .dir("images/empty")
      .dir("images/v1.2")
      .dir("docs/api");

  private List<String> list(String... args) throws Exception {
    return Run.in(repo).list(args);
  }

  private SpecException error(String... args) {
    return assertThrows(SpecException.class, () -> list(args));
  }

  // ---- §2.2: what each spec matches ----

  @Test
  void addressLiteralIsExactlyThatTarget() throws Exception {
    assertEquals(List.of("images/python:alpine"), list("images/python:alpine"));
    assertEquals(List.of("images/python#3.12-slim"), list("images/python#3.12-slim"));
    assertEquals(List.of("images/python#3.12-slim"), list("images/python:python#3.12-slim"));
    assertEquals(List.of("//:busybox"), list("//:busybox"));
  }

  @Test
  void aLiteralWithoutParametersNamesEveryParametrization() throws Exception {
    assertEquals(List.of("images/node@tag=18", "images/node@tag=20"), list("images/node:node"));
    assertEquals(List.of("images/node@tag=20"), list("images/node@tag=20"));
    assertEquals(List.of("images/node:multi@arch=amd64,tag=18", "images/node:multi@arch=arm64,tag=18"),
        list("images/node:multi@tag=18"));
    assertEquals(List.of("images/node:multi@arch=arm64,tag=18"),
        list("images/node:multi@arch=arm64"));
  }

  @Test
  void parametrizedGenerators() throws Exception {
    assertEquals(List.of("images/gen:g@tag=a", "images/gen:g@tag=b"), list("images/gen:g"));
    assertEquals(List.of("images/gen:g#x@tag=a", "images/gen:g#x@tag=b"), list("images/gen:g#x"));
    assertEquals(List.of("images/gen:g#y@tag=a"), list("images/gen:g#y"));
  }

  @Test
  void directoryLiteralExcludesGeneratorsOnly() throws Exception {
    assertEquals(List.of("images/gen:g#x@tag=a", "images/gen:g#y@tag=a", "images/gen:g#x@tag=b"),
        list("images/gen"));
    assertEquals(List.of("images/node@tag=18", "images/node@tag=20",
        "images/node:multi@arch=amd64,tag=18", "images/node:multi@arch=arm64,tag=18"),
        list("images/node"));
  }

  @Test
  void directoryGlobIncludesGenerators() throws Exception {
    assertEquals(List.of("images/gen:g@tag=a", "images/gen:g#x@tag=a", "images/gen:g#y@tag=a",
        "images/gen:g@tag=b", "images/gen:g#x@tag=b"), list("images/gen:"));
  }

  @Test
  void recursiveGlobOfTheRootCoversEverything() throws Exception {
    List<String> all = list("::");
    assertEquals(List.of("//:busybox",
        "images/gen:g@tag=a", "images/gen:g#x@tag=a", "images/gen:g#y@tag=a",
        "images/gen:g@tag=b", "images/gen:g#x@tag=b",
        "images/node@tag=18", "images/node@tag=20",
        "images/node:multi@arch=amd64,tag=18", "images/node:multi@arch=arm64,tag=18",
        "images/python", "images/python#3.11-slim", "images/python#3.12-slim",
        "images/python:alpine", "images/python/legacy:py27", "images/tools:jq",
        "images/tools:yq", "src:img", "src:lib"), all);
    assertEquals(all, list("//::"));
    assertEquals(all, list("./::"));
  }

  @Test
  void ordering() throws Exception {
    List<String> python = list("images/python/legacy:py27", "images/python:alpine",
        "images/python#3.12-slim", "//:busybox", "images/python:python");
    assertEquals(List.of("//:busybox", "images/python", "images/python#3.12-slim",
        "images/python:alpine", "images/python/legacy:py27"), python);
    // Component-wise paths: images/node < images/python < images/python/legacy < images/tools.
    List<String> dirs = list("images::").stream()
        .map(a -> Address.parse(a).specPath()).distinct().toList();
    assertEquals(List.of("images/gen", "images/node", "images/python", "images/python/legacy",
        "images/tools"), dirs);
  }

  @Test
  void duplicatesAreRemoved() throws Exception {
    assertEquals(List.of("images/python", "images/python#3.11-slim", "images/python#3.12-slim",
        "images/python:alpine"),
        list("images/python:", "images/python:alpine", "images/python", "images/python:python"));
  }

  @Test
  void otherBackendsTargetsAreListedByDirectorySpecs() throws Exception {
    assertEquals(List.of("src:img", "src:lib"), list("src"));
    assertEquals(List.of("src:lib"), list("src:lib"));
  }

  @Test
  void fileSpecsMatchNothing() throws Exception {
    assertEquals(List.of(), list("src/app.py"));
    assertEquals(List.of(), list("images/python/BUILD"));
    assertEquals(List.of(), list("images/tools/*"));
    assertEquals(List.of(), list("images/v1.2")); // a file literal, though it is a directory
  }

  // ---- §2.3: ignores and filters ----

  @Test
  void ignoresSubtractAddressesWhateverTheirPosition() throws Exception {
    assertEquals(List.of("images/python#3.11-slim", "images/python#3.12-slim",
        "images/python:alpine"), list("-images/python:python", "images/python:"));
    assertEquals(List.of("images/python"), list("images/python:", "-images/python"));
    assertEquals(List.of("images/python:alpine"),
        list("-images/python#3.11-slim", "images/python", "-images/python#3.12-slim"));
    assertEquals(List.of(), list("images/python:alpine", "-images/python:"));
  }

  @Test
  void anIgnoredParametrizedTemplateDropsEveryParametrization() throws Exception {
    assertEquals(List.of("images/node:multi@arch=amd64,tag=18",
        "images/node:multi@arch=arm64,tag=18"), list("images/node:", "-images/node:node"));
  }

  @Test
  void onlyIgnoresGiveNothing() throws Exception {
    assertEquals(List.of(), list("-images/python:"));
  }

  @Test
  void filtersApplyToLiteralsToo() throws Exception {
    Filters imagesOnly = Filters.of(List.of(), List.of("oci_mirror_image"), List.of(), List.of(),
        Run.TYPES);
    assertEquals(List.of(), Run.in(repo).filters(imagesOnly).list("images/python:python"));
    assertEquals(List.of("images/python:alpine"),
        Run.in(repo).filters(imagesOnly).list("images/python:alpine"));
    assertEquals(List.of(), Run.in(repo).filters(Run.tag("legacy")).list("//:busybox"));
  }

  @Test
  void filtersLeaveIgnoresAlone() throws Exception {
    // py27 fails --tag=mirror, yet -images/python:: still removes the others it matches.
    assertEquals(List.of("//:busybox", "images/tools:jq", "images/tools:yq"),
        Run.in(repo).filters(Run.tag("mirror")).list("//:", "images/python::", "images/tools:",
            "-images/python::"));
  }

  // ---- §2.4: specs that match nothing ----

  @Test
  void missingDirectoriesAreUnmatchedGlobs() {
    assertEquals("""
        Unmatched glob from CLI arguments: "images/nope/*"

        Do the file(s) exist? If so, check if the file(s) are in your `.gitignore` or the \
        global `pants_ignore` option, which may result in mirror not being able to see the \
        file(s) even though they exist on disk. Refer to \
        https://www.pantsbuild.org/2.24/docs/using-pants/troubleshooting-common-issues\
        #pants-cannot-find-a-file-in-your-project.""", error("images/nope").getMessage());
    assertTrue(error("images/nope:").getMessage()
        .startsWith("Unmatched glob from CLI arguments: \"images/nope/*\"\n\n"));
    assertTrue(error("images/nope::").getMessage()
        .startsWith("Unmatched glob from CLI arguments: \"images/nope/**\"\n\n"));
  }

  @Test
  void severalUnmatchedGlobsAreSortedInOneMessage() {
    SpecException e = error("b::", "images::", "a", "a:", "-c/d:");
    assertEquals(SpecException.Kind.UNMATCHED_GLOB, e.kind());
    assertEquals("Unmatched globs from CLI arguments: [\"a/*\", \"b/**\", \"c/d/*\"]",
        e.getMessage().lines().findFirst().orElseThrow());
    assertTrue(e.getMessage().contains("`pants_ignore`"));
  }

  @Test
  void eachFileSpecIsItsOwnGlobAfterTheDirectorySpecs() {
    // Pants checks the directory specs as one PathGlobs and each file spec as its own.
    SpecException e = error("z.txt", "b::", "*.md", "a:", "missing.txt", "z.txt");
    assertEquals(List.of(
        "Unmatched globs from CLI arguments: [\"a/*\", \"b/**\"]",
        "error: Unmatched glob from CLI arguments: \"z.txt\"",
        "error: Unmatched glob from CLI arguments: \"*.md\"",
        "error: Unmatched glob from CLI arguments: \"missing.txt\"",
        ""), e.getMessage().lines().limit(5).toList());
  }

  @Test
  void aFileGlobMatchingNothingIsUnmatched() throws Exception {
    assertEquals("Unmatched glob from CLI arguments: \"images/*.py\"",
        error("images/*.py").getMessage().lines().findFirst().orElseThrow());
    // A glob matching any file or directory is fine, though no mirror target owns it.
    assertEquals(List.of(), Run.in(repo).list("images/*"));
  }

  @Test
  void buildIgnoreIsNamedAfterTheDirectoryGlobsOnly() {
    assertEquals("Unmatched glob from CLI arguments: \"a/*\", exclude: \"legacy/\"",
        SpecResolver.unmatchedMessage(List.of("a/*"), List.of("legacy/")));
    assertEquals("Unmatched globs from CLI arguments: [\"a/*\", \"b/**\"],"
            + " excludes: [\"legacy/\", \"BUILD.old\"]",
        SpecResolver.unmatchedMessage(List.of("a/*", "b/**"), List.of("legacy/", "BUILD.old")));
  }

  @Test
  void aMissingIgnoreIsAnErrorToo() {
    assertTrue(error("::", "-images/nope::").getMessage().contains("\"images/nope/**\""));
  }

  @Test
  void unmatchedGlobsCanWarn() throws Exception {
    Resolution r = Run.in(repo).mode(UnmatchedGlobs.WARN)
        .resolve("images/nope::", "images/tools:", "gone.txt");
    assertEquals(List.of("images/tools:jq", "images/tools:yq"),
        r.targets().stream().map(t -> t.address().toString()).toList());
    assertEquals(2, r.warnings().size());
    assertEquals("Unmatched glob from CLI arguments: \"images/nope/**\"", r.warnings().get(0));
    assertTrue(r.warnings().get(1).startsWith(
        "Unmatched glob from CLI arguments: \"gone.txt\"\n\nDo the file(s)"));
  }

  @Test
  void unmatchedGlobsCanBeIgnored() throws Exception {
    Resolution r = Run.in(repo).mode(UnmatchedGlobs.IGNORE).resolve("images/nope::", "nope");
    assertEquals(List.of(), r.targets());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void directoriesWithoutBuildFilesMatchNothingQuietly() throws Exception {
    for (String spec : List.of("images/empty", "images/empty:", "images/empty::", "docs::")) {
      Resolution r = Run.in(repo).resolve(spec);
      assertEquals(List.of(), r.targets(), spec);
      assertEquals(List.of(), r.warnings(), spec);
    }
  }

  @Test
  void unmatchedCliGlobsOptionValues() throws SpecException {
    assertEquals(UnmatchedGlobs.WARN, UnmatchedGlobs.fromOption("warn"));
    assertEquals("ignore", UnmatchedGlobs.IGNORE.optionValue());
    assertThrows(SpecException.class, () -> UnmatchedGlobs.fromOption("loud"));
  }

  // ---- address literals: always fatal ----

  @Test
  void literalInAMissingDirectory() {
    for (UnmatchedGlobs mode : UnmatchedGlobs.values()) {
      SpecException e = assertThrows(SpecException.class,
          () -> Run.in(repo).mode(mode).list("images/nope:t"));
      assertEquals(SpecException.Kind.UNKNOWN_ADDRESS, e.kind());
      assertEquals("The file or directory 'images/nope' does not exist on disk in the workspace,"
          + " so the address 'images/nope:t' from CLI arguments cannot be resolved.",
          e.getMessage());
    }
    assertEquals("The file or directory 'images/nope' does not exist on disk in the workspace,"
        + " so the address 'images/nope:nope' from CLI arguments cannot be resolved.",
        error("images/nope:nope").getMessage());
    assertTrue(error("images/nope#3.11").getMessage().contains("the address 'images/nope#3.11'"));
  }

  @Test
  void literalInADirectoryWithoutBuildFiles() {
    assertEquals("Directory 'images/empty' does not contain any BUILD files.",
        error("images/empty:t").getMessage());
    assertEquals("Directory 'docs' does not contain any BUILD files.",
        error("docs#x").getMessage());
  }

  @Test
  void unknownNameWithACloseMatch() {
    assertEquals("""
        The address images/python:alpin from CLI arguments does not exist.

        Did you mean :alpine?

        The target name ':alpin' is not defined in the directory images/python. \
        Did you mean one of these target names?

          * :alpine
          * :python""", error("images/python:alpin").getMessage());
  }

  @Test
  void noSuggestionBeyondTwoEdits() {
    String message = error("images/tools:jqyqx").getMessage();
    assertFalse(message.contains("Did you mean :"), message);
    assertTrue(message.endsWith("names?\n\n  * :jq\n  * :yq"), message);
  }

  @Test
  void unknownNameAtTheRoot() {
    assertEquals("""
        The address //:busybx from CLI arguments does not exist.

        Did you mean :busybox?

        The target name ':busybx' is not defined in the directory //. \
        Did you mean one of these target names?

          * :busybox""", error("//:busybx").getMessage());
  }

  @Test
  void unknownDefaultNameListsDeclaredNamesOnce() {
    String message = error("images/node:nod@tag=18").getMessage();
    assertTrue(message.endsWith("\n\n  * :multi\n  * :node"), message);
  }

  @Test
  void unknownGeneratedKey() {
    assertEquals("""
        The address `images/python#3.13` from CLI arguments was not generated by the target \
        `images/python`. Did you mean one of these addresses?

          * images/python
          * images/python#3.12-slim
          * images/python#3.11-slim""", error("images/python#3.13").getMessage());
  }

  @Test
  void generatedKeyOfAPlainTarget() {
    assertEquals("""
        The address `images/python:alpine#x` from CLI arguments was not generated by the target \
        `images/python:alpine`. Did you mean one of these addresses?

          * images/python:alpine""", error("images/python:alpine#x").getMessage());
  }

  @Test
  void unknownParameters() {
    assertEquals("""
        The address `images/node@tag=16` from CLI arguments was not generated by the target \
        `images/node@tag=16`. Did you mean one of these addresses?

          * images/node@tag=18
          * images/node@tag=20""", error("images/node@tag=16").getMessage());
  }

  @Test
  void aFileAddressNamesNoMirrorTarget() {
    String message = error("images/python/BUILD:python").getMessage();
    assertTrue(message.startsWith("The address `images/python/BUILD:python` from CLI arguments"
        + " was not generated by the target `images/python`."), message);
    assertTrue(error("images/python/BUILD:nope").getMessage()
        .contains("is not defined in the directory images/python."));
  }

  // ---- loading ----

  @Test
  void loadErrorsPropagateUnchanged() {
    FakeTargetSource broken = repo.broken("images/bad", "images/bad/BUILD:3:1: error: boom");
    TargetSource.LoadException e = assertThrows(TargetSource.LoadException.class,
        () -> Run.in(broken).list("images/bad:"));
    assertEquals(List.of("images/bad/BUILD:3:1: error: boom"), e.problems());

    // The same exception object, not a copy.
    TargetSource.LoadException thrown = new TargetSource.LoadException(List.of("x"));
    TargetSource throwing = new FakeTargetSource().build("a", image("a:t")).throwing(thrown);
    assertSame(thrown, assertThrows(TargetSource.LoadException.class,
        () -> new SpecResolver().resolve(List.of(new Spec.DirGlob("a")), List.of(),
            Filters.NONE, throwing, UnmatchedGlobs.ERROR)));
  }

  @Test
  void everyBrokenDirectoryIsReportedOnce() {
    FakeTargetSource broken = repo
        .broken("images/bad", "images/bad/BUILD:1:1: error: one")
        .broken("images/bad/sub", "images/bad/sub/BUILD:2:1: error: two")
        .broken("images/worse", "images/worse/BUILD:3:1: error: three");
    TargetSource.LoadException e = assertThrows(TargetSource.LoadException.class,
        () -> Run.in(broken).list("images::"));
    assertEquals(List.of("images/bad/BUILD:1:1: error: one",
        "images/bad/sub/BUILD:2:1: error: two", "images/worse/BUILD:3:1: error: three"),
        e.problems());
  }

  @Test
  void aBrokenSiblingIsNotLoaded() throws Exception {
    FakeTargetSource broken = repo.broken("images/bad", "images/bad/BUILD:1:1: error: boom");
    assertEquals(4, Run.in(broken).list("images/python:").size());
    assertEquals(List.of("images/python"), broken.loaded);
  }

  @Test
  void aLoadErrorWinsOverAnUnknownName() {
    FakeTargetSource broken = repo.broken("images/bad", "images/bad/BUILD:1:1: error: boom");
    assertThrows(TargetSource.LoadException.class,
        () -> Run.in(broken).list("images/bad:t", "images/python:nope"));
    assertThrows(TargetSource.LoadException.class,
        () -> Run.in(broken).list("images/bad:t"));
  }

  @Test
  void eachDirectoryIsLoadedOnce() throws Exception {
    Run.in(repo).list("images/python:", "images/python::", "images/python:alpine",
        "-images/python");
    assertEquals(List.of("images/python", "images/python/legacy"), repo.loaded);
  }

  @Test
  void resolutionListsAreImmutable() throws Exception {
    Resolution r = Run.in(repo).resolve("::");
    assertThrows(UnsupportedOperationException.class, () -> r.targets().add(r.targets().get(0)));
    Target first = r.targets().get(0);
    assertEquals("//:busybox", first.address().toString());
  }
}
