package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Python builtins the Pants dialect adds to the spec's, with Python's results and, where a
 * BUILD file author would look for them, Python's messages (which name Python's types: {@code
 * 'str'}, not {@code 'string'}). Python's classes are the dialect's conversion functions ({@code
 * int}, {@code str}, {@code list}, ...), so {@code isinstance} recognizes those very values.
 * Lazy results ({@code map}, {@code filter}, {@code iter}) are {@link PythonIterator}s. Nothing
 * here reaches outside the interpreter: there is still no {@code exec}, {@code eval}, {@code
 * compile}, {@code globals} or {@code input}.
 */
final class PythonBuiltins {
  private PythonBuiltins() {}

  /** Adds the builtins to (or over) the spec's in {@code m}, the Pants dialect's universe. */
  static void addTo(Map<String, Object> m) {
    add(m, BuiltinFunction.of("abs", "x, /", (th, a) -> {
      Object x = boolToInt(a[0]);
      if (x instanceof Long l) {
        return l < 0 ? Ints.negate(l) : l;
      }
      if (x instanceof BigInteger b) {
        return Ints.normalize(b.abs());
      }
      if (x instanceof Double d) {
        return Math.abs(d);
      }
      throw new EvalException("bad operand type for abs(): '" + pyType(x) + "'");
    }));
    add(m, BuiltinFunction.of("bin", "x, /", (th, a) -> radix(a[0], 2, "0b")));
    add(m, BuiltinFunction.of("callable", "x, /", (th, a) -> a[0] instanceof StarlarkCallable));
    add(m, BuiltinFunction.of("chr", "i, /", (th, a) -> {
      Object i = index(a[0]);
      if (!(i instanceof Long cp) || cp < 0 || cp > Character.MAX_CODE_POINT) {
        throw new EvalException("chr() arg not in range(0x110000)");
      }
      return new String(Character.toChars((int) (long) cp));
    }));
    add(m, BuiltinFunction.of("divmod", "x, y, /", (th, a) -> divmod(a[0], a[1])));
    add(m, BuiltinFunction.of("filter", "function, iterable, /", (th, a) -> {
      Object f = a[0];
      Iterator<?> it = iteratorOf(a[1], th);
      return new PythonIterator("filter", th.mutability(), () -> {
        while (it.hasNext()) {
          Object x = it.next();
          th.step();
          Object keep = f == Starlark.NONE ? x : Eval.call(th, f, new Object[] {x}, CallNodes.NO_ARGS);
          if (Starlark.truth(keep)) {
            return x;
          }
        }
        return PythonIterator.END;
      });
    }));
    add(m, BuiltinFunction.of("format", "value, format_spec=\"\", /", (th, a) -> {
      if (!(a[1] instanceof String spec)) {
        throw new EvalException("format() argument 2 must be str, not " + pyType(a[1]));
      }
      return Formatter.formatSpec(a[0], spec);
    }));
    add(m, BuiltinFunction.of("frozenset", "iterable=?, /", (th, a) -> {
      if (a[0] == Signature.ABSENT) {
        return new StarlarkSet.Frozen();
      }
      if (a[0] instanceof StarlarkSet.Frozen) {
        return a[0];
      }
      return StarlarkSet.Frozen.from(iterable(a[0], th));
    }));
    add(m, BuiltinFunction.of("hex", "x, /", (th, a) -> radix(a[0], 16, "0x")));
    add(m, BuiltinFunction.of("iter", "x, /", (th, a) -> a[0] instanceof PythonIterator
        ? a[0] : PythonIterator.over(iterable(a[0], th), th)));
    add(m, BuiltinFunction.of("map", "*args", (th, a) -> {
      Object[] args = ((Tuple) a[0]).elems;
      if (args.length < 2) {
        throw new EvalException("map() must have at least two arguments.");
      }
      Object f = args[0];
      Iterator<?>[] its = new Iterator<?>[args.length - 1];
      for (int i = 0; i < its.length; i++) {
        its[i] = iteratorOf(args[i + 1], th);
      }
      return new PythonIterator("map", th.mutability(), () -> {
        Object[] row = new Object[its.length];
        for (int i = 0; i < its.length; i++) {
          if (!its[i].hasNext()) {
            return PythonIterator.END;
          }
          row[i] = its[i].next();
        }
        return Eval.call(th, f, row, CallNodes.NO_ARGS);
      });
    }));
    for (String fn : new String[] {"max", "min"}) {
      int sign = fn.equals("max") ? 1 : -1;
      add(m, BuiltinFunction.of(fn, "*args, key=None, default=?", (th, a) ->
          Universe.extreme(th, fn, (Tuple) a[2], a[0], a[1], sign, true)));
    }
    add(m, BuiltinFunction.of("next", "iterator, default=?, /", (th, a) -> {
      if (!(a[0] instanceof PythonIterator it)) {
        throw new EvalException("'" + pyType(a[0]) + "' object is not an iterator");
      }
      Object x = it.next();
      if (x != PythonIterator.END) {
        return x;
      }
      if (a[1] == Signature.ABSENT) {
        throw new EvalException("StopIteration");
      }
      return a[1];
    }));
    add(m, BuiltinFunction.of("oct", "x, /", (th, a) -> radix(a[0], 8, "0o")));
    add(m, BuiltinFunction.of("ord", "c, /", (th, a) -> {
      if (a[0] instanceof String s) {
        int n = s.codePointCount(0, s.length());
        if (n != 1) {
          throw new EvalException("ord() expected a character, but string of length " + n
              + " found");
        }
        return (long) s.codePointAt(0);
      }
      if (a[0] instanceof Bytes b) {
        if (b.data.length != 1) {
          throw new EvalException("ord() expected a character, but string of length "
              + b.data.length + " found");
        }
        return (long) (b.data[0] & 0xff);
      }
      throw new EvalException("ord() expected string of length 1, but " + pyType(a[0])
          + " found");
    }));
    add(m, BuiltinFunction.of("pow", "base, exp, mod=None", (th, a) -> pow(a[0], a[1], a[2])));
    add(m, BuiltinFunction.of("round", "number, ndigits=None", (th, a) -> round(a[0], a[1])));
    add(m, BuiltinFunction.of("sum", "iterable, /, start=0", (th, a) -> {
      Object acc = a[1];
      if (acc instanceof String) {
        throw new EvalException("sum() can't sum strings [use ''.join(seq) instead]");
      }
      if (acc instanceof Bytes) {
        throw new EvalException("sum() can't sum bytes [use b''.join(seq) instead]");
      }
      for (Object x : Starlark.iterate(iterable(a[0], th), true)) {
        acc = Operators.binary(Operator.PLUS, boolToInt(acc), boolToInt(x), th);
      }
      return acc;
    }));
    addIsinstance(m);
  }

