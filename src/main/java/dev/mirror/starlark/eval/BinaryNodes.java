package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;

/**
 * Binary operators other than {@code and} and {@code or}: which node an operator and its operands
 * get, and what those nodes share. The frequent operators have a node each ({@link
 * ArithmeticNodes}, {@link ComparisonNodes}); the rest, and every operand type a node does not
 * handle itself, go to {@link Operators#binary} after the operator's position is recorded.
 */
final class BinaryNodes {
  private BinaryNodes() {}

  /** The node for {@code left op right}, other than {@code and} and {@code or}. */
  static ExprNode binary(int offset, Operator op, ExprNode left, ExprNode right) {
    if (right instanceof VariableNodes.Constant k && k.value instanceof Long c) {
      ExprNode node = withLongConstant(offset, op, left, c);
      if (node != null) {
        return node;
      }
    }
    return switch (op) {
      case PLUS -> new ArithmeticNodes.Add(offset, left, right);
      case MINUS -> new ArithmeticNodes.Subtract(offset, left, right);
      case STAR -> new ArithmeticNodes.Multiply(offset, left, right);
      case PERCENT -> new ArithmeticNodes.Mod(offset, left, right);
      case SLASH_SLASH -> new ArithmeticNodes.FloorDivide(offset, left, right);
      case EQUALS -> new ComparisonNodes.Equal(offset, left, right);
      case NOT_EQUALS -> new ComparisonNodes.NotEqual(offset, left, right);
      case LESS -> new ComparisonNodes.Less(offset, left, right);
      case LESS_EQUALS -> new ComparisonNodes.LessEqual(offset, left, right);
      case GREATER -> new ComparisonNodes.Greater(offset, left, right);
      case GREATER_EQUALS -> new ComparisonNodes.GreaterEqual(offset, left, right);
      default -> new Generic(offset, op, left, right);
    };
  }

  /**
   * {@code x op c} for an int literal c, as in {@code i + 1}, {@code n % 2} or {@code x == 0}: one
   * operand to evaluate and unbox. Null for the operators that have no such node.
   */
  private static ExprNode withLongConstant(int offset, Operator op, ExprNode left, Long c) {
    return switch (op) {
      case PLUS -> new ArithmeticNodes.AddConstant(offset, left, c);
      case MINUS -> new ArithmeticNodes.SubtractConstant(offset, left, c);
      case PERCENT -> c > 0 ? new ArithmeticNodes.ModConstant(offset, left, c) : null;
      case SLASH_SLASH -> c > 0 ? new ArithmeticNodes.FloorDivideConstant(offset, left, c) : null;
      case EQUALS -> new ComparisonNodes.EqualConstant(offset, left, c);
      case NOT_EQUALS -> new ComparisonNodes.NotEqualConstant(offset, left, c);
      case LESS -> new ComparisonNodes.LessConstant(offset, left, c);
      case LESS_EQUALS -> new ComparisonNodes.LessEqualConstant(offset, left, c);
      case GREATER -> new ComparisonNodes.GreaterConstant(offset, left, c);
      case GREATER_EQUALS -> new ComparisonNodes.GreaterEqualConstant(offset, left, c);
      default -> null;
    };
  }

  /** An operand and an int literal: the general case gets the literal's boxed value. */
  abstract static class WithConstant extends ExprNode {
    final Operator op;
    final ExprNode left;
    final Long boxed;
    final long c;

    WithConstant(int offset, Operator op, ExprNode left, Long c) {
      super(offset);
      this.op = op;
      this.left = left;
      this.boxed = c;
      this.c = c;
    }

    final Object general(Frame fr, Object x) {
      fr.offset = offset;
      return Operators.binary(op, x, boxed, fr.thread);
    }
  }

  /** Two operands, evaluated left to right, and the general case of the operator. */
  abstract static class Binary extends ExprNode {
    final Operator op;
    final ExprNode left;
    final ExprNode right;

    Binary(int offset, Operator op, ExprNode left, ExprNode right) {
      super(offset);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    final Object general(Frame fr, Object x, Object y) {
      fr.offset = offset;
      return Operators.binary(op, x, y, fr.thread);
    }
  }

  /** Any other binary operator: the bitwise ones on longs here, the rest in Operators. */
  private static final class Generic extends Binary {
    Generic(int offset, Operator op, ExprNode left, ExprNode right) {
      super(offset, op, left, right);
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      Object y = right.eval(fr);
      if (x instanceof Long a && y instanceof Long b) {
        Object r = LongArithmetic.apply(op, a, b);
        if (r != null) {
          return r;
        }
      }
      return general(fr, x, y);
    }
  }
}
