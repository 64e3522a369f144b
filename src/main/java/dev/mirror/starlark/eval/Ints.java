package dev.mirror.starlark.eval;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Arithmetic on Starlark ints (Long, or BigInteger beyond 64 bits) and mixed int/float operands.
 * The fast path stays in longs and moves to BigInteger only on overflow.
 */
final class Ints {
  private Ints() {}


  /** The most digits {@code int(string)} converts, as Python's default limit. */
  static final int MAX_DIGITS = 4300;

  /** The largest shift allowed, so that {@code 1 << n} cannot exhaust memory. */
  static final int MAX_SHIFT = 1 << 20;

  static Object normalize(BigInteger b) {
    int bits = b.bitLength();
    if (bits < 64) {
      return b.longValue();
    }
    if (bits > Limits.MAX_INT_BITS) {
      throw new EvalException("int too large: " + bits + " bits (at most " + Limits.MAX_INT_BITS
          + ")");
    }
    return b;
  }

  static BigInteger toBig(Object x) {
    if (x instanceof Long l) {
      return BigInteger.valueOf(l);
    }
    if (x instanceof Double d) {
      return new BigDecimal(d).toBigInteger();
    }
    return (BigInteger) x;
  }

  static double toDouble(Object x) {
    if (x instanceof Double d) {
      return d;
    }
    if (x instanceof Long l) {
      return l;
    }
    double d = ((BigInteger) x).doubleValue();
    if (Double.isInfinite(d)) {
      throw new EvalException("int too large to convert to float");
    }
    return d;
  }

