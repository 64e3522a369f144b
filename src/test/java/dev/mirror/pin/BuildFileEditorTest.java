package dev.mirror.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirror.registry.Digest;
import dev.mirror.targets.Origin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A case the golden files do not show: a call without arguments. */
class BuildFileEditorTest {
  private static final Digest NEW = Digest.of("new".getBytes(StandardCharsets.UTF_8));

  @Test
  void aShaIsInsertedIntoACallWithoutArguments() {
    PinRequest request = new PinRequest(new Origin("BUILD", 1, 17), null, null, NEW);

    PinResult result = BuildFileEditor.apply("BUILD", "oci_mirror_image()", List.of(request));

    assertEquals(List.of(), result.refusals());
    assertEquals("oci_mirror_image(sha=\"" + NEW.hex() + "\")", result.text());
  }
}