  private static void add(Map<String, Object> m, BuiltinFunction f) {
    m.put(f.name(), f);
  }

  /** The name Python gives a value's type where the dialect's differs. */
  static String pyType(Object x) {
    String t = Starlark.type(x);
    return t.equals("string") ? "str" : t;
  }

  private static Object boolToInt(Object x) {
    return x instanceof Boolean b ? (Object) (b ? 1L : 0L) : x;
  }

  /** An int argument where Python requires one ({@code __index__}): bools count. */
  private static Object index(Object x) {
    Object i = boolToInt(x);
    if (!Starlark.isInt(i)) {
      throw new EvalException("'" + pyType(x) + "' object cannot be interpreted as an integer");
    }
    return i;
  }

  /** {@code x} if Python can iterate it (strings included), else Python's error. */
  private static Object iterable(Object x, StarlarkThread th) {
    if (x instanceof StarlarkIterable || x instanceof String) {
      return x;
    }
    throw new EvalException("'" + pyType(x) + "' object is not iterable");
  }

  /** A Java iterator over {@code x}, taken now, as Python's {@code map} takes it. */
  private static Iterator<?> iteratorOf(Object x, StarlarkThread th) {
    return Starlark.iterate(iterable(x, th), true).iterator();
  }

  private static String radix(Object x, int radix, String prefix) {
    BigInteger v = Ints.toBig(index(x));
    return (v.signum() < 0 ? "-" : "") + prefix + v.abs().toString(radix);
  }

  private static Object divmod(Object x0, Object y0) {
    Object x = boolToInt(x0);
    Object y = boolToInt(y0);
    if (Starlark.isInt(x) && Starlark.isInt(y)) {
      if (y instanceof Long l && l == 0) {
        throw new EvalException("integer division or modulo by zero");
      }
      return Tuple.of(Ints.floorDivide(x, y), Ints.modulo(x, y));
    }
    if (isNumber(x) && isNumber(y)) {
      double a = Ints.toDouble(x);
      double b = Ints.toDouble(y);
      if (b == 0) {
        throw new EvalException("float divmod()");
      }
      return Tuple.of(Operators.floorDiv(a, b), Operators.floorMod(a, b));
    }
    throw new EvalException("unsupported operand type(s) for divmod(): '" + pyType(x0) + "' and '"
        + pyType(y0) + "'");
  }

