package dev.mirror.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every `pants list` row of the worked example (§9 of the semantics). */
class WorkedExampleTest {
  private final FakeTargetSource repo = FakeTargetSource.workedExample();

  private List<String> list(String... args) throws Exception {
    return Run.in(repo).list(args);
  }

  private List<String> list(Filters filters, String... args) throws Exception {
    return Run.in(repo).filters(filters).list(args);
  }

  @Test
  void everything() throws Exception {
    assertEquals(List.of(
        "//:busybox",
        "images/python",
        "images/python#3.11-slim",
        "images/python#3.12-slim",
        "images/python:alpine",
        "images/python/legacy:py27",
        "images/tools:jq",
        "images/tools:yq"), list("::"));
  }

  @Test
  void directoryLiteralLeavesOutTheGenerator() throws Exception {
    assertEquals(
        List.of("images/python#3.11-slim", "images/python#3.12-slim", "images/python:alpine"),
        list("images/python"));
  }

  @Test
  void directoryGlobKeepsTheGenerator() throws Exception {
    assertEquals(List.of("images/python", "images/python#3.11-slim", "images/python#3.12-slim",
        "images/python:alpine"), list("images/python:"));
  }

  @Test
  void recursiveGlobAddsSubdirectories() throws Exception {
    assertEquals(List.of("images/python", "images/python#3.11-slim", "images/python#3.12-slim",
        "images/python:alpine", "images/python/legacy:py27"), list("images/python::"));
  }

  @Test
  void generatorAddressYieldsOnlyTheGenerator() throws Exception {
    assertEquals(List.of("images/python"), list("images/python:python"));
  }

  @Test
  void directoryWithoutTargetsMatchesNothingWithoutWarning() throws Exception {
    Resolution r = Run.in(repo).resolve("images:");
    assertEquals(List.of(), r.targets());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void ignoredSubtree() throws Exception {
    assertEquals(List.of("//:busybox", "images/tools:jq", "images/tools:yq"),
        list("::", "-images/python::"));
  }

  @Test
  void ignoringTheGeneratorKeepsItsGeneratedTargets() throws Exception {
    assertEquals(List.of(
        "//:busybox",
        "images/python#3.11-slim",
        "images/python#3.12-slim",
        "images/python:alpine",
        "images/python/legacy:py27",
        "images/tools:jq",
        "images/tools:yq"), list("::", "-images/python:python"));
  }

  @Test
  void tagFilter() throws Exception {
    assertEquals(List.of("images/python/legacy:py27"), list(Run.tag("legacy"), "::"));
  }

  @Test
  void negatedTagAndTargetTypeFilters() throws Exception {
    Filters filters = Filters.of(List.of("-legacy"), List.of("oci_mirror_image"), List.of(),
        List.of(), Run.TYPES);
    assertEquals(List.of(
        "images/python#3.11-slim",
        "images/python#3.12-slim",
        "images/python:alpine",
        "images/tools:jq",
        "images/tools:yq"), list(filters, "images::"));
  }

  @Test
  void addressRegexFilter() throws Exception {
    Filters filters = Filters.of(List.of(), List.of(), List.of("#"), List.of(), Run.TYPES);
    assertEquals(List.of("images/python#3.11-slim", "images/python#3.12-slim"),
        list(filters, "::"));
  }

  @Test
  void documentedToolsAreBothListed() throws Exception {
    // `list --documented images/tools:` prints both; the descriptions are the list goal's job.
    assertEquals(List.of("images/tools:jq", "images/tools:yq"), list("images/tools:"));
  }

  @Test
  void missingDirectoryIsAnUnmatchedGlob() {
    SpecException e = assertThrows(SpecException.class, () -> list("images/nope::"));
    assertEquals(SpecException.Kind.UNMATCHED_GLOB, e.kind());
    assertEquals("Unmatched glob from CLI arguments: \"images/nope/**\"",
        e.getMessage().lines().findFirst().orElseThrow());
  }

  @Test
  void unknownNameListsEveryName() {
    SpecException e = assertThrows(SpecException.class, () -> list("images/python:nope"));
    assertEquals(SpecException.Kind.UNKNOWN_ADDRESS, e.kind());
    assertEquals("""
        The address images/python:nope from CLI arguments does not exist.

        The target name ':nope' is not defined in the directory images/python. \
        Did you mean one of these target names?

          * :alpine
          * :python""", e.getMessage());
  }

  @Test
  void scratchIsIgnoredSoItDoesNotExist() {
    SpecException e = assertThrows(SpecException.class, () -> list("scratch:"));
    assertEquals(SpecException.Kind.UNMATCHED_GLOB, e.kind());
  }
}
