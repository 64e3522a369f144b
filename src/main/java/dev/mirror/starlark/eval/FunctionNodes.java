package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Binding;
import dev.mirror.starlark.syntax.Function;

/** {@code def}, {@code lambda} and {@code class}: each makes a value from compiled code. */
final class FunctionNodes {
  private FunctionNodes() {}

  /**
   * Makes a function from its compiled body: evaluates the defaults and captures the cells of the
   * enclosing variables it uses. A {@code lambda} is this node; a {@code def} stores its value.
   */
  static final class MakeFunction extends ExprNode {
    final Function code;
    final StmtNode body;
    /** Per parameter slot, the default's node, or null for none. */
    private final ExprNode[] defaults;
    /** Per free variable: its slot in the enclosing frame (a cell) or in the enclosing closure. */
    private final int[] freeIndices;
    private final boolean[] freeInFrame;

    MakeFunction(int offset, Function code, StmtNode body, ExprNode[] defaults) {
      super(offset);
      this.code = code;
      this.body = body;
      this.defaults = defaults;
      int n = code.freeVars().size();
      this.freeIndices = new int[n];
      this.freeInFrame = new boolean[n];
      for (int i = 0; i < n; i++) {
        Binding b = code.freeVars().get(i);
        freeIndices[i] = b.index();
        freeInFrame[i] = b.scope() == Binding.Scope.CELL;
      }
    }

    @Override
    StarlarkFunction eval(Frame fr) {
      Object[] values = new Object[defaults.length];
      for (int i = 0; i < defaults.length; i++) {
        if (defaults[i] != null) {
          values[i] = defaults[i].eval(fr);
        }
      }
      Cell[] cells = new Cell[freeIndices.length];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = freeInFrame[i]
            ? (Cell) fr.locals[freeIndices[i]]
            : fr.function.freeCells[freeIndices[i]];
      }
      return new StarlarkFunction(code, fr.module, values, cells, body);
    }
  }

  /** {@code def name(...): ...}. */
  static final class Def extends StmtNode {
    private final int offset;
    private final AssignTarget name;
    private final MakeFunction function;

    Def(int offset, AssignTarget name, MakeFunction function) {
      this.offset = offset;
      this.name = name;
      this.function = function;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      name.assign(fr, function.eval(fr));
      return NORMAL;
    }
  }

  /**
   * {@code class Name: body} (Pants dialect): the body runs once in its own frame, as a function
   * would, and the variables it binds become the class's attributes.
   */
  static final class ClassDef extends StmtNode {
    private final int offset;
    private final String className;
    private final AssignTarget name;
    /** The body as a function of no parameters, which gives it the cells it captures. */
    private final MakeFunction body;

    ClassDef(int offset, String className, AssignTarget name, MakeFunction body) {
      this.offset = offset;
      this.className = className;
      this.name = name;
      this.body = body;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      StarlarkFunction bodyFn = body.eval(fr);
      Function code = body.code;
      Object[] locals = Frame.newLocals(code);
      Frame classFrame =
          new Frame(fr.thread, fr.module, bodyFn, locals, code.name(), code, offset);
      fr.thread.push(classFrame);
      try {
        body.body.exec(classFrame);
      } catch (EvalException e) {
        e.attachCallStack(fr.thread);
        throw e;
      } finally {
        fr.thread.pop();
      }
      Dict attrs = new Dict(fr.thread.mutability());
      for (Binding b : code.locals()) {
        Object v = locals[b.index()];
        if (v instanceof Cell cell) {
          v = cell.value;
        }
        if (v != null) {
          attrs.putUnchecked(b.name(), v);
        }
      }
      name.assign(fr, new PythonClasses.ClassValue(className, attrs));
      return NORMAL;
    }
  }
}
