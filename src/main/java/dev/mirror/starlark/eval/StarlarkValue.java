package dev.mirror.starlark.eval;

/**
 * A value with Starlark behaviour implemented in Java. Embedders implement it to expose their own
 * objects; every method has the behaviour of an opaque, immutable, hashable value by default.
 */
public interface StarlarkValue {
  /** The name {@code type(x)} returns. */
  String type();

  /** Appends the {@code repr} of this value. */
  default void repr(Printer out) {
    out.append('<').append(type()).append('>');
  }

  /** Appends the {@code str} of this value; the repr unless overridden. */
  default void str(Printer out) {
    repr(out);
  }

  default boolean truth() {
    return true;
  }

  /** Whether the value may be a dict key or set element. */
  default boolean isHashable() {
    return true;
  }

  /** Whether the value can never change (frozen values count as immutable). */
  default boolean isImmutable() {
    return true;
  }
}
