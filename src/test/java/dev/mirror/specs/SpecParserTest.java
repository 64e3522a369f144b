package dev.mirror.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.specs.Spec.AddressLiteral;
import dev.mirror.specs.Spec.DirGlob;
import dev.mirror.specs.Spec.DirLiteral;
import dev.mirror.specs.Spec.FileGlob;
import dev.mirror.specs.Spec.FileLiteral;
import dev.mirror.specs.Spec.RecursiveGlob;
import dev.mirror.targets.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecParserTest {
  private final FakeTargetSource repo = FakeTargetSource.workedExample()
      .dir("images/v1.2")
      .file("LICENSE")
      .file("images/python/Dockerfile");

  private Spec parse(String arg) throws SpecException {
    return parse("", arg);
  }

  private Spec parse(String cwd, String arg) throws SpecException {
    SpecParser.Parsed parsed = new SpecParser(Run.ROOT, cwd, repo).parse(arg);
    assertFalse(parsed.ignore());
    return parsed.spec();
  }

  private static AddressLiteral literal(String address) {
    return new AddressLiteral(Address.parse(address));
  }

  private String parseError(String arg) {
    return parseError("", arg);
  }

  private String parseError(String cwd, String arg) {
    SpecException e = assertThrows(SpecException.class, () -> parse(cwd, arg));
    assertEquals(SpecException.Kind.PARSE, e.kind());
    return e.getMessage();
  }

  // ---- §2.1: the kind of each spec ----

  @Test
  void recursiveGlobs() throws SpecException {
    assertEquals(new RecursiveGlob("images"), parse("images::"));
    assertEquals(new RecursiveGlob(""), parse("::"));
    assertEquals(new RecursiveGlob("images/python"), parse("//images/python::"));
    assertEquals(new RecursiveGlob("images"), parse("./images/::"));
  }

  @Test
  void directoryGlobs() throws SpecException {
    assertEquals(new DirGlob("images/python"), parse("images/python:"));
    assertEquals(new DirGlob(""), parse(":"));
    assertEquals(new DirGlob(""), parse("//:"));
  }

  @Test
  void addressLiterals() throws SpecException {
    assertEquals(literal("images/python:alpine"), parse("images/python:alpine"));
    assertEquals(literal("images/python:alpine"), parse("//images/python:alpine"));
    assertEquals(literal("images/python#3.11-slim"), parse("images/python#3.11-slim"));
    assertEquals(literal("images/python:python#3.11-slim"), parse("images/python:python#3.11-slim"));
    assertEquals(literal("//:busybox"), parse("//:busybox"));
    assertEquals(literal("//:busybox"), parse(":busybox"));
  }

  @Test
  void parametersAreKeptSorted() throws SpecException {
    Spec spec = parse("images/node:node@tag=18,arch=arm64");
    Address expected = new Address("images/node", null, null,
        new TreeMap<>(Map.of("arch", "arm64", "tag", "18")));
    assertEquals(new AddressLiteral(expected), spec);
    assertEquals("images/node@arch=arm64,tag=18", spec.toString());
    assertEquals(literal("images/node@tag=18"), parse("images/node@tag=18"));
    assertEquals(literal("images/node#gen@tag="), parse("images/node#gen@tag="));
  }

  @Test
  void anAtWithoutKeyValueStaysInThePath() throws SpecException {
    assertEquals(new DirLiteral("images/@scope"), parse("images/@scope"));
    assertEquals(new DirGlob("a@b"), parse("a@b:"));
  }

  @Test
  void fileGlobs() throws SpecException {
    assertEquals(new FileGlob("images/*.txt"), parse("images/*.txt"));
    assertEquals(new FileGlob("images/**/BUILD"), parse("./images/**/BUILD"));
  }

  @Test
  void aSuffixMakesAFileLiteralEvenForADirectory() throws SpecException {
    assertTrue(repo.directoryExists("images/v1.2"));
    assertEquals(new FileLiteral("images/v1.2"), parse("images/v1.2"));
    assertEquals(new FileLiteral("a/b.py"), parse("a/b.py"));
    assertEquals(new FileLiteral("images/tools/BUILD.mirror"), parse("images/tools/BUILD.mirror"));
  }

  @Test
  void anExistingFileWithoutExtensionIsAFileLiteral() throws SpecException {
    assertEquals(new FileLiteral("LICENSE"), parse("LICENSE"));
    assertEquals(new FileLiteral("images/python/Dockerfile"), parse("images/python/Dockerfile"));
    assertEquals(new FileLiteral("images/python/BUILD"), parse("images/python/BUILD"));
    assertEquals(new DirLiteral("NOTICE"), parse("NOTICE")); // does not exist: a directory
  }

  @Test
  void directoryLiterals() throws SpecException {
    assertEquals(new DirLiteral("images/python"), parse("images/python"));
    assertEquals(new DirLiteral("images/python"), parse("images/python/"));
    assertEquals(new DirLiteral("images/python"), parse("./images/python"));
    assertEquals(new DirLiteral("images/python"), parse("//images/python"));
    assertEquals(new DirLiteral(""), parse("."));
    assertEquals(new DirLiteral(""), parse("./"));
    assertEquals(new DirLiteral(""), parse("//"));
  }

  @ParameterizedTest
  @CsvSource({
      "images/v1.2, .2",
      "a/b.py, .py",
      "a/b.tar.gz, .gz",
      "a/.hidden, ''",
      "a., ''",
      "a/b, ''",
      "., ''",
      "images/v1.2/, .2",
      "images/v1.2/., .2",
      "..,''",
  })
  void suffixFollowsPurePath(String path, String suffix) {
    assertEquals(suffix, SpecPath.suffix(path));
  }

  @Test
  void hiddenDirectoryIsADirectoryLiteral() throws SpecException {
    assertEquals(new DirLiteral("a/.hidden"), parse("a/.hidden"));
  }

  @Test
  void wildcardAfterAnAddressWins() throws SpecException {
    // As in Pants: the `::` decides, and the name before it is dropped.
    assertEquals(new RecursiveGlob("images"), parse("images:t::"));
    assertEquals(new DirGlob("images"), parse("images#g:"));
  }

  // ---- ignores ----

  @Test
  void aLeadingDashMakesAnIgnore() throws SpecException {
    SpecParser parser = new SpecParser(Run.ROOT, "", repo);
    assertEquals(new SpecParser.Parsed(new DirGlob("images/python"), true),
        parser.parse("-images/python:"));
    assertEquals("-images/python:", parser.parse("-images/python:").toString());
    Specs specs = parser.parseAll(List.of("::", "-images/python::", "images/tools:jq",
        "-//:busybox"));
    assertEquals(List.of(new RecursiveGlob(""), literal("images/tools:jq")), specs.includes());
    assertEquals(List.of(new RecursiveGlob("images/python"), literal("//:busybox")),
        specs.ignores());
  }

  // ---- relative to the working directory ----

  @Test
  void specsAreRelativeToTheWorkingDirectory() throws SpecException {
    assertEquals(new DirGlob("images"), parse("images", ":"));
    assertEquals(new RecursiveGlob("images"), parse("images", "::"));
    assertEquals(new DirLiteral("images"), parse("images", "."));
    assertEquals(new DirLiteral("images/python"), parse("images", "python"));
    assertEquals(new DirLiteral("images/python"), parse("images", "./python/"));
    assertEquals(literal("images/python:alpine"), parse("images", "python:alpine"));
    assertEquals(literal("images/python:alpine"), parse("images/python", ":alpine"));
    assertEquals(literal("images/python#3.11-slim"), parse("images/python", "#3.11-slim"));
    assertEquals(literal("images/tools:jq"), parse("images/python", "../tools:jq"));
    assertEquals(new FileLiteral("images/python/Dockerfile"), parse("images/python", "Dockerfile"));
    assertEquals(new FileGlob("images/*.txt"), parse("images", "*.txt"));
  }

  @Test
  void doubleSlashIsRelativeToTheBuildRoot() throws SpecException {
    assertEquals(literal("//:busybox"), parse("images/python", "//:busybox"));
    assertEquals(new RecursiveGlob(""), parse("images/python", "//::"));
    assertEquals(new DirLiteral("images"), parse("images/python", "//images"));
  }

  @Test
  void pathsEscapingTheBuildRootAreErrors() {
    assertTrue(parseError("..").contains("escapes from the build root"));
    assertTrue(parseError("images", "../../x::").contains("escapes from the build root"));
  }

  @Test
  void absolutePathsInsideTheBuildRoot(@TempDir Path root) throws SpecException, IOException {
    Files.createDirectories(root.resolve("images/python"));
    SpecParser parser = new SpecParser(root, "images", repo);
    assertEquals(new RecursiveGlob("images/python"),
        parser.parse(root.resolve("images/python") + "::").spec());
    assertEquals(new DirGlob(""), parser.parse(root + ":").spec());
    assertEquals(literal("images/tools:jq"),
        parser.parse(root.resolve("images/tools") + ":jq").spec());
  }

  @Test
  void absolutePathsOutsideTheBuildRootAreErrors(@TempDir Path tmp) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(tmp.resolve("repo2"));
    SpecParser parser = new SpecParser(root, "", repo);
    for (String outside : List.of(tmp + "/repo2::", "/etc:", tmp + "/repo/../x")) {
      SpecException e = assertThrows(SpecException.class, () -> parser.parse(outside));
      assertTrue(e.getMessage().startsWith("Absolute spec path "), e.getMessage());
      assertTrue(e.getMessage().contains("does not share build root"), e.getMessage());
    }
  }

  // ---- parse errors ----

  @Test
  void emptyNames() {
    assertEquals("Failed to parse address spec `images#`: error at 1:8: expected a non-empty"
        + " generated target name to follow a `#`.", parseError("images#"));
    assertEquals("Failed to parse address spec `images:@x`: error at 1:8: expected a non-empty"
        + " target name to follow a `:`.", parseError("images:@x"));
    assertEquals("Failed to parse address spec `images:t@`: error at 1:10: expected one or more"
        + " key=value pairs to follow a `@`.", parseError("images:t@"));
    assertEquals("Failed to parse address spec `a@k=v,`: error at 1:7: expected one or more"
        + " key=value pairs to follow a `@`.", parseError("a@k=v,"));
  }

  @Test
  void trailingGarbage() {
    assertEquals("Failed to parse address spec `a:b:c`: error at 1:5: expected EOF",
        parseError("a:b:c"));
    assertEquals("Failed to parse address spec `a:::`: error at 1:4: expected EOF",
        parseError("a:::"));
  }

  @Test
  void theDashIsNotPartOfTheReportedSpec() {
    assertTrue(parseError("-images#").startsWith("Failed to parse address spec `images#`"));
  }

  @Test
  void bannedCharacters() {
    assertEquals("The target name a!b?c (defined in directory images) contains banned characters"
        + " (`!`,`?`). Please replace these characters with another separator character like"
        + " `_` or `-`.", parseError("images:a!b?c"));
    assertTrue(parseError("images:a/b").contains("contains banned characters (`/`)"));
    assertTrue(parseError("images#a=b").startsWith("The generated name `a=b` (defined in"
        + " directory images, the part after `#`) contains banned characters (`=`)."));
    assertTrue(parseError("images@k=a b").contains("illegal characters in parameter entries"));
  }

  @Test
  void aRootAddressNeedsAName() {
    assertEquals("The address `//#gen` from CLI arguments has no name part, but it's necessary"
        + " because the path is the build root.", parseError("//#gen"));
    assertTrue(parseError("#gen").contains("has no name part"));
  }

  // ---- printing back ----

  @Test
  void everySpecPrintsBackToItself() throws SpecException {
    List<String> texts = List.of("images/python:alpine", "images/python:python",
        "images/python#3.11-slim", "images/node@tag=18", "images/node:n#g@a=1,b=2", "//:busybox",
        "images/python", "images:", "images::", "//", "//:", "::", "images/v1.2", "LICENSE",
        "images/*.txt");
    for (String text : texts) {
      Spec spec = parse(text);
      assertEquals(text, spec.toString(), spec.getClass().getSimpleName());
      assertEquals(spec, parse(spec.toString()));
    }
  }

  @Test
  void printedSpecsReadBackFromAnyWorkingDirectory() throws SpecException {
    for (String text : List.of("//:busybox", "//", "//:", "images/python:python")) {
      Spec spec = parse(text);
      assertEquals(spec, parse("images/tools", "//" + spec.toString().replaceFirst("^//", "")));
    }
  }

  // ---- goal or spec ----

  @Test
  void looksLikeSpec() {
    Set<String> existing = Set.of("jq", "LICENSE");
    assertFalse(SpecParser.looksLikeSpec("list", existing::contains));
    assertFalse(SpecParser.looksLikeSpec("lsit", existing::contains));
    assertFalse(SpecParser.looksLikeSpec("--tag=x", existing::contains));
    assertTrue(SpecParser.looksLikeSpec("-images::", existing::contains));
    assertTrue(SpecParser.looksLikeSpec("-x", existing::contains));
    for (String spec : List.of("a/b", "a.b", ":", "::", "a:b", "*", "#x")) {
      assertTrue(SpecParser.looksLikeSpec(spec, existing::contains), spec);
    }
    assertTrue(SpecParser.looksLikeSpec("jq", existing::contains));
    assertTrue(SpecParser.looksLikeSpec("LICENSE", existing::contains));
  }

  // ---- --spec-files ----

  @Test
  void specFilesSkipBlankLinesAndComments(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.txt"),
        "# images to mirror\nimages/python:\n\n  images/tools:jq  \n-images/python:python\n");
    Path b = Files.writeString(dir.resolve("b.txt"), "//:busybox\n#images/nope::\n");
    assertEquals(List.of("images/python:", "images/tools:jq", "-images/python:python",
        "//:busybox"), SpecParser.readSpecFiles(List.of(a, b)));
  }

  @Test
  void missingSpecFile(@TempDir Path dir) {
    SpecException e = assertThrows(SpecException.class,
        () -> SpecParser.readSpecFiles(List.of(dir.resolve("nope.txt"))));
    assertEquals(SpecException.Kind.SPEC_FILE, e.kind());
    assertTrue(e.getMessage().contains("nope.txt"), e.getMessage());
  }
}
