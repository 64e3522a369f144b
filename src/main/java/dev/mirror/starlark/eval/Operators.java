package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;
import dev.mirror.spelling.Spelling;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The operators of the language on values: arithmetic, comparison, membership, [], [:], dot. */
final class Operators {
  private Operators() {}

  static Object binary(Operator op, Object x, Object y, StarlarkThread thread) {
    switch (op) {
      case PLUS:
        if (x instanceof Long a && y instanceof Long b) {
          long r = a + b;
          if (((a ^ r) & (b ^ r)) < 0) {
            return Ints.add(a, b);
          }
          return r;
        }
        if (x instanceof String a && y instanceof String b) {
          Limits.checkString((long) a.length() + b.length());
          return a.concat(b);
        }
        if (isNumber(x) && isNumber(y)) {
          if (x instanceof Double || y instanceof Double) {
            return Ints.toDouble(x) + Ints.toDouble(y);
          }
          return Ints.add(x, y);
        }
        if (x instanceof StarlarkList a && y instanceof StarlarkList b) {
          Limits.checkElements((long) a.size() + b.size());
          StarlarkList out = new StarlarkList(thread.mutability(), Arrays.copyOf(a.elements(), a.size()));
          out.addAll(b.elements(), b.size());
          return out;
        }
        if (x instanceof Tuple a && y instanceof Tuple b) {
          Limits.checkElements((long) a.elems.length + b.elems.length);
          Object[] out = Arrays.copyOf(a.elems, a.elems.length + b.elems.length);
          System.arraycopy(b.elems, 0, out, a.elems.length, b.elems.length);
          return Tuple.wrap(out);
        }
        if (x instanceof Bytes a && y instanceof Bytes b) {
          byte[] out = Arrays.copyOf(a.data, a.data.length + b.data.length);
          System.arraycopy(b.data, 0, out, a.data.length, b.data.length);
          return Bytes.wrap(out);
        }
        break;
      case MINUS:
        if (x instanceof Long a && y instanceof Long b) {
          long r = a - b;
          if (((a ^ b) & (a ^ r)) < 0) {
            return Ints.subtract(a, b);
          }
          return r;
        }
        if (isNumber(x) && isNumber(y)) {
          if (x instanceof Double || y instanceof Double) {
            return Ints.toDouble(x) - Ints.toDouble(y);
          }
          return Ints.subtract(x, y);
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
          return a.difference(b, thread);
        }
        break;
      case STAR:
        if (isNumber(x) && isNumber(y)) {
          if (x instanceof Double || y instanceof Double) {
            return Ints.toDouble(x) * Ints.toDouble(y);
          }
          return Ints.multiply(x, y);
        }
        if (Starlark.isInt(y) && isRepeatable(x)) {
          return repeat(x, y, thread);
        }
        if (Starlark.isInt(x) && isRepeatable(y)) {
          return repeat(y, x, thread);
        }
        break;
      case SLASH:
        if (isNumber(x) && isNumber(y)) {
          double b = Ints.toDouble(y);
          if (b == 0) {
            throw new EvalException("floating-point division by zero");
          }
          // As the spec says, both operands are converted to float first.
          return Ints.toDouble(x) / b;
        }
        break;
      case SLASH_SLASH:
        if (Starlark.isInt(x) && Starlark.isInt(y)) {
          return Ints.floorDivide(x, y);
        }
        if (isNumber(x) && isNumber(y)) {
          double a = Ints.toDouble(x), b = Ints.toDouble(y);
          if (b == 0) {
            throw new EvalException("floating-point division by zero");
          }
          return floorDiv(a, b);
        }
        break;
      case PERCENT:
        if (x instanceof String s) {
          return Formatter.percent(s, y, thread.dialect().pythonLeniency());
        }
        if (Starlark.isInt(x) && Starlark.isInt(y)) {
          return Ints.modulo(x, y);
        }
        if (isNumber(x) && isNumber(y)) {
          double a = Ints.toDouble(x), b = Ints.toDouble(y);
          if (b == 0) {
            throw new EvalException("floating-point modulo by zero");
          }
          return floorMod(a, b);
        }
        break;
      case PIPE:
        if (Starlark.isInt(x) && Starlark.isInt(y)) {
          return Ints.or(x, y);
        }
        if (x instanceof Dict a && y instanceof Dict b) {
          Dict out = a.copy(thread.mutability());
          out.update(b, null, thread, "|");
          return out;
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
          return a.union(b, thread);
        }
        break;
      case AMPERSAND:
        if (Starlark.isInt(x) && Starlark.isInt(y)) {
          return Ints.and(x, y);
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
          return a.intersection(b, thread);
        }
        break;
      case CARET:
        if (Starlark.isInt(x) && Starlark.isInt(y)) {
          return Ints.xor(x, y);
        }
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b) {
          return a.symmetricDifference(b, thread);
        }
        break;
      case SHIFT_LEFT:
        if (Starlark.isInt(x) && Starlark.isInt(y)) {
          return Ints.shiftLeft(x, y);
        }
        break;
      case SHIFT_RIGHT:
        if (Starlark.isInt(x) && Starlark.isInt(y)) {
          return Ints.shiftRight(x, y);
        }
        break;
      case EQUALS:
        return Starlark.equal(x, y);
      case NOT_EQUALS:
        return !Starlark.equal(x, y);
      case LESS:
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b && setOrder(thread)) {
          return a.size() < b.size() && a.isSubsetOf(b);
        }
        return compare(op, x, y) < 0;
      case LESS_EQUALS:
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b && setOrder(thread)) {
          return a.isSubsetOf(b);
        }
        return compare(op, x, y) <= 0;
      case GREATER:
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b && setOrder(thread)) {
          return a.size() > b.size() && b.isSubsetOf(a);
        }
        return compare(op, x, y) > 0;
      case GREATER_EQUALS:
        if (x instanceof StarlarkSet a && y instanceof StarlarkSet b && setOrder(thread)) {
          return b.isSubsetOf(a);
        }
        return compare(op, x, y) >= 0;
      case IN:
        return in(x, y, thread);
      case NOT_IN:
        return !in(x, y, thread);
      case IS:
        return identical(x, y);
      case IS_NOT:
        return !identical(x, y);
      default:
        break;
    }
    throw unsupported(op, x, y);
  }

  /**
   * Whether {@code <}, {@code <=}, {@code >} and {@code >=} on two sets are the subset tests
   * Python makes them; the spec has sets unordered.
   */
  private static boolean setOrder(StarlarkThread thread) {
    return thread.dialect().pythonLeniency();
  }

  static EvalException unsupported(Operator op, Object x, Object y) {
    return new EvalException("unsupported binary operation: " + Starlark.type(x) + " " + op + " "
        + Starlark.type(y));
  }

  private static int compare(Operator op, Object x, Object y) {
    try {
      return Starlark.compare(x, y);
    } catch (EvalException e) {
      if (e.getMessage().startsWith("unsupported comparison")
          && !(x instanceof StarlarkList || x instanceof Tuple)) {
        throw new EvalException("unsupported comparison: " + Starlark.type(x) + " " + op + " "
            + Starlark.type(y));
      }
      throw e;
    }
  }

  private static boolean identical(Object x, Object y) {
    if (x == y) {
      return true;
    }
    // Equal scalars are one value as far as a BUILD file can tell (Python caches small ints and
    // interns strings); containers and other objects compare by identity.
    if (x instanceof String || x instanceof Long || x instanceof BigInteger
        || x instanceof Boolean || x instanceof Double) {
      return x.getClass() == y.getClass() && x.equals(y);
    }
    return false;
  }

  private static boolean isNumber(Object x) {
    return x instanceof Long || x instanceof Double || x instanceof BigInteger;
  }

  private static boolean isRepeatable(Object x) {
    return x instanceof String || x instanceof StarlarkList || x instanceof Tuple
        || x instanceof Bytes;
  }

  private static Object repeat(Object x, Object countObj, StarlarkThread thread) {
    long count = countObj instanceof Long l ? l : (((BigInteger) countObj).signum() < 0 ? 0 : Long.MAX_VALUE);
    if (count < 0) {
      count = 0;
    }
    int len = (int) Starlark.len(x);
    if (len == 0 || count == 0) {
      count = 0; // nothing to repeat: no loop over a huge count
    } else if (count > (x instanceof String ? Limits.MAX_STRING : Limits.MAX_ELEMENTS) / len) {
      throw new EvalException("excessive repeat (" + len + " * " + count + " elements)");
    }
    int n = (int) count;
    if (x instanceof String s) {
      return s.repeat(n);
    }
    if (x instanceof Bytes b) {
      byte[] out = new byte[b.data.length * n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(b.data, 0, out, i * b.data.length, b.data.length);
      }
      return Bytes.wrap(out);
    }
    Object[] elems = x instanceof Tuple t ? t.elems : ((StarlarkList) x).elements();
    Object[] out = new Object[len * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(elems, 0, out, i * len, len);
    }
    return x instanceof Tuple ? Tuple.wrap(out) : new StarlarkList(thread.mutability(), out);
  }

  static double floorMod(double a, double b) {
    double r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
      r += b;
    }
    if (r == 0) {
      r = Math.copySign(0.0, b);
    }
    return r;
  }

  static double floorDiv(double a, double b) {
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0))) {
      div -= 1.0;
    }
    if (div == 0) {
      return Math.copySign(0.0, a / b);
    }
    double floor = Math.floor(div);
    if (div - floor > 0.5) {
      floor += 1.0;
    }
    return floor;
  }

  static boolean in(Object x, Object container, StarlarkThread thread) {
    if (container instanceof String s) {
      if (!(x instanceof String sub)) {
        throw new EvalException("'in <string>' requires string as left operand, not "
            + Starlark.type(x));
      }
      return s.contains(sub);
    }
    if (container instanceof Dict d) {
      return d.containsKey(x);
    }
    if (container instanceof StarlarkSet s) {
      return s.contains(x);
    }
    if (container instanceof RangeValue r) {
      return r.contains(x);
    }
    if (container instanceof StarlarkList l) {
      Object[] elems = l.elements();
      for (int i = 0, n = l.size(); i < n; i++) {
        if (Starlark.equal(elems[i], x)) {
          return true;
        }
      }
      return false;
    }
    if (container instanceof Tuple t) {
      for (Object e : t.elems) {
        if (Starlark.equal(e, x)) {
          return true;
        }
      }
      return false;
    }
    if (container instanceof Bytes b) {
      return b.contains(x);
    }
    if (container instanceof Mapping m && !(container instanceof StarlarkIterable)) {
      return x instanceof String s && m.entries().containsKey(s);
    }
    if (container instanceof StarlarkIterable it) {
      for (Object e : it) {
        if (Starlark.equal(e, x)) {
          return true;
        }
      }
      return false;
    }
    throw unsupported(Operator.IN, x, container);
  }

  static Object index(Object object, Object key, StarlarkThread thread) {
    if (object instanceof StarlarkList l) {
      return l.get(Slices.index(key, l.size(), "list"));
    }
    if (object instanceof Dict d) {
      Object v = d.get(key);
      if (v == null) {
        throw new EvalException("key " + Starlark.repr(key) + " not found in dictionary");
      }
      return v;
    }
    if (object instanceof String s) {
      int i = Slices.index(key, s.length(), "string");
      return String.valueOf(s.charAt(i));
    }
    if (object instanceof Sequence seq) {
      return seq.get(Slices.index(key, seq.size(), Starlark.type(object)));
    }
    if (object instanceof Bytes b) {
      return (long) (b.data[Slices.index(key, b.data.length, "bytes")] & 0xff);
    }
    if (object instanceof Mapping m) {
      Object v = key instanceof String s ? m.entries().get(s) : null;
      if (v == null) {
        throw new EvalException("key " + Starlark.repr(key) + " not found in " + m.type());
      }
      return v;
    }
    throw new EvalException("type '" + Starlark.type(object) + "' is not subscriptable");
  }

  static void setIndex(Object object, Object key, Object value) {
    if (object instanceof StarlarkList l) {
      l.set(Slices.index(key, l.size(), "list"), value); // set checks mutability
      return;
    }
    if (object instanceof Dict d) {
      d.put(key, value);
      return;
    }
    throw new EvalException("can only assign an element in a dict or list, not in a '"
        + Starlark.type(object) + "'");
  }

  static Object slice(Object object, Object start, Object stop, Object step, StarlarkThread thread) {
    if (object instanceof String s) {
      int[] b = Slices.bounds(start, stop, step, s.length());
      if (b[2] == 1) {
        return b[0] < b[1] ? s.substring(b[0], b[1]) : "";
      }
      int n = Slices.count(b[0], b[1], b[2]);
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0, j = b[0]; i < n; i++, j += b[2]) {
        sb.append(s.charAt(j));
      }
      return sb.toString();
    }
    if (object instanceof Sequence seq) {
      int[] b = Slices.bounds(start, stop, step, seq.size());
      if (b[2] > 0 && b[0] > b[1]) {
        b[1] = b[0];
      }
      return seq.slice(thread.mutability(), b[0], b[1], b[2]);
    }
    if (object instanceof Bytes bytes) {
      int[] b = Slices.bounds(start, stop, step, bytes.data.length);
      int n = Slices.count(b[0], b[1], b[2]);
      byte[] out = new byte[n];
      for (int i = 0, j = b[0]; i < n; i++, j += b[2]) {
        out[i] = bytes.data[j];
      }
      return Bytes.wrap(out);
    }
    throw new EvalException("invalid slice operand " + Starlark.type(object));
  }

  /** {@code x.name}: a field of a structure or a method of a builtin type. */
  static Object getAttr(StarlarkThread thread, Object object, String name) {
    if (object instanceof Structure s) {
      Object v = s.getAttr(thread, name);
      if (v != null) {
        return v;
      }
      throw noAttr(object, name, s.attrNames());
    }
    BuiltinFunction method = Methods.of(object).get(name);
    if (method != null) {
      return new BoundMethod(object, method);
    }
    throw noAttr(object, name, Methods.of(object).keySet());
  }

  /** Like {@link #getAttr}, but null when there is no such attribute. */
  static Object getAttrOrNull(StarlarkThread thread, Object object, String name) {
    if (object instanceof Structure s) {
      return s.getAttr(thread, name);
    }
    BuiltinFunction method = Methods.of(object).get(name);
    return method == null ? null : new BoundMethod(object, method);
  }

  static List<String> attrNames(Object object) {
    List<String> names = new ArrayList<>();
    if (object instanceof Structure s) {
      names.addAll(s.attrNames());
    }
    names.addAll(Methods.of(object).keySet());
    names.sort(null);
    return names;
  }

  private static EvalException noAttr(Object object, String name, java.util.Collection<String> names) {
    String suggestion = Spelling.closest(name, names);
    return new EvalException("'" + Starlark.type(object) + "' value has no field or method '"
        + name + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
  }
}
