package dev.mirror.starlark.eval;

/**
 * A value that can be called. Arguments arrive as positional values and keyword arguments as a
 * flat array of name, value pairs, so a call allocates no maps.
 */
public interface StarlarkCallable extends StarlarkValue {
  Object call(StarlarkThread thread, Object[] positional, Object[] named) throws EvalException;

  String name();
}
