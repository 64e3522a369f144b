package dev.mirror.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonReprTest {
  @Test
  void stringsAreQuotedAsPythonQuotesThem() {
    assertEquals("'a'", PythonRepr.repr("a"));
    assertEquals("\"it's\"", PythonRepr.repr("it's"));
    assertEquals("'both \\' and \"'", PythonRepr.repr("both ' and \""));
    assertEquals("'a\\\\b\\n'", PythonRepr.repr("a\\b\n"));
  }

  @Test
  void valuesAsPythonPrintsThem() {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("k", 1L);
    dict.put("n", null);
    assertEquals("{'k': 1, 'n': None}", PythonRepr.str(dict));
    assertEquals("['a', True, 1.5]", PythonRepr.str(List.of("a", true, 1.5)));
    assertEquals("plain", PythonRepr.str("plain"));
    assertEquals("[None]", PythonRepr.list(Arrays.asList((Object) null)));
    assertEquals("float", PythonRepr.type(1.5));
    assertEquals("NoneType", PythonRepr.type(null));
  }
}
