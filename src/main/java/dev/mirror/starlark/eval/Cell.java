package dev.mirror.starlark.eval;

/** A variable shared between a function and the inner functions that capture it. */
final class Cell {
  Object value;

  Cell(Object value) {
    this.value = value;
  }
}
