package dev.mirror.starlark.eval;

/**
 * An expression compiled for evaluation. Each node kind, and each common shape of operands, is
 * its own subclass, so that every {@code eval} is a small method the JIT compiles on its own
 * instead of one case of a large switch. Nodes are immutable (but for benign caches), so a
 * compiled program may run on many threads.
 */
abstract class ExprNode {
  /** Where the node is, for error positions: {@code fr.offset} is set to it before it can fail. */
  final int offset;

  ExprNode(int offset) {
    this.offset = offset;
  }

  abstract Object eval(Frame fr);

  /** The truth of the value; comparisons and {@code not} override it to skip the boxing. */
  boolean test(Frame fr) {
    return Starlark.truth(eval(fr));
  }
}
