package dev.mirror.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListEditParserTest {

  @Test
  void aBareValueIsOneAddedElement() {
    assertEquals(List.of(ListEdit.add(List.of("foo"))), ListEditParser.parse("foo"));
    // Tags keep their leading sign and commas: the filter reads them, not the options parser.
    assertEquals(List.of(ListEdit.add(List.of("-legacy,old"))),
        ListEditParser.parse("-legacy,old"));
    assertEquals(List.of(ListEdit.add(List.of("+a"))), ListEditParser.parse("+a"));
  }

  @Test
  void aBareValueDecodesEscapes() {
    assertEquals(List.of(ListEdit.add(List.of("a\nb\\c"))), ListEditParser.parse("a\\nb\\\\c"));
    assertEquals(List.of(ListEdit.add(List.of("\\d"))), ListEditParser.parse("\\d"));
  }

  @Test
  void aListOrTupleReplaces() {
    assertEquals(List.of(ListEdit.replace(List.of("a", "b"))),
        ListEditParser.parse("['a', \"b\"]"));
    assertEquals(List.of(ListEdit.replace(List.of("a"))), ListEditParser.parse(" ('a',) "));
    assertEquals(List.of(ListEdit.replace(List.of())), ListEditParser.parse("[]"));
    assertEquals(List.of(ListEdit.replace(List.of("it's", "x,y"))),
        ListEditParser.parse("['it\\'s', 'x,y']"));
  }

  @Test
  void signedListsAddAndRemove() {
    assertEquals(List.of(ListEdit.add(List.of("x")), ListEdit.remove(List.of("y", "z"))),
        ListEditParser.parse("+['x'],-[\"y\", 'z']"));
    assertEquals(List.of(ListEdit.remove(List.of("x"))), ListEditParser.parse("-('x')"));
    assertEquals(List.of(), ListEditParser.parse(""));
  }

  @Test
  void malformedListsAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> ListEditParser.parse("['a'"));
    assertThrows(IllegalArgumentException.class, () -> ListEditParser.parse("[a]"));
    assertThrows(IllegalArgumentException.class, () -> ListEditParser.parse("+['a'] x"));
    assertThrows(IllegalArgumentException.class, () -> ListEditParser.parse(" foo"));
  }

  @Test
  void editsApplyInOrder() {
    List<String> list = List.of("a", "b", "a");
    assertEquals(List.of("b"), ListEdit.remove(List.of("a")).applyTo(list));
    assertEquals(List.of("a", "b", "a", "c"), ListEdit.add(List.of("c")).applyTo(list));
    assertEquals(List.of("z"), ListEdit.replace(List.of("z")).applyTo(list));
  }
}
