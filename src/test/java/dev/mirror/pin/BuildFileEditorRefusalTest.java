package dev.mirror.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mirror.registry.Digest;
import dev.mirror.targets.Origin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests the editor will not apply: the file is left as it is and the refusal says why. */
class BuildFileEditorRefusalTest {
  private static final String PATH = "images/BUILD";
  private static final Digest OLD = Digest.of("old".getBytes(StandardCharsets.UTF_8));
  private static final Digest NEW = Digest.of("new".getBytes(StandardCharsets.UTF_8));
  private static final Digest OTHER = Digest.of("other".getBytes(StandardCharsets.UTF_8));

  private static PinRequest pin(int line, int column, Digest current) {
    return new PinRequest(new Origin(PATH, line, column), null, current, NEW);
  }

  private static PinRequest pinVariant(int line, int column, String key, Digest current) {
    return new PinRequest(new Origin(PATH, line, column), key, current, NEW);
  }

  /** Applies one request that must be refused, with the file unchanged, and returns why. */
  private static String refusal(String text, PinRequest request) {
    PinResult result = BuildFileEditor.apply(PATH, text, List.of(request));
    assertEquals(text, result.text());
    assertEquals(1, result.refusals().size(), result.refusals().toString());
    assertEquals(request, result.refusals().get(0).request());
    return result.refusals().get(0).message();
  }

  private static String image(String shaArgument) {
    return "oci_mirror_image(\n"
        + "    name=\"base-python\",\n"
        + "    source_repository=\"docker.io/library/python\",\n"
        + "    destination_repository=\"registry.example.com/mirror/python\",\n"
        + shaArgument
        + "    tag=\"3.12-slim\",\n"
        + ")\n";
  }

  @Test
  void shaFromAVariable() {
    String text = "PYTHON = \"" + OLD.hex() + "\"\n" + image("    sha=PYTHON,\n");
    assertEquals("images/BUILD:6:9: cannot pin: sha is computed here",
        refusal(text, pin(2, 17, OLD)));
  }

  @Test
  void shaFromAnFString() {
    String text = "HEX = \"" + OLD.hex() + "\"\n" + image("    sha=f\"sha256:{HEX}\",\n");
    assertEquals("images/BUILD:6:9: cannot pin: sha is computed here",
        refusal(text, pin(2, 17, OLD)));
  }

  @Test
  void shaJoinedFromStrings() {
    String text = "HEX = \"" + OLD.hex() + "\"\n" + image("    sha=\"sha256:\" + HEX,\n");
    // A binary expression is located at its operator, as the interpreter locates it.
    assertEquals("images/BUILD:6:19: cannot pin: sha is computed here",
        refusal(text, pin(2, 17, OLD)));
  }

  @Test
  void shaWithAnEscapeIsNotRewritten() {
    String escaped = "\\x" + Integer.toHexString(OLD.hex().charAt(0)) + OLD.hex().substring(1);
    String text = image("    sha=\"" + escaped + "\",\n");
    assertEquals("images/BUILD:5:9: cannot pin: the sha here is not written as"
        + " [sha256:]<64 hex digits>", refusal(text, pin(1, 17, OLD)));
  }

  @Test
  void shaFromDefaults() {
    String text = "__defaults__(dict(oci_mirror_image=dict(sha=\"" + OLD.hex() + "\")))\n"
        + image("");
    assertEquals("images/BUILD:2:17: cannot pin: sha comes from __defaults__ here",
        refusal(text, pin(2, 17, OLD)));
  }

  @Test
  void aShaThatIsNotTheTargets() {
    String text = image("    sha=\"" + OTHER.hex() + "\",\n");
    assertEquals("images/BUILD:5:9: cannot pin: the sha here is not the target's (" + OLD + ")",
        refusal(text, pin(1, 17, OLD)));
  }

  @Test
  void aTargetMadeByAMacro() {
    String text = "hub_image(\"python\", tag=\"3.12-slim\", sha=\"" + OLD.hex() + "\")\n";
    assertEquals("images/BUILD:1:10: cannot pin: the target is made by a macro here",
        refusal(text, pin(1, 10, OLD)));
  }

  @Test
  void aTargetTypeRenamedInTheFileIsAMacro() {
    String text = "oci_mirror_image = hub_image\n" + image("    sha=\"" + OLD.hex() + "\",\n");
    assertEquals("images/BUILD:2:17: cannot pin: the target is made by a macro here",
        refusal(text, pin(2, 17, OLD)));
  }

  @Test
  void aCallInAForLoop() {
    String text = "for tag in [\"3.11\", \"3.12\"]:\n"
        + "    oci_mirror_image(\n"
        + "        name=\"python-\" + tag,\n"
        + "        source_repository=\"docker.io/library/python\",\n"
        + "        destination_repository=\"registry.example.com/mirror/python\",\n"
        + "        sha=\"" + OLD.hex() + "\",\n"
        + "        tag=tag,\n"
        + "    )\n";
    assertEquals("images/BUILD:2:21: cannot pin: the call is inside a loop/function",
        refusal(text, pin(2, 21, OLD)));
  }

