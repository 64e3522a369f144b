package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Function;

/** A function defined in Starlark by {@code def} or {@code lambda}: code plus its environment. */
public final class StarlarkFunction implements StarlarkCallable {
  final Function code;
  final Module module;
  final Object[] defaults;
  final Cell[] freeCells;
  /** The compiled body, shared by every function made from the same definition. */
  private final StmtNode body;

  StarlarkFunction(Function code, Module module, Object[] defaults, Cell[] freeCells,
      StmtNode body) {
    this.code = code;
    this.module = module;
    this.defaults = defaults;
    this.freeCells = freeCells;
    this.body = body;
  }

  @Override
  public String name() {
    return code.name();
  }

  /** Binds the arguments in a new frame, counts a step and runs the body there. */
  @Override
  public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
    if (!thread.dialect().recursion() && thread.isActive(code)) {
      throw new EvalException("function '" + code.name() + "' called recursively (recursion is"
          + " allowed in the pants dialect only)");
    }
    thread.step();
    Object[] locals = new Object[code.locals().size()];
    ArgumentBinder.bind(code.name(), code.parameterNames(), defaults, 0, code.numPositional(),
        code.hasVarargs(), code.hasKwargs(), positional, named, thread.mutability(), locals);
    for (int i : code.cellIndices()) {
      locals[i] = new Cell(locals[i]);
    }
    Frame fr = new Frame(thread, module, this, locals, code.name(), code, code.offset());
    thread.push(fr);
    try {
      body.exec(fr);
      return fr.result;
    } catch (EvalException e) {
      e.attachCallStack(thread);
      throw e;
    } catch (StackOverflowError e) {
      // The Java stack ran out before the call-depth limit: report it like that limit.
      EvalException error = new EvalException("maximum recursion depth exceeded (the Java stack"
          + " is too small for this program's recursion)");
      error.attachCallStack(thread);
      throw error;
    } finally {
      thread.pop();
    }
  }

  @Override
  public String type() {
    return "function";
  }

  @Override
  public void repr(Printer out) {
    out.append("<function ").append(code.name()).append('>');
  }
}
