package dev.mirror.starlark.eval;

/** A value a {@code for} loop can iterate over. */
public interface StarlarkIterable extends StarlarkValue, Iterable<Object> {}
