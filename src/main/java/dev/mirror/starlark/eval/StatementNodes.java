package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Operator;
import dev.mirror.spelling.Spelling;
import java.util.Map;

/**
 * Statements other than loops. Each records its position in the frame first, which is where an
 * error inside it is reported unless a node nearer the cause records its own.
 */
final class StatementNodes {
  private StatementNodes() {}

  /** An expression evaluated for its effect. */
  static final class Expression extends StmtNode {
    private final int offset;
    private final ExprNode expression;

    Expression(int offset, ExprNode expression) {
      this.offset = offset;
      this.expression = expression;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      expression.eval(fr);
      return NORMAL;
    }
  }

  /** {@code x = value} where x is a local: the most common assignment. */
  static final class AssignLocal extends StmtNode {
    private final int offset;
    private final int slot;
    private final ExprNode value;

    AssignLocal(int offset, int slot, ExprNode value) {
      this.offset = offset;
      this.slot = slot;
      this.value = value;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      fr.locals[slot] = value.eval(fr);
      return NORMAL;
    }
  }

  /** {@code target = value} for any other target. */
  static final class Assign extends StmtNode {
    private final int offset;
    private final AssignTarget target;
    private final ExprNode value;

    Assign(int offset, AssignTarget target, ExprNode value) {
      this.offset = offset;
      this.target = target;
      this.value = value;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      Object v = value.eval(fr);
      fr.offset = offset;
      target.assign(fr, v);
      return NORMAL;
    }
  }

  /**
   * {@code x op= y}: lists, dicts and sets are updated in place, as in Python; a frozenset is
   * replaced by a new one.
   */
  static Object augmented(Frame fr, Operator op, Object x, Object y) {
    if (x instanceof Long lx && y instanceof Long ly) {
      Object r = LongArithmetic.apply(op, lx, ly);
      if (r != null) {
        return r;
      }
    }
    if (x instanceof StarlarkSet set && !(x instanceof StarlarkSet.Frozen)
        && y instanceof StarlarkSet && (op == Operator.PIPE || op == Operator.AMPERSAND
            || op == Operator.MINUS || op == Operator.CARET)) {
      set.checkMutable();
      set.replaceWith((StarlarkSet) Operators.binary(op, x, y, fr.thread));
      return set;
    }
    if (op == Operator.PLUS && x instanceof StarlarkList list) {
      list.checkMutable();
      Object[] add = Methods.toArray(y, fr.thread);
      list.addAll(add, add.length);
      return list;
    }
    if (op == Operator.PIPE && x instanceof Dict d && y instanceof Dict other) {
      d.checkMutable();
      d.update(other, null, fr.thread, "|=");
      return d;
    }
    return Operators.binary(op, x, y, fr.thread);
  }

  /** {@code n += y} on a local: two longs are added here. */
  static final class AddToLocal extends StmtNode {
    private final int offset;
    private final ExprNode variable;
    private final int slot;
    private final ExprNode value;

    AddToLocal(int offset, ExprNode variable, int slot, ExprNode value) {
      this.offset = offset;
      this.variable = variable;
      this.slot = slot;
      this.value = value;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      Object old = variable.eval(fr);
      Object y = value.eval(fr);
      if (old instanceof Long a && y instanceof Long b) {
        Long r = LongArithmetic.add(a, b);
        if (r != null) {
          fr.locals[slot] = r;
          return NORMAL;
        }
      }
      fr.offset = offset;
      fr.locals[slot] = augmented(fr, Operator.PLUS, old, y);
      return NORMAL;
    }
  }

  /** {@code x op= y} on any variable. */
  static final class AugmentVariable extends StmtNode {
    private final int offset;
    private final Operator op;
    private final ExprNode variable;
    private final AssignTarget target;
    private final ExprNode value;

    AugmentVariable(int offset, Operator op, ExprNode variable, AssignTarget target, ExprNode value) {
      this.offset = offset;
      this.op = op;
      this.variable = variable;
      this.target = target;
      this.value = value;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      Object old = variable.eval(fr);
      Object y = value.eval(fr);
      fr.offset = offset;
      target.assign(fr, augmented(fr, op, old, y));
      return NORMAL;
    }
  }

  /** {@code object[key] op= y}: object and key are evaluated once. */
  static final class AugmentIndex extends StmtNode {
    private final int offset;
    private final Operator op;
    private final ExprNode object;
    private final ExprNode key;
    private final int indexOffset;
    private final ExprNode value;

    AugmentIndex(int offset, Operator op, ExprNode object, ExprNode key, int indexOffset,
        ExprNode value) {
      this.offset = offset;
      this.op = op;
      this.object = object;
      this.key = key;
      this.indexOffset = indexOffset;
      this.value = value;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      Object o = object.eval(fr);
      Object k = key.eval(fr);
      fr.offset = indexOffset;
      Object old = Operators.index(o, k, fr.thread);
      Object y = value.eval(fr);
      fr.offset = offset;
      Operators.setIndex(o, k, augmented(fr, op, old, y));
      return NORMAL;
    }
  }

