package dev.mirror.starlark.eval;

/** An indexable, sliceable sequence: list, tuple, range. */
interface Sequence extends StarlarkIterable, Starlark.Sized {
  Object get(int index);

  /** A new sequence of the same type with the elements at start, start+step, ... */
  Object slice(Mutability mutability, int start, int stop, int step);
}