  private static Object pow(Object base0, Object exp0, Object mod0) {
    Object base = boolToInt(base0);
    Object exp = boolToInt(exp0);
    Object mod = boolToInt(mod0);
    boolean withMod = mod != Starlark.NONE;
    if (!isNumber(base) || !isNumber(exp) || (withMod && !isNumber(mod))) {
      throw new EvalException("unsupported operand type(s) for ** or pow(): '" + pyType(base0)
          + (withMod ? "', '" + pyType(exp0) + "', '" + pyType(mod0) : "' and '" + pyType(exp0))
          + "'");
    }
    if (withMod) {
      if (!Starlark.isInt(base) || !Starlark.isInt(exp) || !Starlark.isInt(mod)) {
        throw new EvalException("pow() 3rd argument not allowed unless all arguments are integers");
      }
      BigInteger m = Ints.toBig(mod);
      if (m.signum() == 0) {
        throw new EvalException("pow() 3rd argument cannot be 0");
      }
      BigInteger b = Ints.toBig(base);
      BigInteger e = Ints.toBig(exp);
      BigInteger am = m.abs();
      if (e.signum() < 0) {
        try {
          b = b.modInverse(am);
        } catch (ArithmeticException notInvertible) {
          throw new EvalException("base is not invertible for the given modulus");
        }
        e = e.negate();
      }
      BigInteger r = b.modPow(e, am);
      if (m.signum() < 0 && r.signum() != 0) {
        r = r.add(m); // the result takes the modulus's sign, as % does
      }
      return Ints.normalize(r);
    }
    if (Starlark.isInt(base) && Starlark.isInt(exp)) {
      BigInteger b = Ints.toBig(base);
      BigInteger e = Ints.toBig(exp);
      if (e.signum() >= 0) {
        if (b.signum() == 0 || b.equals(BigInteger.ONE)) {
          return e.signum() == 0 ? 1L : Ints.normalize(b);
        }
        if (b.equals(BigInteger.ONE.negate())) {
          return e.testBit(0) ? -1L : 1L;
        }
        // The result has about bitLength(b - 1) * e bits: refuse before computing a huge one.
        if (e.bitLength() > 31
            || (long) (b.abs().bitLength() - 1) * e.longValue() > Limits.MAX_INT_BITS) {
          throw new EvalException("int too large: " + b + " ** " + e + " (at most "
              + Limits.MAX_INT_BITS + " bits)");
        }
        return Ints.normalize(b.pow(e.intValue()));
      }
    }
    double x = Ints.toDouble(base);
    double y = Ints.toDouble(exp);
    if (x == 0 && y < 0) {
      throw new EvalException("0.0 cannot be raised to a negative power");
    }
    if (x < 0 && y != Math.rint(y) && Double.isFinite(y)) {
      throw new EvalException("pow() of a negative number to a fractional power: complex"
          + " results are not supported");
    }
    double r = Math.pow(x, y);
    if (Double.isInfinite(r) && Double.isFinite(x) && Double.isFinite(y)) {
      throw new EvalException("(34, 'Numerical result out of range')");
    }
    return r;
  }

  private static Object round(Object number, Object ndigits) {
    Object x = boolToInt(number);
    if (Starlark.isInt(x)) {
      if (ndigits == Starlark.NONE) {
        return x;
      }
      Object n = index(ndigits);
      if (!(n instanceof Long digits) || digits >= 0) {
        return n instanceof BigInteger big && big.signum() < 0 ? 0L : x;
      }
      BigInteger v = Ints.toBig(x);
      if (-digits > v.abs().toString().length()) {
        return 0L; // fewer digits than are rounded away (and no tie: the result is 0)
      }
      return Ints.normalize(new BigDecimal(v).setScale((int) (long) digits, RoundingMode.HALF_EVEN)
          .toBigInteger());
    }
    if (x instanceof Double d) {
      if (ndigits == Starlark.NONE) {
        if (d.isNaN()) {
          throw new EvalException("cannot convert float NaN to integer");
        }
        if (d.isInfinite()) {
          throw new EvalException("cannot convert float infinity to integer");
        }
        return Ints.normalize(Ints.toBig(Math.rint(d))); // rint rounds ties to even
      }
      Object n = index(ndigits);
      if (!Double.isFinite(d) || d == 0) {
        return d;
      }
      // Beyond 330 digits either way the result is x itself or a zero, as in Python.
      long digits = n instanceof Long l ? l : ((BigInteger) n).signum() * Long.MAX_VALUE;
      if (digits > 330) {
        return d;
      }
      if (digits < -330) {
        return Math.copySign(0.0, d);
      }
      // The exact binary value rounded in decimal, ties to even: Python's correctly rounded result.
      double r = new BigDecimal(d).setScale((int) digits, RoundingMode.HALF_EVEN).doubleValue();
      if (Double.isInfinite(r)) {
        throw new EvalException("rounded value too large to represent");
      }
      return r == 0 ? Math.copySign(0.0, d) : r;
    }
    throw new EvalException("type " + pyType(number) + " doesn't define __round__ method");
  }

