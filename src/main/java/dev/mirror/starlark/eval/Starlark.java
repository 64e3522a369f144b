package dev.mirror.starlark.eval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facade over Starlark values: their types, truth, equality, order, hashing, printing and
 * conversion to and from plain Java values.
 *
 * <p>Representations: None is {@link #NONE}; bool is {@link Boolean}; int is {@link Long} when it
 * fits and {@link BigInteger} otherwise (never a BigInteger that fits a long); float is
 * {@link Double}; string is {@link String} (indexed by UTF-16 code unit); bytes is {@link Bytes};
 * the rest are classes of this package or an embedder's {@link StarlarkValue}.
 */
public final class Starlark {
  private Starlark() {}

  public static final Object NONE = NoneType.NONE;

  // ---- type and truth ----

  public static String type(Object x) {
    if (x instanceof String) {
      return "string";
    } else if (x instanceof Long || x instanceof BigInteger) {
      return "int";
    } else if (x instanceof Boolean) {
      return "bool";
    } else if (x instanceof Double) {
      return "float";
    } else if (x instanceof StarlarkValue v) {
      return v.type();
    }
    return x == null ? "null" : x.getClass().getSimpleName();
  }

  public static boolean truth(Object x) {
    if (x instanceof Boolean b) {
      return b;
    } else if (x instanceof String s) {
      return !s.isEmpty();
    } else if (x instanceof Long l) {
      return l != 0;
    } else if (x instanceof Double d) {
      return d != 0.0;
    } else if (x instanceof BigInteger) {
      return true; // never zero: zero is a Long
    } else if (x instanceof StarlarkValue v) {
      return v.truth();
    }
    return true;
  }

  public static boolean isInt(Object x) {
    return x instanceof Long || x instanceof BigInteger;
  }

  // ---- printing ----

  public static String repr(Object x) {
    if (x instanceof StarlarkValue) {
      return new Printer().repr(x).toString();
    }
    StringBuilder sb = new StringBuilder();
    repr(sb, x);
    return sb.toString();
  }

  public static String str(Object x) {
    if (x instanceof String s) {
      return s;
    }
    return new Printer().str(x).toString();
  }

  /** The repr of a value that is not a StarlarkValue. */
  static void repr(StringBuilder sb, Object x) {
    if (x instanceof String s) {
      quote(sb, s);
    } else if (x instanceof Boolean b) {
      sb.append(b ? "True" : "False");
    } else if (x instanceof Long || x instanceof BigInteger) {
      sb.append(x);
    } else if (x instanceof Double d) {
      sb.append(Floats.repr(d));
    } else if (x instanceof StarlarkValue) {
      sb.append(new Printer().repr(x));
    } else {
      sb.append(x);
    }
  }

  /** Appends a string literal that reads back as {@code s}, in double quotes as the spec shows. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  // ---- equality, hashing and order ----

  public static boolean equal(Object a, Object b) {
    return equal(a, b, 0);
  }

  /** Equality of values {@code depth} levels inside the ones first compared. */
  static boolean equal(Object a, Object b, int depth) {
    if (a == b) {
      return true;
    }
    if (a instanceof String) {
      return a.equals(b);
    }
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x.longValue() == y.longValue();
      }
      if (b instanceof Double y) {
        return x.longValue() == y && Math.abs(y) < 0x1p63;
      }
      return false;
    }
    if (a instanceof Double || a instanceof BigInteger) {
      // Floats are totally ordered, as the spec says: NaN equals NaN and exceeds every number.
      if (b instanceof Double || b instanceof Long || b instanceof BigInteger) {
        return Ints.compareNumbers(a, b) == 0;
      }
      return false;
    }
    // The containers pass the depth on, so that a deep value is an error, not a stack overflow.
    if (a instanceof StarlarkList x) {
      return b instanceof StarlarkList y && x.equalElements(y, depth);
    }
    if (a instanceof Tuple x) {
      return b instanceof Tuple y && x.equalElements(y, depth);
    }
    if (a instanceof Dict x) {
      return b instanceof Dict y && x.equalEntries(y, depth);
    }
    return a.equals(b);
  }

  /** A hash consistent with {@link #equal}: an integral float hashes as the equal int. */
  static int hashCode(Object x) {
    return hashCode(x, 0);
  }

  static int hashCode(Object x, int depth) {
    if (x instanceof Tuple t) {
      return t.hashCode(depth);
    }
    if (x instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d)) {
        if (Math.abs(d) < 0x1p63) {
          return Long.hashCode(d.longValue());
        }
        return Ints.toBig(d).hashCode();
      }
      return d.hashCode();
    }
    return x.hashCode();
  }

  public static boolean isHashable(Object x) {
    if (x instanceof String || x instanceof Long || x instanceof Boolean || x instanceof Double
        || x instanceof BigInteger) {
      return true;
    }
    if (x instanceof StarlarkValue v) {
      return v.isHashable();
    }
    return false;
  }

  static void checkHashable(Object x) {
    if (!isHashable(x)) {
      throw new EvalException("unhashable type: '" + type(x) + "'");
    }
  }

  /** Orders two values as {@code <} does; values of unrelated types are an error. */
  public static int compare(Object a, Object b) {
    return compare(a, b, 0);
  }

  /** Order of values {@code depth} levels inside the ones first compared. */
  static int compare(Object a, Object b, int depth) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y); // the common case of sorting, first
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if ((a instanceof Long || a instanceof Double || a instanceof BigInteger)
        && (b instanceof Long || b instanceof Double || b instanceof BigInteger)) {
      return Ints.compareNumbers(a, b);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof StarlarkList x && b instanceof StarlarkList y) {
      return x.compareTo(y, depth);
    }
    if (a instanceof Tuple x && b instanceof Tuple y) {
      return x.compareTo(y, depth);
    }
    if (a instanceof Comparable<?> && a.getClass() == b.getClass() && a instanceof StarlarkValue) {
      @SuppressWarnings("unchecked")
      Comparable<Object> c = (Comparable<Object>) a;
      return c.compareTo(b);
    }
    throw new EvalException("unsupported comparison: " + type(a) + " <=> " + type(b));
  }

  // ---- iteration and length ----

  /** Iterates over an iterable value; strings are iterable only where the dialect says so. */
  public static Iterable<?> iterate(Object x, boolean iterableStrings) {
    if (x instanceof StarlarkIterable it) {
      return it;
    }
    if (x instanceof String s && iterableStrings) {
      // Lazily: a loop over a huge string meets the step limit before its characters fill memory.
      return () -> new java.util.Iterator<Object>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < s.length();
        }

        @Override
        public Object next() {
          if (i >= s.length()) {
            throw new java.util.NoSuchElementException();
          }
          return String.valueOf(s.charAt(i++));
        }
      };
    }
    if (x instanceof String) {
      throw new EvalException("type 'string' is not iterable (use .elems() to iterate over its"
          + " characters)");
    }
    throw new EvalException("type '" + type(x) + "' is not iterable");
  }

  /** The length of a value that has one, or -1. */
  public static long len(Object x) {
    if (x instanceof String s) {
      return s.length();
    }
    if (x instanceof RangeValue r) {
      return r.length;
    }
    if (x instanceof Sized s) {
      return s.size();
    }
    return -1;
  }

  /** Values that have a length. */
  interface Sized {
    int size();
  }

  // ---- Java conversion ----

  /**
   * Converts a Java value to a Starlark value: String, Boolean, Integer/Long/BigInteger, Double,
   * null (None), List (a list), Map (a dict), Set (a set); Starlark values pass unchanged.
   */
  public static Object fromJava(Object x, Mutability mutability) {
    if (x == null) {
      return NONE;
    }
    if (x instanceof String || x instanceof Boolean || x instanceof Double
        || x instanceof StarlarkValue || x instanceof LateBound) {
      return x;
    }
    if (x instanceof Long) {
      return x;
    }
    if (x instanceof Integer || x instanceof Short || x instanceof Byte) {
      return ((Number) x).longValue();
    }
    if (x instanceof Float f) {
      return f.doubleValue();
    }
    if (x instanceof BigInteger b) {
      return Ints.normalize(b);
    }
    if (x instanceof Map<?, ?> m) {
      Dict d = new Dict(mutability);
      for (Map.Entry<?, ?> e : m.entrySet()) {
        d.putUnchecked(fromJava(e.getKey(), mutability), fromJava(e.getValue(), mutability));
      }
      return d;
    }
    if (x instanceof java.util.Set<?> s) {
      StarlarkSet set = new StarlarkSet(mutability);
      for (Object o : s) {
        set.addUnchecked(fromJava(o, mutability));
      }
      return set;
    }
    if (x instanceof Iterable<?> it) {
      StarlarkList list = new StarlarkList(mutability);
      for (Object o : it) {
        list.addUnchecked(fromJava(o, mutability));
      }
      return list;
    }
    throw new IllegalArgumentException("cannot convert " + x.getClass().getName() + " to Starlark");
  }

  /**
   * Converts a Starlark value to plain Java: None to null, list and tuple to List, dict to a
   * LinkedHashMap, set to a LinkedHashSet, ints to Long or BigInteger; other values unchanged.
   */
  public static Object toJava(Object x) {
    return toJava(x, 0);
  }

  private static Object toJava(Object x, int depth) {
    if (x == NONE) {
      return null;
    }
    if (x instanceof StarlarkList || x instanceof Tuple) {
      Limits.checkNesting(depth, "convert");
      List<Object> out = new ArrayList<>();
      for (Object o : (Iterable<?>) x) {
        out.add(toJava(o, depth + 1));
      }
      return out;
    }
    if (x instanceof Dict d) {
      Limits.checkNesting(depth, "convert");
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<Object, Object> e : d.entrySet()) {
        out.put(toJava(e.getKey(), depth + 1), toJava(e.getValue(), depth + 1));
      }
      return out;
    }
    if (x instanceof StarlarkSet s) {
      Limits.checkNesting(depth, "convert");
      java.util.Set<Object> out = new java.util.LinkedHashSet<>();
      for (Object o : s) {
        out.add(toJava(o, depth + 1));
      }
      return out;
    }
    return x;
  }

  /** An iterator over a Java list, as the evaluator's loops use. */
  static Iterator<Object> iterator(Iterable<?> it) {
    @SuppressWarnings("unchecked")
    Iterator<Object> i = (Iterator<Object>) it.iterator();
    return i;
  }
}
