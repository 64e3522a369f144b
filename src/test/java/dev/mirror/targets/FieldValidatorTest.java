package dev.mirror.targets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.RepositoryName;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Load-time checks of field values: whatever loads must also work at run time. */
class FieldValidatorTest {
  private static final Origin ORIGIN = new Origin("images/BUILD", 3, 1);
  private static final Address ADDRESS = Address.parse("images:app");

  private static TargetException reject(String repository) {
    Map<String, Object> declared = new LinkedHashMap<>();
    declared.put("source_repository", repository);
    declared.put("destination_repository", "registry.example.com/mirror/app");
    declared.put("sha", "1".repeat(64));
    return assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN, declared, w -> {}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:5000/app", "127.0.0.1:1/app", "registry.example.com:65535/a/b",
      "docker.io/library/python", "python", "my-host.io/a-b__c.d", "Registry.Example.com/app"})
  void acceptedRepositoriesAreOnesRunCanUse(String repository) {
    assertNull(FieldValidator.repositoryProblem(repository));
    assertDoesNotThrow(() -> RepositoryName.parse(repository));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:99999/app", "localhost:0/app", "localhost:65536/app",
      "registry.example.com:123456789012/app"})
  void aPortOutsideOneTo65535IsALoadError(String repository) {
    TargetException e = reject(repository);
    assertEquals(ORIGIN, e.origin());
    assertTrue(e.getMessage().contains("a port is a number from 1 to 65535"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[::1]:5000/app", "[::1]/app", "[fe80::1]:443/a/b"})
  void anIpv6RegistryIsALoadErrorSinceRunCannotReachIt(String repository) {
    assertThrows(IllegalArgumentException.class, () -> RepositoryName.parse(repository));
    TargetException e = reject(repository);
    assertTrue(e.getMessage().contains("IPv6"), e.getMessage());
    assertTrue(e.getMessage().contains("localhost"), e.getMessage());
  }

  private static Map<String, Object> image(Object referrers) {
    Map<String, Object> declared = new LinkedHashMap<>();
    declared.put("source_repository", "docker.io/library/app");
    declared.put("destination_repository", "registry.example.com/mirror/app");
    declared.put("sha", "1".repeat(64));
    declared.put("referrers", referrers);
    return declared;
  }

  @Test
  void referrersIsTrueOrFalseAndUnsetMeansFalse() throws TargetException {
    FieldValidator.Result on = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN,
        image(true), w -> {});
    assertTrue(on.image().referrers());
    assertEquals(true, on.fields().get("referrers"));
    FieldValidator.Result off = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN,
        image(false), w -> {});
    assertFalse(off.image().referrers());
    assertEquals(false, off.fields().get("referrers"));
    // None is not set: the image goes without, and the field stays unset for generators to
    // tell from an explicit False.
    FieldValidator.Result none = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN,
        image(null), w -> {});
    assertFalse(none.image().referrers());
    assertNull(none.fields().get("referrers"));
    assertTrue(none.fields().containsKey("referrers"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "True", "1", ""})
  void referrersIsNotAString(String value) {
    TargetException e = assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN, image(value), w -> {}));
    assertEquals("images/BUILD:3:1: error: The 'referrers' field in target images:app must be a"
        + " boolean, but was `'" + value + "'` with type `str`.", e.render());
  }

  @Test
  void referrersIsNotAnIntAsPantsBoolFieldIsNot() {
    TargetException e = assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGES_TYPE, ADDRESS, ORIGIN, Map.of("source_repository", "app",
            "destination_repository", "mirror/app", "variants", Map.of("1", "1".repeat(64)),
            "referrers", 1L), w -> {}));
    assertEquals("images/BUILD:3:1: error: The 'referrers' field in target images:app must be a"
        + " boolean, but was `1` with type `int`.", e.render());
  }

  @Test
  void theMessageNamesTheFieldTargetAndValue() {
    TargetException e = reject("localhost:99999/app");
    assertEquals("images/BUILD:3:1: error: The 'source_repository' field in target images:app"
        + " must be an OCI repository name without tag or digest, like docker.io/library/python,"
        + " but was `localhost:99999/app`: 'localhost:99999' has port 99999, but a port is a"
        + " number from 1 to 65535.", e.render());
    assertNotNull(e.origin());
  }

  private static Map<String, Object> unpinned(String tag, String sourceTag) {
    Map<String, Object> declared = new LinkedHashMap<>();
    declared.put("source_repository", "docker.io/library/python");
    declared.put("destination_repository", "registry.example.com/mirror/python");
    declared.put("tag", tag);
    declared.put("source_tag", sourceTag);
    return declared;
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.12-slim", "latest", "_x", "v1.2.3_rc-1", "A"})
  void sourceTagTakesWhatTagTakes(String value) throws TargetException {
    Map<String, Object> declared = image(null);
    declared.put("source_tag", value);
    FieldValidator.Result valid = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS,
        ORIGIN, declared, w -> {});
    assertEquals(value, valid.fields().get("source_tag"));
    assertNotNull(valid.image());
    // The destination tag is tag's alone: source_tag does not make the image tagged.
    assertTrue(valid.image().tag().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".hidden", "-dash", "a:b", "a/b", "sha256@x"})
  void aSourceTagThatIsNoTagIsALoadError(String value) {
    Map<String, Object> declared = image(null);
    declared.put("source_tag", value);
    TargetException e = assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN, declared, w -> {}));
    assertEquals(ORIGIN, e.origin());
    assertEquals("The 'source_tag' field in target images:app must be a valid OCI tag (letters,"
        + " digits, '_', '.', '-', not starting with '.' or '-', at most 128 characters), but was `"
        + value + "`.", e.getMessage());
    Map<String, Object> longTag = image(null);
    longTag.put("source_tag", "a".repeat(129));
    assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN, longTag, w -> {}));
  }

  @Test
  void aSourceTagMustBeAString() {
    Map<String, Object> declared = image(null);
    declared.put("source_tag", 3L);
    TargetException e = assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN, declared, w -> {}));
    assertEquals("The 'source_tag' field in target images:app must be a string, but was `3`"
        + " with type `int`.", e.getMessage());
  }

  @Test
  void aTagWithoutShaLoadsUnpinned() throws TargetException {
    FieldValidator.Result valid = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN,
        unpinned("3.12", null), w -> {});
    assertNull(valid.image());
    UnpinnedImage u = valid.unpinned();
    assertEquals(ADDRESS, u.address());
    assertEquals(ORIGIN, u.origin());
    assertEquals(RepositoryName.parse("docker.io/library/python"), u.source());
    assertEquals(RepositoryName.parse("registry.example.com/mirror/python"), u.destination());
    assertEquals("3.12", u.tagToResolve());
    assertNull(valid.fields().get("sha"));
    Target target = valid.target(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN);
    assertTrue(target.isUnpinned());
    assertTrue(target.images().isEmpty());
    assertEquals(MirrorTypes.IMAGE, target.type());
    assertEquals("images/BUILD:3:1: error: images:app has no sha yet: run `mirror pin"
        + " images:app`", u.notPinned().render());
  }

  @Test
  void theSourceTagIsWhatPinResolvesWhenSet() throws TargetException {
    UnpinnedImage both = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN,
        unpinned("3.12", "3.12-slim"), w -> {}).unpinned();
    assertEquals("3.12-slim", both.tagToResolve());
    assertEquals("3.12", both.tag().orElseThrow());
    UnpinnedImage sourceOnly = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN,
        unpinned(null, "3.11"), w -> {}).unpinned();
    assertEquals("3.11", sourceOnly.tagToResolve());
    assertTrue(sourceOnly.tag().isEmpty());
  }

  @Test
  void withShaTheTargetIsPinnedWhateverItsTags() throws TargetException {
    Map<String, Object> declared = unpinned("3.12", "3.12-slim");
    declared.put("digest", "sha256:" + "a".repeat(64));
    FieldValidator.Result valid = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN,
        declared, w -> {});
    assertNull(valid.unpinned());
    assertEquals("a".repeat(64), valid.image().digest().hex());
    assertEquals("3.12", valid.image().tag().orElseThrow());
    assertFalse(valid.target(MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN).isUnpinned());
  }

  @Test
  void neitherShaNorTagIsStillAnError() {
    TargetException e = assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN, unpinned(null, null), w -> {}));
    assertEquals(ORIGIN, e.origin());
    assertEquals("The 'sha' field in target images:app must be set: set `sha`, or set `tag` and"
        + " run `mirror pin images:app`.", e.getMessage());
  }

  @Test
  void aMissingRepositoryIsReportedBeforeAMissingSha() {
    Map<String, Object> declared = unpinned(null, null);
    declared.remove("destination_repository");
    TargetException e = assertThrows(TargetException.class, () -> FieldValidator.validate(
        MirrorTypes.IMAGE_TYPE, ADDRESS, ORIGIN, declared, w -> {}));
    assertEquals("The 'destination_repository' field in target images:app must be set.",
        e.getMessage());
  }
}
