package dev.mirror.starlark.eval;

import java.util.Collection;

/** A value with attributes ({@code x.name}), such as an embedder's object or a class instance. */
public interface Structure extends StarlarkValue {
  /** Returns the attribute, or null when there is none. */
  Object getAttr(String name) throws EvalException;

  /**
   * Returns the attribute, or null; for values whose attributes depend on the evaluation (an
   * embedder's per-file state). The interpreter calls this one.
   */
  default Object getAttr(StarlarkThread thread, String name) throws EvalException {
    return getAttr(name);
  }

  /** The attribute names, for {@code dir()} and for "did you mean" suggestions. */
  Collection<String> attrNames();

  /** Sets an attribute; values that do not allow it throw. */
  default void setAttr(String name, Object value) throws EvalException {
    throw new EvalException(type() + " value does not support field assignment");
  }
}