  @Test
  void aCallInAFunction() {
    String text = "def python(tag):\n"
        + "    oci_mirror_image(name=\"python-\" + tag, sha=\"" + OLD.hex() + "\", tag=tag)\n"
        + "python(\"3.12\")\n";
    assertEquals("images/BUILD:2:21: cannot pin: the call is inside a loop/function",
        refusal(text, pin(2, 21, OLD)));
  }

  @Test
  void aCallInAComprehension() {
    String text = "[oci_mirror_image(name=t, sha=\"" + OLD.hex() + "\", tag=t) for t in [\"1\"]]\n";
    assertEquals("images/BUILD:1:18: cannot pin: the call is inside a loop/function",
        refusal(text, pin(1, 18, OLD)));
  }

  @Test
  void noCallAtTheOrigin() {
    assertEquals("images/BUILD:3:5: cannot pin: no target is declared here",
        refusal(image("    sha=\"" + OLD.hex() + "\",\n"), pin(3, 5, OLD)));
  }

  @Test
  void variantsNotADictLiteral() {
    String text = "NODE = {\"20-slim\": \"" + OLD.hex() + "\"}\n"
        + "oci_mirror_images(name=\"node\", variants=NODE)\n";
    assertEquals("images/BUILD:2:41: cannot pin: variants is computed here",
        refusal(text, pinVariant(2, 18, "20-slim", OLD)));
  }

  @Test
  void anUnknownVariantKey() {
    String text = "oci_mirror_images(\n"
        + "    name=\"node\",\n"
        + "    variants={\"20-slim\": \"" + OLD.hex() + "\"},\n"
        + ")\n";
    assertEquals("images/BUILD:3:14: cannot pin: variants has no key \"22-slim\" here",
        refusal(text, pinVariant(1, 18, "22-slim", OLD)));
  }

  @Test
  void aVariantFromAVariable() {
    String text = "NODE20 = \"" + OLD.hex() + "\"\n"
        + "oci_mirror_images(name=\"node\", variants={\"20-slim\": NODE20})\n";
    assertEquals("images/BUILD:2:53: cannot pin: sha is computed here",
        refusal(text, pinVariant(2, 18, "20-slim", OLD)));
  }

  @Test
  void aVariantThatIsNotTheTargets() {
    String text = "oci_mirror_images(name=\"node\", variants={\"20-slim\": \"" + OTHER.hex()
        + "\"})\n";
    assertEquals("images/BUILD:1:53: cannot pin: the sha here is not the target's (" + OLD + ")",
        refusal(text, pinVariant(1, 18, "20-slim", OLD)));
  }

  @Test
  void aFileThatDoesNotParse() {
    String text = image("    sha=\"" + OLD.hex() + "\",\n") + "oci_mirror_image(\n";
    assertEquals("images/BUILD:9:1: cannot pin: syntax error: got newline, want primary expression",
        refusal(text, pin(1, 17, OLD)));
  }

  @Test
  void twoPinsOfOneValue() {
    String text = image("    sha=\"" + OLD.hex() + "\",\n");
    PinRequest first = pin(1, 17, OLD);
    PinRequest second = new PinRequest(first.call(), null, OLD, OTHER);

    PinResult result = BuildFileEditor.apply(PATH, text, List.of(first, first, second));

    assertEquals(image("    sha=\"" + NEW.hex() + "\",\n"), result.text());
    assertEquals(List.of(new PinRefusal(second,
        "images/BUILD:5:10: cannot pin: another request pins this value")), result.refusals());
  }

  @Test
  void aRefusalLeavesTheOtherPinsOfTheFile() {
    String text = "PYTHON = \"" + OLD.hex() + "\"\n"
        + image("    sha=PYTHON,\n")
        + image("    sha=\"" + OLD.hex() + "\",\n");
    PinRequest computed = pin(2, 17, OLD);

    PinResult result = BuildFileEditor.apply(PATH, text, List.of(computed, pin(9, 17, OLD)));

    assertEquals("PYTHON = \"" + OLD.hex() + "\"\n"
        + image("    sha=PYTHON,\n")
        + image("    sha=\"" + NEW.hex() + "\",\n"), result.text());
    assertEquals(List.of(new PinRefusal(computed,
        "images/BUILD:6:9: cannot pin: sha is computed here")), result.refusals());
  }

  @Test
  void aRequestForAnotherFileIsAMistake() {
    PinRequest elsewhere = new PinRequest(new Origin("other/BUILD", 1, 17), null, OLD, NEW);
    assertThrows(IllegalArgumentException.class,
        () -> BuildFileEditor.apply(PATH, image(""), List.of(elsewhere)));
  }
}
