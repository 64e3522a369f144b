package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Dialect;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The universal builtins of the spec, and the Python builtins the Pants dialect adds. */
final class Universe {
  private Universe() {}

  private static final Map<String, Object> STARLARK = Collections.unmodifiableMap(starlark());
  private static final Map<String, Object> PANTS = Collections.unmodifiableMap(pants());

  /** The pants dialect's extras (exception types for raise, open, __import__) go with raise. */
  static Map<String, Object> of(Dialect dialect) {
    return dialect.raiseStatement() ? PANTS : STARLARK;
  }

  private static void add(Map<String, Object> m, BuiltinFunction f) {
    m.put(f.name(), f);
  }

  private static Map<String, Object> pants() {
    Map<String, Object> m = starlark();
    for (String name : PythonClasses.EXCEPTION_NAMES) {
      m.put(name, new PythonClasses.ExceptionType(name));
    }
    add(m, BuiltinFunction.of("__import__", "*args, **kwargs", (th, a) -> {
      throw new EvalException("__import__ is not supported: BUILD files and prelude files cannot"
          + " import Python modules");
    }));
    add(m, BuiltinFunction.of("open", "file, mode=\"r\", /, **kwargs", (th, a) -> {
      String path = Methods.toStr(a[0], "open");
      String mode = Methods.toStr(a[1], "open");
      if (!mode.equals("r") && !mode.equals("rt")) {
        throw new EvalException("open: only reading text files is supported (mode 'r'), not '"
            + mode + "'");
      }
      return new TextFile(path, th.interpreter().readFile(th, path));
    }));
    PythonBuiltins.addTo(m);
    return m;
  }

