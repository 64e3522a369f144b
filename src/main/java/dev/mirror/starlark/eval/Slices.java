package dev.mirror.starlark.eval;

import java.util.Arrays;

/** Index and slice arithmetic shared by the sequence types. */
final class Slices {
  private Slices() {}

  /** Converts a possibly negative index into [0, length), or fails as the spec says. */
  static int index(Object key, int length, String type) {
    if (!(key instanceof Long l)) {
      if (key instanceof java.math.BigInteger) {
        throw new EvalException(type + " index out of range (index is " + key + ", but "
            + type + " has " + length + " elements)");
      }
      throw new EvalException(type + " indices must be integers, not " + Starlark.type(key));
    }
    long i = l;
    long j = i < 0 ? i + length : i;
    if (j < 0 || j >= length) {
      throw new EvalException("index out of range (index is " + i + ", but " + type + " has "
          + length + " element" + (length == 1 ? "" : "s") + ")");
    }
    return (int) j;
  }

  /** Resolves slice bounds as Python does; returns {start, stop, step}. */
  static int[] bounds(Object startObj, Object stopObj, Object stepObj, int length) {
    long step = 1;
    if (stepObj != Starlark.NONE) {
      step = toLong(stepObj, "slice step");
      if (step == 0) {
        throw new EvalException("slice step cannot be zero");
      }
    }
    long start, stop;
    if (step > 0) {
      start = startObj == Starlark.NONE ? 0 : clamp(toLong(startObj, "slice start"), length, 0, length);
      stop = stopObj == Starlark.NONE ? length : clamp(toLong(stopObj, "slice end"), length, 0, length);
    } else {
      start = startObj == Starlark.NONE ? length - 1
          : clamp(toLong(startObj, "slice start"), length, -1, length - 1);
      stop = stopObj == Starlark.NONE ? -1 : clamp(toLong(stopObj, "slice end"), length, -1, length - 1);
    }
    return new int[] {(int) start, (int) stop, (int) Math.max(Math.min(step, Integer.MAX_VALUE), Integer.MIN_VALUE + 1)};
  }

  private static long clamp(long i, int length, long lo, long hi) {
    if (i < 0) {
      i += length;
    }
    return Math.max(lo, Math.min(hi, i));
  }

  private static long toLong(Object x, String what) {
    if (x instanceof Long l) {
      return l;
    }
    if (x instanceof java.math.BigInteger b) {
      return b.signum() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
    }
    throw new EvalException(what + " must be an integer or None, not " + Starlark.type(x));
  }

  static int count(int start, int stop, int step) {
    if (step > 0) {
      return start < stop ? (int) (((long) stop - start - 1) / step + 1) : 0;
    }
    return start > stop ? (int) (((long) start - stop - 1) / -step + 1) : 0;
  }

  static Object[] slice(Object[] elems, int start, int stop, int step) {
    if (step == 1) {
      return start < stop ? Arrays.copyOfRange(elems, start, stop) : new Object[0];
    }
    int n = count(start, stop, step);
    Object[] out = new Object[n];
    for (int i = 0, j = start; i < n; i++, j += step) {
      out[i] = elems[j];
    }
    return out;
  }

  static int compareLexicographic(Object[] a, int na, Object[] b, int nb, int depth) {
    Limits.checkNesting(depth, "compare");
    int n = Math.min(na, nb);
    for (int i = 0; i < n; i++) {
      if (!Starlark.equal(a[i], b[i], depth + 1)) {
        return Starlark.compare(a[i], b[i], depth + 1);
      }
    }
    return Integer.compare(na, nb);
  }
}
