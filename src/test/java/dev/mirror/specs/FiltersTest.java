package dev.mirror.specs;

import static dev.mirror.specs.FakeTargetSource.image;
import static dev.mirror.specs.FakeTargetSource.images;
import static dev.mirror.specs.FakeTargetSource.opaque;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.targets.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {
  private static final Target BUSYBOX = image("//:busybox", "mirror");
  private static final Target PY27 = image("images/python/legacy:py27", "legacy");
  private static final Target BOTH = image("images/x:both", "mirror", "legacy");
  private static final Target UNTAGGED = image("images/x:plain");
  private static final List<Target> PYTHON = images("images/python", List.of("3.11"), "mirror");
  private static final Target GENERATOR = PYTHON.get(0);
  private static final Target GENERATED = PYTHON.get(1);
  private static final Target DOCKER = opaque("src:img", "docker_image");

  private static Filters tags(String... values) throws SpecException {
    return Filters.of(List.of(values), List.of(), List.of(), List.of(), Run.TYPES);
  }

  private static Filters types(String... values) throws SpecException {
    return Filters.of(List.of(), List.of(values), List.of(), List.of(),
        Set.of("oci_mirror_image", "oci_mirror_images", "docker_image"));
  }

  private static Filters addressRegex(String... values) throws SpecException {
    return Filters.of(List.of(), List.of(), List.of(values), List.of(), Run.TYPES);
  }

  private static Filters tagRegex(String... values) throws SpecException {
    return Filters.of(List.of(), List.of(), List.of(), List.of(values), Run.TYPES);
  }

  @Test
  void noFiltersMatchEverything() throws SpecException {
    assertTrue(Filters.NONE.matches(UNTAGGED));
    assertTrue(Filters.NONE.isEmpty());
    assertTrue(Filters.of(List.of(), List.of(), List.of(), List.of(), Set.of()).isEmpty());
  }

  @Test
  void tagIsExactMembership() throws SpecException {
    assertTrue(tags("mirror").matches(BUSYBOX));
    assertFalse(tags("mirror").matches(PY27));
    assertFalse(tags("mirr").matches(BUSYBOX));
    assertFalse(tags("mirror").matches(UNTAGGED));
    assertTrue(tags("+mirror").matches(BUSYBOX));
  }

  @Test
  void commasMeanOr() throws SpecException {
    Filters either = tags("mirror,legacy");
    assertTrue(either.matches(BUSYBOX));
    assertTrue(either.matches(PY27));
    assertFalse(either.matches(UNTAGGED));
  }

  @Test
  void aLeadingDashNegatesTheWholeList() throws SpecException {
    Filters neither = tags("-mirror,legacy");
    assertFalse(neither.matches(BUSYBOX));
    assertFalse(neither.matches(PY27));
    assertTrue(neither.matches(UNTAGGED));
  }

  @Test
  void repeatingMeansAnd() throws SpecException {
    Filters both = tags("mirror", "legacy");
    assertTrue(both.matches(BOTH));
    assertFalse(both.matches(BUSYBOX));
    assertFalse(both.matches(PY27));
    Filters mirrorNotLegacy = tags("mirror", "-legacy");
    assertTrue(mirrorNotLegacy.matches(BUSYBOX));
    assertFalse(mirrorNotLegacy.matches(BOTH));
  }

  @Test
  void targetTypeAppliesToEachTargetOnItsOwn() throws SpecException {
    assertFalse(types("oci_mirror_image").matches(GENERATOR));
    assertTrue(types("oci_mirror_image").matches(GENERATED));
    assertTrue(types("-oci_mirror_image").matches(GENERATOR));
    assertTrue(types("docker_image,oci_mirror_images").matches(DOCKER));
    assertTrue(types("+oci_mirror_images").matches(GENERATOR));
  }

  @Test
  void unknownTargetType() {
    SpecException e = assertThrows(SpecException.class, () -> types("oci_mirror_imag"));
    assertEquals(SpecException.Kind.FILTER, e.kind());
    assertEquals("Target type 'oci_mirror_imag' is not registered.\n\nAll valid target types:"
        + " ['docker_image', 'oci_mirror_image', 'oci_mirror_images']", e.getMessage());
    assertThrows(SpecException.class, () -> types("-python_sources"));
    assertThrows(SpecException.class, () -> types("oci_mirror_image,nope"));
  }

  @Test
  void otherBackendsTypesAreRegisteredWhenSeen() throws SpecException {
    Filters filters = Filters.of(List.of(), List.of("python_sources"), List.of(), List.of(),
        Set.of("oci_mirror_image", "python_sources"));
    assertTrue(filters.matches(opaque("src:lib", "python_sources")));
    assertFalse(filters.matches(BUSYBOX));
  }

  @Test
  void addressRegexSearchesTheRenderedAddress() throws SpecException {
    assertTrue(addressRegex("^//:").matches(BUSYBOX)); // root addresses render as //:name
    assertTrue(addressRegex("#").matches(GENERATED));
    assertFalse(addressRegex("#").matches(GENERATOR));
    assertTrue(addressRegex("legacy").matches(PY27)); // a search, not a full match
    assertFalse(addressRegex("^legacy").matches(PY27));
    assertTrue(addressRegex("-legacy").matches(BUSYBOX));
    assertTrue(addressRegex("nomatch,busy").matches(BUSYBOX));
    assertTrue(addressRegex("images/python$").matches(GENERATOR)); // default name dropped
  }

  @Test
  void pythonNamedGroupsAreAccepted() throws SpecException {
    assertTrue(addressRegex("(?P<dir>images)/(?P=dir)?python").matches(GENERATOR));
  }

  @Test
  void invalidRegex() {
    SpecException e = assertThrows(SpecException.class, () -> addressRegex("("));
    assertEquals(SpecException.Kind.FILTER, e.kind());
    assertTrue(e.getMessage().startsWith("Invalid regular expression '(' given to"
        + " --filter-address-regex: "), e.getMessage());
  }

  @Test
  void tagRegexMatchesAnyTag() throws SpecException {
    assertTrue(tagRegex("^leg").matches(BOTH));
    assertTrue(tagRegex("irr").matches(BUSYBOX));
    assertFalse(tagRegex("x").matches(BUSYBOX));
    assertFalse(tagRegex(".*").matches(UNTAGGED));
    assertTrue(tagRegex("-.*").matches(UNTAGGED));
  }

  @Test
  void allOptionsCombineWithAnd() throws SpecException {
    Filters filters = Filters.of(List.of("mirror"), List.of("oci_mirror_image"),
        List.of("^images/"), List.of("^m"), Run.TYPES);
    assertTrue(filters.matches(GENERATED));
    assertFalse(filters.matches(GENERATOR));
    assertFalse(filters.matches(BUSYBOX));
    assertEquals("[--tag=mirror, --filter-target-type=oci_mirror_image,"
        + " --filter-address-regex=^images/, --filter-tag-regex=^m]", filters.toString());
  }

  @Test
  void granularityBuildKeepsEveryMirrorTargetAndFileKeepsNone() throws SpecException {
    // No mirror address names a file: generated #keys and opaque generators are BUILD targets.
    Filters build = Filters.NONE.withGranularity("BUILD");
    Filters file = Filters.NONE.withGranularity("file");
    for (Target t : List.of(BUSYBOX, GENERATOR, GENERATED, DOCKER)) {
      assertTrue(build.matches(t), t.toString());
      assertFalse(file.matches(t), t.toString());
    }
    assertTrue(Filters.NONE.withGranularity("all").isEmpty());
    assertEquals("[--tag=mirror, --filter-granularity=file]",
        tags("mirror").withGranularity("file").toString());
  }

  @Test
  void granularityTakesPantsSpellingsOnly() {
    SpecException e = assertThrows(SpecException.class,
        () -> Filters.NONE.withGranularity("build"));
    assertEquals("Invalid choice 'build' for --filter-granularity. Choose from: all, file, BUILD",
        e.getMessage());
  }
}
