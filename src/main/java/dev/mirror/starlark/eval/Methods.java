package dev.mirror.starlark.eval;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The method tables of the builtin types, and small argument conversions they share. */
final class Methods {
  private Methods() {}

  static Map<String, BuiltinFunction> table(BuiltinFunction... methods) {
    Map<String, BuiltinFunction> m = new TreeMap<>();
    for (BuiltinFunction f : methods) {
      m.put(f.name(), f);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The methods of a value's type, or an empty map. */
  static Map<String, BuiltinFunction> of(Object x) {
    if (x instanceof String) {
      return StringMethods.METHODS;
    } else if (x instanceof StarlarkList) {
      return StarlarkList.METHODS;
    } else if (x instanceof Dict) {
      return Dict.METHODS;
    } else if (x instanceof StarlarkSet) {
      return x instanceof StarlarkSet.Frozen ? StarlarkSet.FROZEN_METHODS : StarlarkSet.METHODS;
    } else if (x instanceof Bytes) {
      return Bytes.METHODS;
    }
    return Map.of();
  }

  /** The elements of an iterable, as an array the caller may keep. */
  static Object[] toArray(Object x, StarlarkThread thread) {
    if (x instanceof StarlarkList l) {
      return l.toArray();
    }
    if (x instanceof Tuple t) {
      return t.elems.clone();
    }
    Limits.checkElements(Math.max(0, Starlark.len(x)));
    java.util.ArrayList<Object> out = new java.util.ArrayList<>();
    for (Object o : Starlark.iterate(x, thread != null && thread.dialect().iterableStrings())) {
      out.add(o);
      if (out.size() > Limits.MAX_ELEMENTS) {
        Limits.checkElements(out.size());
      }
    }
    return out.toArray();
  }

  static long toLong(Object x, String what) {
    if (x instanceof Long l) {
      return l;
    }
    if (x instanceof java.math.BigInteger) {
      throw new EvalException(what + ": int out of range: " + x);
    }
    throw new EvalException(what + ": got " + Starlark.type(x) + ", want int");
  }

  static int toInt(Object x, String what) {
    long l = toLong(x, what);
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      throw new EvalException(what + ": int out of range: " + l);
    }
    return (int) l;
  }

  static String toStr(Object x, String what) {
    if (x instanceof String s) {
      return s;
    }
    throw new EvalException(what + ": got " + Starlark.type(x) + ", want string");
  }
}
