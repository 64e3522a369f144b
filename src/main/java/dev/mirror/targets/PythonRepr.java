package dev.mirror.targets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values (as fields hold them) printed as Python prints them, since Pants' messages
 * show names and values that way: {@code repr} quotes a string with {@code '} unless it holds a
 * {@code '} and no {@code "}; {@code None}, {@code True}, lists and dicts as Python writes them.
 * Field and filter messages both print through here, so they agree.
 */
public final class PythonRepr {
  private PythonRepr() {}

  /** Python's {@code repr(v)}. */
  public static String repr(Object v) {
    return v instanceof String s ? quote(s) : str(v);
  }

  /** Python's {@code str(v)}: a string as is, containers with their items' {@code repr}. */
  public static String str(Object v) {
    if (v == null) {
      return "None";
    } else if (v instanceof String s) {
      return s;
    } else if (v instanceof Boolean b) {
      return b ? "True" : "False";
    } else if (v instanceof List<?> list) {
      return list(list);
    } else if (v instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        parts.add(repr(e.getKey()) + ": " + repr(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }

  /** {@code ['a', 'b']}, as Python prints a list. */
  public static String list(Collection<?> items) {
    List<String> parts = new ArrayList<>();
    for (Object x : items) {
      parts.add(repr(x));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  /** The name of the Python type a plain Java value stands for. */
  public static String type(Object v) {
    if (v == null) {
      return "NoneType";
    } else if (v instanceof String) {
      return "str";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Long || v instanceof java.math.BigInteger) {
      return "int";
    } else if (v instanceof Double) {
      return "float";
    } else if (v instanceof List) {
      return "list";
    } else if (v instanceof Map) {
      return "dict";
    } else if (v instanceof java.util.Set) {
      return "set";
    }
    return v.getClass().getSimpleName();
  }

  private static String quote(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == quote) {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }
}