  private static boolean isNumber(Object x) {
    return x instanceof Long || x instanceof BigInteger || x instanceof Double;
  }

  /**
   * {@code isinstance(x, classinfo)}: classinfo is one of the dialect's type functions, a class,
   * an exception type, or a tuple of them (nested tuples too), as in Python. The type functions
   * are recognized by identity, so a file that rebinds {@code int} gets what it bound.
   */
  private static void addIsinstance(Map<String, Object> m) {
    Map<Object, Predicate<Object>> types = new IdentityHashMap<>();
    types.put(m.get("bool"), x -> x instanceof Boolean);
    types.put(m.get("int"), x -> Starlark.isInt(x) || x instanceof Boolean);
    types.put(m.get("float"), x -> x instanceof Double);
    types.put(m.get("str"), x -> x instanceof String);
    types.put(m.get("bytes"), x -> x instanceof Bytes);
    types.put(m.get("list"), x -> x instanceof StarlarkList);
    types.put(m.get("tuple"), x -> x instanceof Tuple);
    types.put(m.get("dict"), x -> x instanceof Dict);
    types.put(m.get("set"), x -> x instanceof StarlarkSet && !(x instanceof StarlarkSet.Frozen));
    types.put(m.get("frozenset"), x -> x instanceof StarlarkSet.Frozen);
    types.put(m.get("range"), x -> x instanceof RangeValue);
    types.remove(null);
    add(m, BuiltinFunction.of("isinstance", "obj, classinfo, /", (th, a) ->
        isInstance(types, a[0], a[1], 0)));
  }

  private static boolean isInstance(Map<Object, Predicate<Object>> types, Object x, Object cls,
      int depth) {
    if (cls instanceof Tuple t) {
      Limits.checkNesting(depth, "check");
      for (Object c : t.elems) {
        if (isInstance(types, x, c, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    Predicate<Object> p = types.get(cls);
    if (p != null) {
      return p.test(x);
    }
    if (cls instanceof PythonClasses.ClassValue c) {
      return x instanceof PythonClasses.Instance i && i.cls() == c;
    }
    if (cls instanceof PythonClasses.ExceptionType e) {
      if (!(x instanceof PythonClasses.ExceptionValue v)) {
        return false;
      }
      for (String t = v.exceptionType().name(); t != null; t = EXCEPTION_BASES.get(t)) {
        if (t.equals(e.name())) {
          return true;
        }
      }
      return false;
    }
    throw new EvalException("isinstance() arg 2 must be a type, a tuple of types, or a union");
  }

  /** Each predeclared exception type's base class in Python's hierarchy. */
  private static final Map<String, String> EXCEPTION_BASES = Map.ofEntries(
      Map.entry("Exception", "BaseException"),
      Map.entry("SystemExit", "BaseException"),
      Map.entry("ValueError", "Exception"),
      Map.entry("TypeError", "Exception"),
      Map.entry("LookupError", "Exception"),
      Map.entry("KeyError", "LookupError"),
      Map.entry("IndexError", "LookupError"),
      Map.entry("RuntimeError", "Exception"),
      Map.entry("NotImplementedError", "RuntimeError"),
      Map.entry("AssertionError", "Exception"),
      Map.entry("AttributeError", "Exception"),
      Map.entry("OSError", "Exception"),
      Map.entry("FileNotFoundError", "OSError"),
      Map.entry("NameError", "Exception"),
      Map.entry("ArithmeticError", "Exception"),
      Map.entry("ZeroDivisionError", "ArithmeticError"),
      Map.entry("UnicodeError", "ValueError"),
      Map.entry("Warning", "Exception"),
      Map.entry("DeprecationWarning", "Warning"),
      Map.entry("UserWarning", "Warning"));
}