  /** {@code object.name op= y}. */
  static final class AugmentField extends StmtNode {
    private final int offset;
    private final Operator op;
    private final ExprNode object;
    private final String name;
    private final int dotOffset;
    private final ExprNode value;

    AugmentField(int offset, Operator op, ExprNode object, String name, int dotOffset,
        ExprNode value) {
      this.offset = offset;
      this.op = op;
      this.object = object;
      this.name = name;
      this.dotOffset = dotOffset;
      this.value = value;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      Object o = object.eval(fr);
      fr.offset = dotOffset;
      Object old = Operators.getAttr(fr.thread, o, name);
      Object y = value.eval(fr);
      fr.offset = offset;
      AssignTarget.setAttr(o, name, augmented(fr, op, old, y));
      return NORMAL;
    }
  }

  /** An augmented assignment to a target the resolver let through that cannot take one. */
  static final class InvalidAugment extends StmtNode {
    private final int offset;

    InvalidAugment(int offset) {
      this.offset = offset;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      throw new EvalException("cannot perform augmented assignment here");
    }
  }

  /** {@code if}; an {@code elif} chain is nested in the else branch. */
  static final class If extends StmtNode {
    private final int offset;
    private final ExprNode condition;
    private final StmtNode then;
    private final StmtNode otherwise;

    If(int offset, ExprNode condition, StmtNode then, StmtNode otherwise) {
      this.offset = offset;
      this.condition = condition;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      return condition.test(fr) ? then.exec(fr) : otherwise.exec(fr);
    }
  }

  static final class Return extends StmtNode {
    private final int offset;
    private final ExprNode value; // null for a bare return

    Return(int offset, ExprNode value) {
      this.offset = offset;
      this.value = value;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      fr.result = value == null ? Starlark.NONE : value.eval(fr);
      return RETURN;
    }
  }

  /** {@code break}, {@code continue} or {@code pass}: the code it returns. */
  static final class Flow extends StmtNode {
    private final int offset;
    private final int code;

    Flow(int offset, int code) {
      this.offset = offset;
      this.code = code;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      return code;
    }
  }

  /** {@code load("module", "a", b="c")}. */
  static final class Load extends StmtNode {
    private final int offset;
    private final String module;
    private final String[] originals;
    private final int[] offsets;
    private final AssignTarget[] locals;

    Load(int offset, String module, String[] originals, int[] offsets, AssignTarget[] locals) {
      this.offset = offset;
      this.module = module;
      this.originals = originals;
      this.offsets = offsets;
      this.locals = locals;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      Interpreter interpreter = fr.thread.interpreter();
      Map<String, Object> loaded =
          interpreter.load(module, fr.module.program().locations().file());
      for (int i = 0; i < originals.length; i++) {
        String original = originals[i];
        fr.offset = offsets[i];
        if (original.startsWith("_")) {
          throw new EvalException("load: symbol '" + original + "' is private to module '"
              + module + "'");
        }
        Object value = loaded.get(original);
        if (value == null) {
          String suggestion = Spelling.closest(original, loaded.keySet());
          throw new EvalException("load: module '" + module + "' has no symbol '" + original + "'"
              + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
        }
        locals[i].assign(fr, value);
      }
      return NORMAL;
    }
  }

  /** {@code assert condition[, message]} (Pants dialect). */
  static final class Assert extends StmtNode {
    private final int offset;
    private final ExprNode condition;
    private final ExprNode message; // may be null

    Assert(int offset, ExprNode condition, ExprNode message) {
      this.offset = offset;
      this.condition = condition;
      this.message = message;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      if (!condition.test(fr)) {
        String text = message == null ? "" : Starlark.str(message.eval(fr));
        fr.offset = offset;
        throw new EvalException(text.isEmpty() ? "AssertionError" : "AssertionError: " + text);
      }
      return NORMAL;
    }
  }

  /** {@code raise [exception]} (Pants dialect). */
  static final class Raise extends StmtNode {
    private final int offset;
    private final ExprNode exception; // null to re-raise, which has nothing to re-raise

    Raise(int offset, ExprNode exception) {
      this.offset = offset;
      this.exception = exception;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      if (exception == null) {
        throw new EvalException("RuntimeError: No active exception to reraise");
      }
      Object value = exception.eval(fr);
      fr.offset = offset;
      if (value instanceof PythonClasses.ExceptionType type) {
        value = type.instantiate(Tuple.EMPTY);
      }
      if (value instanceof PythonClasses.ExceptionValue e) {
        throw new EvalException(e.message());
      }
      throw new EvalException("TypeError: exceptions must derive from BaseException, not "
          + Starlark.type(value));
    }
  }
}
