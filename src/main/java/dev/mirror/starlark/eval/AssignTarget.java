package dev.mirror.starlark.eval;

/**
 * The left side of an assignment, a loop's variables or a loaded name, compiled: stores a value.
 */
abstract class AssignTarget {
  abstract void assign(Frame fr, Object value);

  static final class Local extends AssignTarget {
    final int slot;

    Local(int slot) {
      this.slot = slot;
    }

    @Override
    void assign(Frame fr, Object value) {
      fr.locals[slot] = value;
    }
  }

  static final class CellLocal extends AssignTarget {
    private final int slot;

    CellLocal(int slot) {
      this.slot = slot;
    }

    @Override
    void assign(Frame fr, Object value) {
      ((Cell) fr.locals[slot]).value = value;
    }
  }

  static final class Free extends AssignTarget {
    private final int index;

    Free(int index) {
      this.index = index;
    }

    @Override
    void assign(Frame fr, Object value) {
      fr.function.freeCells[index].value = value;
    }
  }

  static final class Global extends AssignTarget {
    private final int index;

    Global(int index) {
      this.index = index;
    }

    @Override
    void assign(Frame fr, Object value) {
      fr.module.globals[index] = value;
    }
  }

  /** A predeclared or universal name, which cannot be assigned. */
  static final class ReadOnly extends AssignTarget {
    private final String name;

    ReadOnly(String name) {
      this.name = name;
    }

    @Override
    void assign(Frame fr, Object value) {
      throw new EvalException("cannot assign to '" + name + "'");
    }
  }

  /** {@code object[key] = value}. */
  static final class Index extends AssignTarget {
    private final ExprNode object;
    private final ExprNode key;
    private final int offset;

    Index(ExprNode object, ExprNode key, int offset) {
      this.object = object;
      this.key = key;
      this.offset = offset;
    }

    @Override
    void assign(Frame fr, Object value) {
      Object o = object.eval(fr);
      Object k = key.eval(fr);
      fr.offset = offset;
      Operators.setIndex(o, k, value);
    }
  }

  /** {@code object.name = value}. */
  static final class Field extends AssignTarget {
    private final ExprNode object;
    private final String name;
    private final int offset;

    Field(ExprNode object, String name, int offset) {
      this.object = object;
      this.name = name;
      this.offset = offset;
    }

    @Override
    void assign(Frame fr, Object value) {
      Object o = object.eval(fr);
      fr.offset = offset;
      setAttr(o, name, value);
    }
  }

  static void setAttr(Object object, String name, Object value) {
    if (object instanceof Structure s) {
      s.setAttr(name, value);
      return;
    }
    throw new EvalException("'" + Starlark.type(object) + "' value does not support field"
        + " assignment");
  }

  /** {@code a, b = value} or {@code [a, b] = value}, nested to any depth. */
  static final class Unpack extends AssignTarget {
    private final AssignTarget[] targets;
    private final int offset;

    Unpack(AssignTarget[] targets, int offset) {
      this.targets = targets;
      this.offset = offset;
    }

    @Override
    void assign(Frame fr, Object value) {
      Object[] values;
      if (value instanceof Tuple t) {
        values = t.elems;
      } else if (value instanceof StarlarkList l) {
        values = l.toArray();
      } else {
        fr.offset = offset;
        try {
          values = Methods.toArray(value, fr.thread);
        } catch (EvalException e) {
          throw new EvalException("got '" + Starlark.type(value) + "' in sequence assignment");
        }
      }
      if (values.length != targets.length) {
        fr.offset = offset;
        throw new EvalException(values.length > targets.length
            ? "too many values to unpack (got " + values.length + ", want " + targets.length + ")"
            : "not enough values to unpack (got " + values.length + ", want " + targets.length
                + ")");
      }
      for (int i = 0; i < values.length; i++) {
        targets[i].assign(fr, values[i]);
      }
    }
  }

  /** An expression the resolver let through that cannot be assigned. */
  static final class Invalid extends AssignTarget {
    @Override
    void assign(Frame fr, Object value) {
      throw new EvalException("cannot assign to this expression");
    }
  }
}
