package dev.mirror.starlark.eval;

/** Reads of variables, one node per scope the resolver found, and constants. */
final class VariableNodes {
  private VariableNodes() {}

  private static EvalException unboundLocal(Frame fr, int offset, String name) {
    fr.offset = offset;
    return new EvalException("local variable '" + name + "' referenced before assignment");
  }

  /** A local variable: one array read. */
  static final class Local extends ExprNode {
    private final int slot;
    private final String name;

    Local(int offset, int slot, String name) {
      super(offset);
      this.slot = slot;
      this.name = name;
    }

    @Override
    Object eval(Frame fr) {
      Object v = fr.locals[slot];
      if (v == null) {
        throw unboundLocal(fr, offset, name);
      }
      return v;
    }
  }

  /** A local variable captured by an inner function, so kept in a cell. */
  static final class CellLocal extends ExprNode {
    private final int slot;
    private final String name;

    CellLocal(int offset, int slot, String name) {
      super(offset);
      this.slot = slot;
      this.name = name;
    }

    @Override
    Object eval(Frame fr) {
      Object v = ((Cell) fr.locals[slot]).value;
      if (v == null) {
        throw unboundLocal(fr, offset, name);
      }
      return v;
    }
  }

  /** A variable of an enclosing function, in a cell the function captured. */
  static final class Free extends ExprNode {
    private final int index;
    private final String name;

    Free(int offset, int index, String name) {
      super(offset);
      this.index = index;
      this.name = name;
    }

    @Override
    Object eval(Frame fr) {
      Object v = fr.function.freeCells[index].value;
      if (v == null) {
        throw unboundLocal(fr, offset, name);
      }
      return v;
    }
  }

  static final class Global extends ExprNode {
    private final int index;
    private final String name;

    Global(int offset, int index, String name) {
      super(offset);
      this.index = index;
      this.name = name;
    }

    @Override
    Object eval(Frame fr) {
      Object v = fr.module.globals[index];
      if (v == null) {
        fr.offset = offset;
        throw new EvalException("global variable '" + name + "' referenced before assignment");
      }
      return v;
    }
  }

  /** A predeclared or universal name: its value was fixed when the module was made. */
  static final class Predeclared extends ExprNode {
    private final int index;

    Predeclared(int offset, int index) {
      super(offset);
      this.index = index;
    }

    @Override
    Object eval(Frame fr) {
      Object v = fr.module.predeclared[index];
      return v instanceof LateBound late ? late.get() : v;
    }
  }

  /** A string, int or float literal. */
  static final class Constant extends ExprNode {
    final Object value;

    Constant(int offset, Object value) {
      super(offset);
      this.value = value;
    }

    @Override
    Object eval(Frame fr) {
      return value;
    }
  }

  /** A bytes literal: a new value each time, as the evaluator has always made it. */
  static final class BytesLiteral extends ExprNode {
    private final byte[] value;

    BytesLiteral(int offset, byte[] value) {
      super(offset);
      this.value = value;
    }

    @Override
    Object eval(Frame fr) {
      return Bytes.of(value);
    }
  }
}
