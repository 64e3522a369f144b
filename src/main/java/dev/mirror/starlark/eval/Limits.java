package dev.mirror.starlark.eval;

/**
 * Bounds on the size of values, so that no program can exhaust the JVM's memory or spend
 * minutes on one operation: a clear error instead. They are far above anything a BUILD file
 * or macro needs.
 */
final class Limits {
  private Limits() {}

  /** The longest string (in chars) an operation may make. */
  static final int MAX_STRING = 1 << 26;

  /** The most elements a list, tuple or other collection may get from one operation. */
  static final int MAX_ELEMENTS = 1 << 25;

  /** The largest int, in bits (about 315,000 decimal digits). */
  static final int MAX_INT_BITS = 1 << 20;

  /** The widest field or highest precision of a format spec. */
  static final int MAX_FORMAT_WIDTH = 10_000;

  /** The largest file {@code open()} may read, in bytes. */
  static final int MAX_FILE_SIZE = 16 << 20;

  /**
   * The deepest a value may nest (lists in lists, and so on) for the operations that walk it:
   * printing, comparing, hashing, converting to Java. They recurse, so a deeper value, easily
   * built by a loop, would overflow the Java stack; it is an error instead.
   */
  static final int MAX_NESTING = 1000;

  static void checkString(long length) {
    if (length > MAX_STRING) {
      throw new EvalException("string too large: " + length + " characters (at most "
          + MAX_STRING + ")");
    }
  }

  /** Refuses to go into a value {@code depth} levels inside the one the operation began with. */
  static void checkNesting(int depth, String verb) {
    if (depth >= MAX_NESTING) {
      throw new EvalException("cannot " + verb + " a value nested more than " + MAX_NESTING
          + " levels deep");
    }
  }

  static void checkElements(long count) {
    if (count > MAX_ELEMENTS) {
      throw new EvalException("too many elements: " + count + " (at most " + MAX_ELEMENTS + ")");
    }
  }
}
