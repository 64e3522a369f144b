package dev.mirror.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSyntaxTest {

  /** Parts rendered as {@code path|name|generated|parameters|wildcard}. */
  private static String render(String text) {
    try {
      AddressSyntax.Parts p = AddressSyntax.parse(text);
      return p.path() + "|" + p.name() + "|" + p.generated() + "|" + p.parameters() + "|"
          + p.wildcard();
    } catch (AddressSyntax.Malformed e) {
      return e.problem() + " at " + e.index() + " from " + e.componentStart();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "\"\";                 |null|null|{}|null",
      "a/b;                a/b|null|null|{}|null",
      "//:x;               //|x|null|{}|null",
      "a:b;                a|b|null|{}|null",
      "a#g;                a|null|g|{}|null",
      "a:b#g@k=v,j=;       a|b|g|{j=, k=v}|null",
      "a:;                 a|null|null|{}|:",
      "a::;                a|null|null|{}|::",
      "::;                 |null|null|{}|::",
      "a:b::;              a|b|null|{}|::",
      "a@k=v:;             a|null|null|{k=v}|:",
      // A lone '@' stays in the path (pinned by the spec tests); Pants' path stops at any '@'.
      "images/@scope;      images/@scope|null|null|{}|null",
      "a@b:;               a@b|null|null|{}|:",
      "a@=;                a@=|null|null|{}|null",
      // The first '@' before a k=v entry starts the parameters (the old Address.parse took the
      // last '@' followed by '='); values run to ',' or ':'.
      "a@b=c@d=e;          a|null|null|{b=c@d=e}|null",
      "@a=@#;              |null|null|{a=@#}|null",
      "a@k=v,x;            BAD_PARAMETERS at 6 from 2",
      // Keys may hold ',' and '#': only '=' and ':' end them.
      "a@k=v,x,y=z;        a|null|null|{k=v, x,y=z}|null",
      // The generated name runs to '@' or ':'; the name to '#', '@' or ':'.
      "a#b#c;              a|null|b#c|{}|null",
      "a:b#c;              a|b|c|{}|null",
      "a:#g;               EMPTY_NAME at 2 from 2",
      "a:@k=v;             EMPTY_NAME at 2 from 2",
      "a#;                 EMPTY_GENERATED at 2 from 2",
      "a#:;                EMPTY_GENERATED at 2 from 2",
      "a#@k=v;             EMPTY_GENERATED at 2 from 2",
      "a:t@;               BAD_PARAMETERS at 4 from 4",
      "a@k=v,;             BAD_PARAMETERS at 6 from 2",
      "a:b@x:;             BAD_PARAMETERS at 4 from 4",
      // Past a wildcard only the end may follow; the column is after the ':' or '::'.
      "a:b:c;              TRAILING_TEXT at 4 from 4",
      "a:::;               TRAILING_TEXT at 3 from 3",
      "::a;                TRAILING_TEXT at 2 from 2",
  })
  void grammar(String text, String expected) {
    assertEquals(expected.strip(), render(text.strip()), text);
  }

  /** The edge cases where the two old parsers disagreed, as Address.parse now reads them. */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "a:b:c;   Failed to parse address spec `a:b:c`: error at 1:5: expected EOF",
      "a::;     The address `a::` ended in a wildcard (`::`), which is not supported.",
      "a:;      Address spec `a:` sets the name component to the empty string, which is not"
          + " legal.",
      "a:@;     Address spec `a:@` sets the name component to the empty string, which is not"
          + " legal.",
      "a#:;     Address spec `a#:` has an empty generated name after `#`",
      "a:t@;    Invalid parameters in address `a:t@`: expected k=v pairs separated by commas,"
          + " got ``",
      "a//b:c;  Address spec `a//b:c` has an un-normalized path part ''.",
      "@a=@;    The address `@a=@` has no name part, but it's necessary because the path is the"
          + " build root.",
  })
  void addressParseWordsGrammarErrorsItsOwnWay(String spec, String message) {
    assertEquals(message.strip(), assertThrows(IllegalArgumentException.class,
        () -> Address.parse(spec.strip())).getMessage());
  }

  @Test
  void addressParseAgreesWithTheGrammarOnEveryShortString() {
    List<String> texts = new ArrayList<>(List.of(""));
    for (int from = 0, len = 0; len < 5; len++) {
      int to = texts.size();
      for (int i = from; i < to; i++) {
        for (char c : "a/:#@=,".toCharArray()) {
          texts.add(texts.get(i) + c);
        }
      }
      from = to;
    }
    for (String text : texts) {
      AddressSyntax.Parts parts;
      try {
        parts = AddressSyntax.parse(text);
      } catch (AddressSyntax.Malformed e) {
        assertThrows(IllegalArgumentException.class, () -> Address.parse(text), text);
        continue;
      }
      Address address;
      try {
        address = Address.parse(text);
      } catch (IllegalArgumentException e) {
        continue; // a wildcard, or a path Address refuses
      }
      assertEquals(null, parts.wildcard(), text);
      assertEquals(parts.generated(), address.generatedName(), text);
      assertEquals(parts.parameters(), address.parameters(), text);
      if (address.targetName() != null) {
        assertEquals(parts.name(), address.targetName(), text);
      }
      assertEquals(address, Address.parse(address.toString()), text);
    }
  }
}
