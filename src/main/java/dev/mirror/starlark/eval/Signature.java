package dev.mirror.starlark.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a Java-implemented function, written as a Python parameter list:
 * {@code "x, /, sep=None, *args, key=None, **kwargs"}. {@code /} ends the positional-only ones,
 * a bare {@code *} starts the keyword-only ones, and a default of {@code ?} marks an optional
 * parameter whose absence the implementation sees as {@link #ABSENT}. Defaults may be None,
 * True, False, a number or a quoted string.
 */
public record Signature(
    List<String> names,
    Object[] defaults,
    int positionalOnly,
    int positional,
    String varargs,
    String kwargs) {

  /** The value of an optional parameter declared with {@code =?} that the caller left out. */
  public static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "<absent>";
    }
  };

  public static final Signature NONE = parse("");

  public static Signature parse(String spec) {
    List<String> names = new ArrayList<>();
    List<Object> defaults = new ArrayList<>();
    int positionalOnly = 0;
    int positional = -1;
    String varargs = null, kwargs = null;
    for (String raw : spec.split(",")) {
      String p = raw.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("/")) {
        positionalOnly = names.size();
      } else if (p.equals("*")) {
        positional = names.size();
      } else if (p.startsWith("**")) {
        kwargs = p.substring(2);
      } else if (p.startsWith("*")) {
        varargs = p.substring(1);
        positional = names.size();
      } else {
        int eq = p.indexOf('=');
        if (eq < 0) {
          names.add(p);
          defaults.add(null);
        } else {
          names.add(p.substring(0, eq).strip());
          defaults.add(literal(p.substring(eq + 1).strip()));
        }
      }
    }
    if (positional < 0) {
      positional = names.size();
    }
    return new Signature(List.copyOf(names), defaults.toArray(), positionalOnly, positional,
        varargs, kwargs);
  }

  private static Object literal(String s) {
    return switch (s) {
      case "?" -> ABSENT;
      case "None" -> Starlark.NONE;
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      default -> {
        if (s.startsWith("\"") || s.startsWith("'")) {
          yield s.substring(1, s.length() - 1);
        }
        yield s.contains(".") ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
      }
    };
  }

  /** Slots a bound call fills: the named parameters, then *args, then **kwargs. */
  public int slots() {
    return names.size() + (varargs != null ? 1 : 0) + (kwargs != null ? 1 : 0);
  }
}
