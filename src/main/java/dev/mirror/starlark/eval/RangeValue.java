package dev.mirror.starlark.eval;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** {@code range(start, stop, step)}: an immutable sequence of ints, computed on demand. */
final class RangeValue implements Sequence {
  final long start;
  final long stop;
  final long step;
  /** The number of elements; may exceed an int, as in {@code range(10**12)}. */
  final long length;

  RangeValue(long start, long stop, long step) {
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.length = length(start, stop, step);
  }

  /**
   * The number of elements. {@code stop - start} overflows a long when the bounds are far apart,
   * so that case is computed exactly; a range of more than {@link Long#MAX_VALUE} elements is an
   * error.
   */
  private static long length(long start, long stop, long step) {
    if (step > 0 ? start >= stop : start <= stop) {
      return 0;
    }
    long span = step > 0 ? stop - start : start - stop;
    if (span > 0 && step != Long.MIN_VALUE) {
      return (span - 1) / Math.abs(step) + 1;
    }
    BigInteger n = BigInteger.valueOf(stop).subtract(BigInteger.valueOf(start)).abs()
        .subtract(BigInteger.ONE).divide(BigInteger.valueOf(step).abs()).add(BigInteger.ONE);
    if (n.bitLength() >= 64) {
      throw new EvalException("range has too many elements (" + n + ")");
    }
    return n.longValue();
  }

  @Override
  public int size() {
    if (length > Integer.MAX_VALUE) {
      throw new EvalException("range has too many elements (" + length + ") for this operation");
    }
    return (int) length;
  }

  @Override
  public Object get(int i) {
    return start + i * step;
  }

  @Override
  public Object slice(Mutability mutability, int from, int to, int by) {
    long newStart = start + from * step;
    long newStop = start + to * step;
    long newStep = step * by;
    return new RangeValue(newStart, newStop, newStep);
  }

  @Override
  public boolean isHashable() {
    return false;
  }

  boolean contains(Object x) {
    if (!(x instanceof Long l)) {
      if (x instanceof Double d) {
        return d == Math.rint(d) && Math.abs(d) < 0x1p63 && contains(d.longValue());
      }
      if (x instanceof java.math.BigInteger) {
        return false;
      }
      throw new EvalException("'in <range>' requires an int as left operand, not "
          + Starlark.type(x));
    }
    long v = l;
    if (step > 0 ? (v < start || v >= stop) : (v > start || v <= stop)) {
      return false;
    }
    return (v - start) % step == 0;
  }

  @Override
  public Iterator<Object> iterator() {
    return new Iterator<>() {
      long i;

      @Override
      public boolean hasNext() {
        return i < length;
      }

      @Override
      public Object next() {
        if (i >= length) {
          throw new NoSuchElementException();
        }
        return start + (i++) * step;
      }
    };
  }

  @Override
  public String type() {
    return "range";
  }

  @Override
  public void repr(Printer out) {
    out.append("range(");
    if (start != 0 || step != 1) {
      out.append(Long.toString(start)).append(", ");
    }
    out.append(Long.toString(stop));
    if (step != 1) {
      out.append(", ").append(Long.toString(step));
    }
    out.append(')');
  }

  @Override
  public boolean truth() {
    return length > 0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RangeValue r) || r.length != length) {
      return false;
    }
    return length == 0 || (r.start == start && (length == 1 || r.step == step));
  }

  @Override
  public int hashCode() {
    return Long.hashCode(length);
  }
}
