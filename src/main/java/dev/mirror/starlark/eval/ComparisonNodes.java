package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;

/**
 * Comparisons: two longs are compared in place and {@link ExprNode#test} gives the result without
 * a boxed Boolean; other operands go to {@link Starlark#equal} or {@link Operators#binary}. The
 * {@code ...Constant} nodes have an int literal on the right, as in {@code x == 0}.
 *
 * <p>The classes repeat one shape on purpose: one class per operator keeps each call site
 * monomorphic, so the JIT inlines the comparison (the evaluator that switched over node kinds
 * instead took 1.1–2x as long on bench/compute.star, BENCHMARKS.md).
 */
final class ComparisonNodes {
  private ComparisonNodes() {}

  static final class Equal extends BinaryNodes.Binary {
    Equal(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.EQUALS, left, right);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        return a.longValue() == b.longValue();
      }
      fr.offset = offset;
      return Starlark.equal(x, y);
    }
  }

  static final class NotEqual extends BinaryNodes.Binary {
    NotEqual(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.NOT_EQUALS, left, right);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        return a.longValue() != b.longValue();
      }
      fr.offset = offset;
      return !Starlark.equal(x, y);
    }
  }

  static final class Less extends BinaryNodes.Binary {
    Less(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.LESS, left, right);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        return a < b;
      }
      return (Boolean) general(fr, x, y);
    }
  }

  static final class LessEqual extends BinaryNodes.Binary {
    LessEqual(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.LESS_EQUALS, left, right);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        return a <= b;
      }
      return (Boolean) general(fr, x, y);
    }
  }

  static final class Greater extends BinaryNodes.Binary {
    Greater(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.GREATER, left, right);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        return a > b;
      }
      return (Boolean) general(fr, x, y);
    }
  }

  static final class GreaterEqual extends BinaryNodes.Binary {
    GreaterEqual(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.GREATER_EQUALS, left, right);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        return a >= b;
      }
      return (Boolean) general(fr, x, y);
    }
  }

  static final class EqualConstant extends BinaryNodes.WithConstant {
    EqualConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.EQUALS, left, c);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        return a == c;
      }
      fr.offset = offset;
      return Starlark.equal(x, boxed);
    }
  }

  static final class NotEqualConstant extends BinaryNodes.WithConstant {
    NotEqualConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.NOT_EQUALS, left, c);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        return a != c;
      }
      fr.offset = offset;
      return !Starlark.equal(x, boxed);
    }
  }

  static final class LessConstant extends BinaryNodes.WithConstant {
    LessConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.LESS, left, c);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        return a < c;
      }
      return (Boolean) general(fr, x);
    }
  }

  static final class LessEqualConstant extends BinaryNodes.WithConstant {
    LessEqualConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.LESS_EQUALS, left, c);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        return a <= c;
      }
      return (Boolean) general(fr, x);
    }
  }

  static final class GreaterConstant extends BinaryNodes.WithConstant {
    GreaterConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.GREATER, left, c);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        return a > c;
      }
      return (Boolean) general(fr, x);
    }
  }

  static final class GreaterEqualConstant extends BinaryNodes.WithConstant {
    GreaterEqualConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.GREATER_EQUALS, left, c);
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        return a >= c;
      }
      return (Boolean) general(fr, x);
    }
  }
}
