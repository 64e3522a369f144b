package dev.mirror.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AddressTest {

  @Test
  void defaultNamesAreDroppedAndRootTargetsKeepTheirSlashes() {
    assertEquals("images/python", Address.of("images/python", "python").toString());
    assertEquals("images/python:alpine", Address.of("images/python", "alpine").toString());
    assertEquals("//:busybox", Address.of("", "busybox").toString());
    assertEquals("images/python#3.11", Address.of("images/python", "python")
        .withGenerated("3.11").toString());
    assertEquals("images/node@a=1,tag=18", Address.of("images/node", "node")
        .withParameters(new TreeMap<>(Map.of("tag", "18", "a", "1"))).toString());
  }

  @Test
  void parseReadsBackWhatToStringWrites() {
    for (String spec : List.of("images/python", "images/python:alpine", "//:busybox",
        "images/python#3.11-slim", "images/python:py#3.11", "images/node@tag=18",
        "d:t#g@k=v,x=y", "a b/c~d:n.x+y")) {
      assertEquals(spec, Address.parse(spec).toString(), spec);
    }
    assertEquals(Address.of("images/python", null), Address.parse("//images/python:python"));
  }

  @Test
  void malformedAddressesAreRejectedWithPantsMessages() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Address.parse("a/../b:c"))
        .getMessage().contains("un-normalized path part '..'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Address.parse("a:"))
        .getMessage().contains("sets the name component to the empty string"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Address.parse(""))
        .getMessage().contains("has no name part"));
  }

  @Test
  void orderIsFieldByFieldNotAsStrings() {
    List<String> specs = List.of(
        "images/python/legacy:py27", "images/python:alpine", "//:x", "images/python#3.12",
        "images/python", "images/python#3.11", "a-b", "a/b", "a", "d:t#g@k=v", "d:t@k=v", "d:t");
    List<Address> addresses = new ArrayList<>();
    for (String s : specs) {
      addresses.add(Address.parse(s));
    }
    addresses.sort(null);
    assertEquals(List.of("//:x", "a", "a/b", "a-b", "d:t", "d:t@k=v", "d:t#g@k=v",
            "images/python", "images/python#3.11", "images/python#3.12", "images/python:alpine",
            "images/python/legacy:py27"),
        addresses.stream().map(Address::toString).toList());
  }

  @Test
  void pathsCompareComponentWiseAndByCodePoint() {
    assertTrue(Address.comparePaths("a", "a/b") < 0);
    assertTrue(Address.comparePaths("a/b", "a-b") < 0);
    assertTrue(Address.comparePaths("a/z", "a-b") < 0);
    assertEquals(0, Address.comparePaths("x/y", "x/y"));
    // UTF-8 order is code point order: U+FFFD sorts before U+1F600, unlike UTF-16 units.
    assertTrue(Address.compareUtf8("\uFFFD", "\uD83D\uDE00") < 0);
  }
}
