package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;
import java.math.BigInteger;

/** {@code and}, {@code or}, {@code not}, the other unary operators, and {@code x if c else y}. */
final class OperatorNodes {
  private OperatorNodes() {}

  /** {@code x and y}: y only when x is true; the value is x or y, not a bool. */
  static final class And extends ExprNode {
    private final ExprNode left;
    private final ExprNode right;

    And(int offset, ExprNode left, ExprNode right) {
      super(offset);
      this.left = left;
      this.right = right;
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      return Starlark.truth(x) ? right.eval(fr) : x;
    }

    @Override
    boolean test(Frame fr) {
      return left.test(fr) && right.test(fr);
    }
  }

  /** {@code x or y}: y only when x is false. */
  static final class Or extends ExprNode {
    private final ExprNode left;
    private final ExprNode right;

    Or(int offset, ExprNode left, ExprNode right) {
      super(offset);
      this.left = left;
      this.right = right;
    }

    @Override
    Object eval(Frame fr) {
      Object x = left.eval(fr);
      return Starlark.truth(x) ? x : right.eval(fr);
    }

    @Override
    boolean test(Frame fr) {
      return left.test(fr) || right.test(fr);
    }
  }

  static final class Not extends ExprNode {
    private final ExprNode operand;

    Not(int offset, ExprNode operand) {
      super(offset);
      this.operand = operand;
    }

    @Override
    Object eval(Frame fr) {
      return test(fr);
    }

    @Override
    boolean test(Frame fr) {
      boolean x = operand.test(fr);
      fr.offset = offset;
      return !x;
    }
  }

  /** {@code -x}, {@code +x}, {@code ~x}. */
  static final class Unary extends ExprNode {
    private final Operator op;
    private final String operator;
    private final ExprNode operand;

    Unary(int offset, Operator op, String operator, ExprNode operand) {
      super(offset);
      this.op = op;
      this.operator = operator;
      this.operand = operand;
    }

    @Override
    Object eval(Frame fr) {
      Object x = operand.eval(fr);
      fr.offset = offset;
      switch (op) {
        case MINUS:
          if (x instanceof Long || x instanceof BigInteger) {
            return Ints.negate(x);
          }
          if (x instanceof Double d) {
            return -d;
          }
          break;
        case PLUS:
          if (x instanceof Long || x instanceof BigInteger || x instanceof Double) {
            return x;
          }
          break;
        case TILDE:
          if (x instanceof Long || x instanceof BigInteger) {
            return Ints.not(x);
          }
          break;
        default:
          break;
      }
      throw new EvalException("unsupported unary operation: " + operator + Starlark.type(x));
    }
  }

  /** {@code then if condition else otherwise}. */
  static final class Conditional extends ExprNode {
    private final ExprNode condition;
    private final ExprNode then;
    private final ExprNode otherwise;

    Conditional(int offset, ExprNode condition, ExprNode then, ExprNode otherwise) {
      super(offset);
      this.condition = condition;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    Object eval(Frame fr) {
      return condition.test(fr) ? then.eval(fr) : otherwise.eval(fr);
    }
  }
}
