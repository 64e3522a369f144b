package dev.mirror.pin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden cases of {@code testdata/pin}: each style of BUILD file pinned byte for byte. */
class BuildFileEditorGoldenTest {

  static List<PinCase> cases() {
    return PinCase.all();
  }

  @Test
  void everyStyleHasACase() {
    List<String> names = cases().stream().map(PinCase::name).toList();
    assertEquals(List.of("comments", "crlf", "insert-crlf", "insert-no-trailing-comma",
        "insert-one-line", "insert-trailing-comma", "no-final-newline", "one-line",
        "several-targets", "sha256-prefix", "single-quotes", "tabs", "variants-multiline"), names);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pinsTheBeforeFileIntoTheAfterFile(PinCase c) {
    assertNotEquals(new String(c.before(), StandardCharsets.UTF_8),
        new String(c.after(), StandardCharsets.UTF_8), "a case must change something");

    PinResult result = BuildFileEditor.apply(PinCase.PATH, c.beforeText(), c.pins());

    assertEquals(List.of(), result.refusals());
    assertEquals(new String(c.after(), StandardCharsets.UTF_8), result.text());
    assertArrayEquals(c.after(), PinCase.encode(result.text()));
    assertTrue(result.changed(c.beforeText()));
  }

  /** Requests whose digest is already the pinned one leave every file as it is. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pinningTheDigestsAlreadyThereChangesNothing(PinCase c) {
    List<PinRequest> beforeUnchanged = new ArrayList<>();
    for (PinRequest pin : c.pins()) {
      if (pin.current() != null) {
        beforeUnchanged.add(new PinRequest(pin.call(), pin.variantKey(), pin.current(),
            pin.current()));
      }
    }
    List<PinRequest> afterUnchanged = new ArrayList<>();
    for (PinRequest pin : c.pinsAfter()) {
      afterUnchanged.add(new PinRequest(pin.call(), pin.variantKey(), pin.pinned(), pin.pinned()));
    }

    PinResult before = BuildFileEditor.apply(PinCase.PATH, c.beforeText(), beforeUnchanged);
    PinResult after = BuildFileEditor.apply(PinCase.PATH, c.afterText(), afterUnchanged);

    assertEquals(List.of(), before.refusals());
    assertArrayEquals(c.before(), PinCase.encode(before.text()));
    assertFalse(before.changed(c.beforeText()));
    assertEquals(List.of(), after.refusals());
    assertArrayEquals(c.after(), PinCase.encode(after.text()));
    assertFalse(after.changed(c.afterText()));
  }

  /**
   * Writing each digest over itself goes through every edit (no current digest to compare with),
   * so an edit that reached one character too far or too short would show here.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rewritingTheDigestsAlreadyThereKeepsEveryByte(PinCase c) {
    List<PinRequest> rewrites = new ArrayList<>();
    for (PinRequest pin : c.pinsAfter()) {
      rewrites.add(new PinRequest(pin.call(), pin.variantKey(), null, pin.pinned()));
    }

    PinResult result = BuildFileEditor.apply(PinCase.PATH, c.afterText(), rewrites);

    assertEquals(List.of(), result.refusals());
    assertArrayEquals(c.after(), PinCase.encode(result.text()));
  }

  /** Pinning back to the old digests restores the original file, where no sha was inserted. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pinningBackRestoresTheBeforeFile(PinCase c) {
    if (c.pins().stream().anyMatch(pin -> pin.current() == null)) {
      return; // an inserted sha is not taken out again
    }
    List<PinRequest> back = new ArrayList<>();
    for (PinRequest pin : c.pinsAfter()) {
      back.add(new PinRequest(pin.call(), pin.variantKey(), pin.pinned(), pin.current()));
    }

    PinResult result = BuildFileEditor.apply(PinCase.PATH, c.afterText(), back);

    assertEquals(List.of(), result.refusals());
    assertArrayEquals(c.before(), PinCase.encode(result.text()));
  }
}
