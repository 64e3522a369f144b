package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;
import java.math.BigInteger;

/**
 * Operators. The frequent binary operators have a node each that computes two longs in place;
 * everything else, and every operand type but long, goes to {@link Operators#binary} after the
 * operator's position is recorded.
 */
final class OperatorNodes {
  private OperatorNodes() {}

  /** The node for {@code left op right}, other than {@code and} and {@code or}. */
  static ExprNode binary(int offset, Operator op, ExprNode left, ExprNode right) {
    if (right instanceof VariableNodes.Constant k && k.value instanceof Long c) {
      ExprNode node = withLongConstant(offset, op, left, c);
      if (node != null) {
        return node;
      }
    }
    return switch (op) {
      case PLUS -> new Add(offset, left, right);
      case MINUS -> new Subtract(offset, left, right);
      case STAR -> new Multiply(offset, left, right);
      case PERCENT -> new Mod(offset, left, right);
      case SLASH_SLASH -> new FloorDivide(offset, left, right);
      case EQUALS -> new Equal(offset, left, right);
      case NOT_EQUALS -> new NotEqual(offset, left, right);
      case LESS -> new Less(offset, left, right);
      case LESS_EQUALS -> new LessEqual(offset, left, right);
      case GREATER -> new Greater(offset, left, right);
      case GREATER_EQUALS -> new GreaterEqual(offset, left, right);
      default -> new Generic(offset, op, left, right);
    };
  }

  /**
   * {@code x op c} for an int literal c, as in {@code i + 1}, {@code n % 2} or {@code x == 0}: one
   * operand to evaluate and unbox. Null for the operators that have no such node.
   */
  private static ExprNode withLongConstant(int offset, Operator op, ExprNode left, Long c) {
    return switch (op) {
      case PLUS -> new AddConstant(offset, left, c);
      case MINUS -> new SubtractConstant(offset, left, c);
      case PERCENT -> c > 0 ? new ModConstant(offset, left, c) : null;
      case SLASH_SLASH -> c > 0 ? new FloorDivideConstant(offset, left, c) : null;
      case EQUALS -> new EqualConstant(offset, left, c);
      case NOT_EQUALS -> new NotEqualConstant(offset, left, c);
      case LESS -> new LessConstant(offset, left, c);
      case LESS_EQUALS -> new LessEqualConstant(offset, left, c);
      case GREATER -> new GreaterConstant(offset, left, c);
      case GREATER_EQUALS -> new GreaterEqualConstant(offset, left, c);
      default -> null;
    };
  }

  /** An operand and an int literal: the general case gets the literal's boxed value. */
  private abstract static class WithConstant extends ExprNode {
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

  private static final class AddConstant extends WithConstant {
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

  private static final class SubtractConstant extends WithConstant {
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

  private static final class ModConstant extends WithConstant {
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

  private static final class FloorDivideConstant extends WithConstant {
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

  private static final class EqualConstant extends WithConstant {
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

  private static final class NotEqualConstant extends WithConstant {
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

  private static final class LessConstant extends WithConstant {
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

  private static final class LessEqualConstant extends WithConstant {
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

  private static final class GreaterConstant extends WithConstant {
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

  private static final class GreaterEqualConstant extends WithConstant {
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

  /** Two operands, evaluated left to right, and the general case of the operator. */
  private abstract static class Binary extends ExprNode {
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

  private static final class Add extends Binary {
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

  private static final class Subtract extends Binary {
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

  private static final class Multiply extends Binary {
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

  private static final class Mod extends Binary {
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

  private static final class FloorDivide extends Binary {
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

  private static final class Equal extends Binary {
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

  private static final class NotEqual extends Binary {
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

  private static final class Less extends Binary {
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

  private static final class LessEqual extends Binary {
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

  private static final class Greater extends Binary {
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

  private static final class GreaterEqual extends Binary {
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