  private static Map<String, Object> starlark() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("None", Starlark.NONE);
    m.put("True", Boolean.TRUE);
    m.put("False", Boolean.FALSE);
    add(m, BuiltinFunction.of("abs", "x, /", (th, a) -> {
      Object x = a[0];
      if (x instanceof Long l) {
        return l < 0 ? Ints.negate(l) : l;
      }
      if (x instanceof BigInteger b) {
        return Ints.normalize(b.abs());
      }
      if (x instanceof Double d) {
        return Math.abs(d);
      }
      throw new EvalException("abs: got " + Starlark.type(x) + ", want int or float");
    }));
    add(m, BuiltinFunction.of("any", "x, /", (th, a) -> {
      for (Object x : iterate(th, a[0])) {
        if (Starlark.truth(x)) {
          return true;
        }
      }
      return false;
    }));
    add(m, BuiltinFunction.of("all", "x, /", (th, a) -> {
      for (Object x : iterate(th, a[0])) {
        if (!Starlark.truth(x)) {
          return false;
        }
      }
      return true;
    }));
    add(m, BuiltinFunction.of("bool", "x=False, /", (th, a) -> Starlark.truth(a[0])));
    add(m, BuiltinFunction.of("bytes", "x, /", (th, a) -> {
      Object x = a[0];
      if (x instanceof String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
      }
      if (x instanceof Bytes) {
        return x;
      }
      if (x instanceof StarlarkIterable it) {
        List<Object> items = new ArrayList<>();
        it.forEach(items::add);
        byte[] out = new byte[items.size()];
        for (int i = 0; i < out.length; i++) {
          long v = Methods.toLong(items.get(i), "bytes");
          if (v < 0 || v > 255) {
            throw new EvalException("bytes: at index " + i + ", " + v + " out of range (want"
                + " value in unsigned 8-bit range)");
          }
          out[i] = (byte) v;
        }
        return Bytes.wrap(out);
      }
      throw new EvalException("bytes: got " + Starlark.type(x) + ", want string, bytes, or"
          + " iterable of ints");
    }));
    add(m, BuiltinFunction.of("dict", "pairs=?, /, **kwargs", (th, a) -> {
      Dict d = new Dict(th.mutability());
      d.update(a[0], (Dict) a[1], th, "dict");
      return d;
    }));
    add(m, BuiltinFunction.of("dir", "x, /", (th, a) ->
        StarlarkList.copyOf(th.mutability(), Operators.attrNames(a[0]))));
    add(m, BuiltinFunction.of("enumerate", "x, /, start=0", (th, a) -> {
      long i = Methods.toLong(a[1], "enumerate");
      List<Object> out = new ArrayList<>();
      for (Object x : iterate(th, a[0])) {
        out.add(Tuple.of(i++, x));
      }
      return StarlarkList.copyOf(th.mutability(), out);
    }));
    add(m, BuiltinFunction.of("fail", "*args, msg=?, attr=None, sep=\" \"", (th, a) -> {
      StringBuilder sb = new StringBuilder();
      String sep = Methods.toStr(a[2], "fail");
      List<Object> parts = new ArrayList<>(Arrays.asList(((Tuple) a[3]).elems));
      if (a[0] != Signature.ABSENT) {
        parts.add(0, a[0]);
      }
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        sb.append(Starlark.str(parts.get(i)));
      }
      String prefix = a[1] == Starlark.NONE ? "" : "attribute " + Starlark.str(a[1]) + ": ";
      throw new EvalException("fail: " + prefix + sb);
    }));
    add(m, BuiltinFunction.of("float", "x=0.0, /", (th, a) -> toFloat(a[0])));
    add(m, BuiltinFunction.of("getattr", "x, name, default=?, /", (th, a) -> {
      String name = Methods.toStr(a[1], "getattr");
      if (a[2] == Signature.ABSENT) {
        return Operators.getAttr(th, a[0], name);
      }
      Object v = Operators.getAttrOrNull(th, a[0], name);
      return v == null ? a[2] : v;
    }));
    add(m, BuiltinFunction.of("hasattr", "x, name, /", (th, a) ->
        Operators.getAttrOrNull(th, a[0], Methods.toStr(a[1], "hasattr")) != null));
    add(m, BuiltinFunction.of("hash", "x, /", (th, a) -> {
      Object x = a[0];
      if (x instanceof String s) {
        return (long) s.hashCode(); // the spec fixes this algorithm: Java's String.hashCode
      }
      if (x instanceof Bytes b) {
        return (long) b.hashCode();
      }
      throw new EvalException("hash: got " + Starlark.type(x) + ", want string or bytes");
    }));
    add(m, BuiltinFunction.of("int", "x=?, /, base=?", (th, a) -> toInt(a[0], a[1])));
    add(m, BuiltinFunction.of("len", "x, /", (th, a) -> {
      long n = Starlark.len(a[0]);
      if (n < 0) {
        throw new EvalException("len: value of type '" + Starlark.type(a[0]) + "' has no len");
      }
      return n;
    }));
    add(m, BuiltinFunction.of("list", "x=?, /", (th, a) -> a[0] == Signature.ABSENT
        ? new StarlarkList(th.mutability())
        : new StarlarkList(th.mutability(), Methods.toArray(checkIterable(th, a[0], "list"), th))));
    add(m, BuiltinFunction.of("max", "*args, key=None, default=?", (th, a) ->
        extreme(th, "max", (Tuple) a[2], a[0], a[1], 1, false)));
    add(m, BuiltinFunction.of("min", "*args, key=None, default=?", (th, a) ->
        extreme(th, "min", (Tuple) a[2], a[0], a[1], -1, false)));
    add(m, BuiltinFunction.of("print", "*args, sep=\" \"", (th, a) -> {
      String sep = Methods.toStr(a[0], "print");
      StringBuilder sb = new StringBuilder();
      Object[] args = ((Tuple) a[1]).elems;
      for (int i = 0; i < args.length; i++) {
        if (i > 0) {
          sb.append(sep);
        }
        sb.append(Starlark.str(args[i]));
      }
      th.print(sb.toString());
      return Starlark.NONE;
    }));
    add(m, BuiltinFunction.of("range", "start_or_stop, stop=?, step=1, /", (th, a) -> {
      long start = 0, stop, step = Methods.toLong(a[2], "range");
      if (a[1] == Signature.ABSENT) {
        stop = Methods.toLong(a[0], "range");
      } else {
        start = Methods.toLong(a[0], "range");
        stop = Methods.toLong(a[1], "range");
      }
      if (step == 0) {
        throw new EvalException("range: step argument must not be zero");
      }
      return new RangeValue(start, stop, step);
    }));
    add(m, BuiltinFunction.of("repr", "x, /", (th, a) -> Starlark.repr(a[0])));
    add(m, BuiltinFunction.of("reversed", "x, /", (th, a) -> {
      Object[] items = Methods.toArray(checkIterable(th, a[0], "reversed"), th);
      Collections.reverse(Arrays.asList(items));
      return new StarlarkList(th.mutability(), items);
    }));
    add(m, BuiltinFunction.of("set", "x=?, /", (th, a) -> a[0] == Signature.ABSENT
        ? new StarlarkSet(th.mutability())
        : StarlarkSet.from(checkIterable(th, a[0], "set"), th)));
    add(m, BuiltinFunction.of("sorted", "x, /, *, key=None, reverse=False", (th, a) ->
        sorted(th, a[0], a[1], Starlark.truth(a[2]))));
    add(m, BuiltinFunction.of("str", "x=\"\", /", (th, a) -> Starlark.str(a[0])));
    add(m, BuiltinFunction.of("tuple", "x=?, /", (th, a) -> a[0] == Signature.ABSENT
        ? Tuple.EMPTY
        : a[0] instanceof Tuple ? a[0] : Tuple.wrap(Methods.toArray(checkIterable(th, a[0], "tuple"), th))));
    add(m, BuiltinFunction.of("type", "x, /", (th, a) -> Starlark.type(a[0])));
    add(m, BuiltinFunction.of("zip", "*args", (th, a) -> {
      Object[] args = ((Tuple) a[0]).elems;
      Object[][] columns = new Object[args.length][];
      int n = Integer.MAX_VALUE;
      for (int i = 0; i < args.length; i++) {
        columns[i] = Methods.toArray(checkIterable(th, args[i], "zip"), th);
        n = Math.min(n, columns[i].length);
      }
      if (args.length == 0) {
        n = 0;
      }
      Object[] out = new Object[n];
      for (int j = 0; j < n; j++) {
        Object[] row = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
          row[i] = columns[i][j];
        }
        out[j] = Tuple.wrap(row);
      }
      return new StarlarkList(th.mutability(), out);
    }));
    return m;
  }

  private static Iterable<?> iterate(StarlarkThread th, Object x) {
    return Starlark.iterate(x, th.dialect().iterableStrings());
  }

  private static Object checkIterable(StarlarkThread th, Object x, String fn) {
    if (x instanceof StarlarkIterable || (x instanceof String && th.dialect().iterableStrings())) {
      return x;
    }
    throw new EvalException(fn + ": got value of type '" + Starlark.type(x) + "', want iterable");
  }

  /** {@code max} ({@code sign} 1) or {@code min} (-1); with Python's messages if {@code python}. */
  static Object extreme(StarlarkThread th, String fn, Tuple args, Object key,
      Object defaultValue, int sign, boolean python) {
    Object[] items;
    if (args.size() == 1) {
      items = Methods.toArray(checkIterable(th, args.get(0), fn), th);
    } else if (args.size() == 0) {
      throw new EvalException(fn + " expected at least 1 argument, got 0");
    } else {
      if (python && defaultValue != Signature.ABSENT) {
        throw new EvalException("Cannot specify a default for " + fn + "() with multiple"
            + " positional arguments");
      }
      items = args.elems;
    }
    if (items.length == 0) {
      if (defaultValue != Signature.ABSENT) {
        return defaultValue;
      }
      throw new EvalException(python ? fn + "() arg is an empty sequence"
          : fn + ": argument is an empty sequence");
    }
    Object best = items[0];
    Object bestKey = key == Starlark.NONE ? best : Eval.call(th, key, new Object[] {best}, new Object[0]);
    for (int i = 1; i < items.length; i++) {
      Object k = key == Starlark.NONE ? items[i] : Eval.call(th, key, new Object[] {items[i]}, new Object[0]);
      if (Starlark.compare(k, bestKey) * sign > 0) {
        best = items[i];
        bestKey = k;
      }
    }
    return best;
  }

  private static Object sorted(StarlarkThread th, Object x, Object key, boolean reverse) {
    Object[] items = Methods.toArray(checkIterable(th, x, "sorted"), th);
    Comparator<Object> order = reverse
        ? (a, b) -> -Starlark.compare(a, b)
        : Starlark::compare;
    try {
      if (key == Starlark.NONE) {
        Arrays.sort(items, order); // stable, as Python's sort is
      } else {
        // Each element sorted with its key: no index array to go through at each comparison.
        Keyed[] keyed = new Keyed[items.length];
        for (int i = 0; i < items.length; i++) {
          keyed[i] = new Keyed(Eval.call(th, key, new Object[] {items[i]}, new Object[0]), items[i]);
        }
        Arrays.sort(keyed, (a, b) -> order.compare(a.key, b.key));
        for (int i = 0; i < items.length; i++) {
          items[i] = keyed[i].item;
        }
      }
    } catch (IllegalArgumentException e) {
      throw new EvalException("sorted: inconsistent comparison (" + e.getMessage() + ")");
    }
    return new StarlarkList(th.mutability(), items);
  }

  private record Keyed(Object key, Object item) {}

  static Object toFloat(Object x) {
    if (x instanceof Double) {
      return x;
    }
    if (x instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (Starlark.isInt(x)) {
      return Ints.toDouble(x);
    }
    if (x instanceof String s) {
      String t = s.strip().toLowerCase();
      switch (t) {
        case "inf", "+inf", "infinity", "+infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-inf", "-infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        case "nan", "+nan", "-nan" -> {
          return Double.NaN;
        }
        default -> {}
      }
      if (!t.matches("[+-]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(e[+-]?\\d+)?")) {
        throw new EvalException("float: invalid float literal: " + Starlark.repr(s));
      }
      double d = Double.parseDouble(t.replace("_", ""));
      if (Double.isInfinite(d)) {
        throw new EvalException("float: floating-point number too large: " + s);
      }
      return d;
    }
    throw new EvalException("float: got " + Starlark.type(x) + ", want number or string");
  }

  static Object toInt(Object x, Object baseObj) {
    if (x == Signature.ABSENT) {
      if (baseObj != Signature.ABSENT) {
        throw new EvalException("int: missing string argument");
      }
      return 0L;
    }
    if (x instanceof String s) {
      int base = baseObj == Signature.ABSENT ? 10 : Methods.toInt(baseObj, "int");
      if (base != 0 && (base < 2 || base > 36)) {
        throw new EvalException("int: base must be an integer >= 2 && <= 36");
      }
      Object v = Ints.parse(s, base);
      if (v == null) {
        throw new EvalException("int: invalid literal with base " + base + ": " + Starlark.repr(s));
      }
      return v;
    }
    if (baseObj != Signature.ABSENT) {
      throw new EvalException("int: can't convert non-string with explicit base");
    }
    if (x instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (Starlark.isInt(x)) {
      return x;
    }
    if (x instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new EvalException("int: cannot convert float " + Floats.repr(d) + " to integer");
      }
      return Ints.normalize(Ints.toBig(d));
    }
    throw new EvalException("int: got " + Starlark.type(x) + ", want string, int, float or bool");
  }

  /** The value {@code open(path)} returns: its text, read once through the embedder's hook. */
  static final class TextFile implements Structure {
    private final String path;
    private final String text;

    TextFile(String path, String text) {
      this.path = path;
      this.text = text;
    }

    @Override
    public Object getAttr(String name) {
      return switch (name) {
        case "read" -> BuiltinFunction.of("read", "", (th, a) -> text);
        case "readlines" -> BuiltinFunction.of("readlines", "", (th, a) ->
            StarlarkList.copyOf(th.mutability(), text.lines().map(l -> (Object) (l + "\n")).toList()));
        case "close" -> BuiltinFunction.of("close", "", (th, a) -> Starlark.NONE);
        case "name" -> path;
        default -> null;
      };
    }

    @Override
    public java.util.Collection<String> attrNames() {
      return List.of("close", "name", "read", "readlines");
    }

    @Override
    public String type() {
      return "file";
    }

    @Override
    public void repr(Printer out) {
      out.append("<file ").repr(path).append('>');
    }
  }
}
