package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;

/**
 * The operations on two longs that cannot fail, computed without leaving the evaluator. Each
 * returns null when the result needs more than a long (or the operation could fail), which sends
 * the operands to {@link Operators#binary}, where every case is handled. Most arithmetic of a
 * compute-heavy program takes this path.
 */
final class LongArithmetic {
  private LongArithmetic() {}

  /** Boxed ints from -128 to 32767, made once: loop counters and indices need no allocation. */
  private static final Long[] SMALL_INTS = new Long[32768 + 128];

  static {
    for (int i = 0; i < SMALL_INTS.length; i++) {
      SMALL_INTS[i] = (long) (i - 128);
    }
  }

  static Long box(long v) {
    return v >= -128 && v < 32768 ? SMALL_INTS[(int) v + 128] : Long.valueOf(v);
  }

  static Long add(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? null : box(r);
  }

  static Long subtract(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? null : box(r);
  }

  static Long multiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? box(lo) : null;
  }

  /** Python's {@code %}; a divisor that is not positive goes the long way (zero fails there). */
  static Long mod(long a, long b) {
    return b > 0 ? box(Math.floorMod(a, b)) : null;
  }

  static Long floorDivide(long a, long b) {
    return b > 0 ? box(Math.floorDiv(a, b)) : null;
  }

  /** Any binary operator on two longs, or null (see the class comment). */
  static Object apply(Operator op, long a, long b) {
    switch (op) {
      case PLUS:
        return add(a, b);
      case MINUS:
        return subtract(a, b);
      case STAR:
        return multiply(a, b);
      case PERCENT:
        return mod(a, b);
      case SLASH_SLASH:
        return floorDivide(a, b);
      case EQUALS:
        return a == b;
      case NOT_EQUALS:
        return a != b;
      case LESS:
        return a < b;
      case LESS_EQUALS:
        return a <= b;
      case GREATER:
        return a > b;
      case GREATER_EQUALS:
        return a >= b;
      case AMPERSAND:
        return a & b;
      case PIPE:
        return a | b;
      case CARET:
        return a ^ b;
      default:
        return null;
    }
  }
}
