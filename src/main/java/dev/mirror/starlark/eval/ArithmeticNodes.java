package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;

/**
 * Arithmetic on two longs computed in place ({@link LongArithmetic}); any other operands, or a
 * result beyond a long, go to {@link Operators#binary}. The {@code ...Constant} nodes have an
 * int literal on the right, as in {@code i + 1} or {@code n % 2}.
 *
 * <p>One class per operator, repeating one shape on purpose: each call site stays monomorphic and
 * the JIT inlines the arithmetic.
 */
final class ArithmeticNodes {
  private ArithmeticNodes() {}

  static final class Add extends BinaryNodes.Binary {
    Add(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.PLUS, left, right);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        Long r = LongArithmetic.add(a, b);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x, y);
    }
  }

  static final class Subtract extends BinaryNodes.Binary {
    Subtract(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.MINUS, left, right);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        Long r = LongArithmetic.subtract(a, b);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x, y);
    }
  }

  static final class Multiply extends BinaryNodes.Binary {
    Multiply(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.STAR, left, right);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        Long r = LongArithmetic.multiply(a, b);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x, y);
    }
  }

  static final class Mod extends BinaryNodes.Binary {
    Mod(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.PERCENT, left, right);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        Long r = LongArithmetic.mod(a, b);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x, y);
    }
  }

  static final class FloorDivide extends BinaryNodes.Binary {
    FloorDivide(int offset, ExprNode left, ExprNode right) {
      super(offset, Operator.SLASH_SLASH, left, right);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        Long r = LongArithmetic.floorDivide(a, b);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x, y);
    }
  }

  static final class AddConstant extends BinaryNodes.WithConstant {
    AddConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.PLUS, left, c);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        Long r = LongArithmetic.add(a, c);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x);
    }
  }

  static final class SubtractConstant extends BinaryNodes.WithConstant {
    SubtractConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.MINUS, left, c);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        Long r = LongArithmetic.subtract(a, c);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x);
    }
  }

  static final class ModConstant extends BinaryNodes.WithConstant {
    ModConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.PERCENT, left, c);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        Long r = LongArithmetic.mod(a, c);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x);
    }
  }

  static final class FloorDivideConstant extends BinaryNodes.WithConstant {
    FloorDivideConstant(int offset, ExprNode left, Long c) {
      super(offset, Operator.SLASH_SLASH, left, c);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      if (x instanceof Long a) {
        Long r = LongArithmetic.floorDivide(a, c);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x);
    }
  }
}
