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
  /**
   * The number of arguments that bind by position alone, one to a parameter, when the function
   * has no {@code *args}, {@code **kwargs} or keyword-only parameters; else -1.
   */
  final int plainArity;

  StarlarkFunction(Function code, Module module, Object[] defaults, Cell[] freeCells,
      StmtNode body) {
    this.code = code;
    this.module = module;
    this.defaults = defaults;
    this.freeCells = freeCells;
    this.body = body;
    boolean plain = !code.hasVarargs() && !code.hasKwargs() && code.numKeywordOnly() == 0;
    this.plainArity = plain ? code.numPositional() : -1;
  }

  @Override
  public String name() {
    return code.name();
  }

  /** Binds the arguments in a new frame, counts a step and runs the body there. */
  @Override
  public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
    checkRecursion(thread);
    thread.step();
    Object[] locals = newLocals();
    ArgumentBinder.bind(code.name(), code.parameterNames(), defaults, 0, code.numPositional(),
        code.hasVarargs(), code.hasKwargs(), positional, named, thread.mutability(), locals);
    return run(thread, locals);
  }

  /**
   * Calls with {@link #plainArity} arguments already in the first slots of {@code locals} (from
   * {@link #newLocals}), as a call site fills them without an argument array or the binder.
   */
  Object callBound(StarlarkThread thread, Object[] locals) {
    checkRecursion(thread);
    thread.step();
    return run(thread, locals);
  }

  Object[] newLocals() {
    return new Object[code.locals().size()];
  }

  private void checkRecursion(StarlarkThread thread) {
    if (!thread.dialect().recursion() && thread.isActive(code)) {
      throw new EvalException("function '" + code.name() + "' called recursively (recursion is"
          + " allowed in the pants dialect only)");
    }
  }

  private Object run(StarlarkThread thread, Object[] locals) {
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
    } catch (OutOfMemoryError e) {
      EvalException error = EvalException.outOfMemory(e);
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
