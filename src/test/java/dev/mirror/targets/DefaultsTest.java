package dev.mirror.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code __defaults__} semantics, pants-semantics.md §4.3. */
class DefaultsTest {
  private static final TargetType IMAGE = MirrorTypes.IMAGE_TYPE;
  private static final TargetType IMAGES = MirrorTypes.IMAGES_TYPE;
  private static final TargetType PYTHON = TargetType.opaque("python_sources");
  private static final List<TargetType> KNOWN = List.of(IMAGE, IMAGES, PYTHON);

  @Test
  void allAppliesToEveryTypeAndDropsFieldsATypeLacks() {
    Defaults d = Defaults.NONE.apply(Map.of(), Map.of("tags", List.of("m"), "tag", "x"), false,
        KNOWN);
    assertEquals(Map.of("tags", List.of("m"), "tag", "x"), d.forType(IMAGE));
    assertEquals(Map.of("tags", List.of("m")), d.forType(IMAGES)); // no tag field
    assertEquals(Map.of("tags", List.of("m"), "tag", "x"), d.forType(PYTHON)); // opaque: all
  }

  @Test
  void withoutExtendAMentionedTypeIsReplacedAndOthersKeepTheirs() {
    Defaults parent = Defaults.NONE.apply(Map.of(), Map.of("tags", List.of("m")), false, KNOWN);
    Defaults child = parent.apply(Map.of(IMAGE, Map.of("description", "d")), null, false, KNOWN);
    assertEquals(Map.of("description", "d"), child.forType(IMAGE));
    assertEquals(Map.of("tags", List.of("m")), child.forType(IMAGES));
  }

  @Test
  void withExtendAMentionedTypeMergesOverWhatItInherited() {
    Defaults parent = Defaults.NONE.apply(Map.of(), Map.of("tags", List.of("m")), false, KNOWN);
    Defaults child = parent.apply(Map.of(IMAGE, Map.of("description", "d")), null, true, KNOWN);
    assertEquals(Map.of("tags", List.of("m"), "description", "d"), child.forType(IMAGE));
  }

  @Test
  void anEmptyAllClearsEverything() {
    Defaults parent = Defaults.NONE.apply(Map.of(IMAGE, Map.of("tag", "t")),
        Map.of("tags", List.of("m")), false, KNOWN);
    Defaults cleared = parent.apply(Map.of(), Map.of(), false, KNOWN);
    assertEquals(Map.of(), cleared.forType(IMAGE));
    assertEquals(Map.of(), cleared.forType(PYTHON));
  }

  @Test
  void perTypeValuesMergeOverAllInTheSameCall() {
    Defaults d = Defaults.NONE.apply(Map.of(IMAGE, Map.of("tags", List.of("img"))),
        Map.of("tags", List.of("all"), "description", "x"), false, KNOWN);
    assertEquals(Map.of("tags", List.of("img"), "description", "x"), d.forType(IMAGE));
    assertEquals(Map.of("tags", List.of("all"), "description", "x"), d.forType(IMAGES));
  }
}