  static Object add(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long r = x + y;
      if (((x ^ r) & (y ^ r)) < 0) {
        return normalize(BigInteger.valueOf(x).add(BigInteger.valueOf(y)));
      }
      return r;
    }
    return normalize(toBig(a).add(toBig(b)));
  }

  static Object subtract(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long r = x - y;
      if (((x ^ y) & (x ^ r)) < 0) {
        return normalize(BigInteger.valueOf(x).subtract(BigInteger.valueOf(y)));
      }
      return r;
    }
    return normalize(toBig(a).subtract(toBig(b)));
  }

  static Object multiply(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long hi = Math.multiplyHigh(x, y);
      long lo = x * y;
      if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
        return lo;
      }
      return normalize(BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)));
    }
    return normalize(toBig(a).multiply(toBig(b)));
  }

  static Object floorDivide(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      if (y == 0) {
        throw new EvalException("integer division by zero");
      }
      if (x == Long.MIN_VALUE && y == -1) {
        return normalize(BigInteger.valueOf(x).negate());
      }
      return Math.floorDiv(x, y);
    }
    BigInteger y = toBig(b);
    if (y.signum() == 0) {
      throw new EvalException("integer division by zero");
    }
    BigInteger[] qr = toBig(a).divideAndRemainder(y);
    BigInteger q = qr[0];
    if (qr[1].signum() != 0 && (qr[1].signum() != y.signum())) {
      q = q.subtract(BigInteger.ONE);
    }
    return normalize(q);
  }

  static Object modulo(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      if (y == 0) {
        throw new EvalException("integer modulo by zero");
      }
      if (y == -1) {
        return 0L;
      }
      return Math.floorMod(x, y);
    }
    BigInteger y = toBig(b);
    if (y.signum() == 0) {
      throw new EvalException("integer modulo by zero");
    }
    BigInteger r = toBig(a).mod(y.abs());
    if (y.signum() < 0 && r.signum() != 0) {
      r = r.add(y);
    }
    return normalize(r);
  }

  static Object negate(Object a) {
    if (a instanceof Long x) {
      if (x == Long.MIN_VALUE) {
        return BigInteger.valueOf(x).negate();
      }
      return -x;
    }
    return normalize(((BigInteger) a).negate());
  }

  static Object and(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x & y;
    }
    return normalize(toBig(a).and(toBig(b)));
  }

  static Object or(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x | y;
    }
    return normalize(toBig(a).or(toBig(b)));
  }

  static Object xor(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x ^ y;
    }
    return normalize(toBig(a).xor(toBig(b)));
  }

  static Object not(Object a) {
    if (a instanceof Long x) {
      return ~x;
    }
    return normalize(((BigInteger) a).not());
  }

  static Object shiftLeft(Object a, Object b) {
    int n = shiftCount(b);
    if (a instanceof Long x && n < 63) {
      long r = x << n;
      if ((r >> n) == x) {
        return r;
      }
    }
    if (n > MAX_SHIFT) {
      throw new EvalException("shift count too large: " + b);
    }
    return normalize(toBig(a).shiftLeft(n));
  }

  static Object shiftRight(Object a, Object b) {
    int n = shiftCount(b);
    if (a instanceof Long x) {
      return x >> Math.min(n, 63);
    }
    return normalize(toBig(a).shiftRight(n));
  }

  private static int shiftCount(Object b) {
    if (b instanceof Long n) {
      if (n < 0) {
        throw new EvalException("negative shift count: " + n);
      }
      return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) (long) n;
    }
    if (((BigInteger) b).signum() < 0) {
      throw new EvalException("negative shift count: " + b);
    }
    return Integer.MAX_VALUE;
  }

  /** Compares two numbers (int or float) exactly. NaN equals NaN and sorts above everything. */
  static int compareNumbers(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      // Double.compare orders NaN above everything and equal to itself, as the spec wants.
      return Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
    }
    if (a instanceof Double x) {
      return -compareIntFloat(b, x);
    }
    if (b instanceof Double y) {
      return compareIntFloat(a, y);
    }
    return toBig(a).compareTo(toBig(b));
  }

  private static int compareIntFloat(Object i, double d) {
    if (Double.isNaN(d)) {
      return -1;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? -1 : 1;
    }
    if (i instanceof Long l && Math.abs(l) < (1L << 53)) {
      return Double.compare((double) l, d == 0.0 ? 0.0 : d);
    }
    return new BigDecimal(toBig(i)).compareTo(new BigDecimal(d));
  }

  /** Parses an int literal as {@code int(s, base)} does; returns null when malformed. */
  static Object parse(String s, int base) {
    String t = s.strip().replace("_", "");
    if (!s.strip().equals(s) || s.contains("__") || s.startsWith("_") || s.endsWith("_")) {
      // Whitespace and misplaced underscores are not accepted.
      if (!s.strip().equals(s)) {
        return null;
      }
    }
    boolean negative = false;
    if (t.startsWith("+") || t.startsWith("-")) {
      negative = t.startsWith("-");
      t = t.substring(1);
    }
    String lower = t.toLowerCase();
    int detected = 10;
    if (lower.startsWith("0x")) {
      detected = 16;
    } else if (lower.startsWith("0o")) {
      detected = 8;
    } else if (lower.startsWith("0b")) {
      detected = 2;
    }
    if (detected != 10) {
      if (base == 0 || base == detected) {
        base = detected;
        t = t.substring(2);
      } else if (!(base > detected && Character.digit(lower.charAt(1), base) >= 0)) {
        return null;
      }
    } else if (base == 0) {
      if (t.length() > 1 && t.charAt(0) == '0' && !t.chars().allMatch(c -> c == '0')) {
        return null; // 0-prefixed decimal is ambiguous
      }
      base = 10;
    }
    if (t.isEmpty()) {
      return null;
    }
    if (t.length() > MAX_DIGITS) {
      // As Python: converting a long digit string is quadratic, so its length is bounded.
      throw new EvalException("int: string of " + t.length() + " digits is too long (at most "
          + MAX_DIGITS + ")");
    }
    for (int i = 0; i < t.length(); i++) {
      if (Character.digit(t.charAt(i), base) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(t, base);
    return normalize(negative ? v.negate() : v);
  }
}
