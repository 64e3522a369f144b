package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Function;

/** A function defined in Starlark by {@code def} or {@code lambda}: code plus its environment. */
public final class StarlarkFunction implements StarlarkCallable {
  final Function code;
  final Module module;
  final Object[] defaults;
  final Cell[] freeCells;

  StarlarkFunction(Function code, Module module, Object[] defaults, Cell[] freeCells) {
    this.code = code;
    this.module = module;
    this.defaults = defaults;
    this.freeCells = freeCells;
  }

  @Override
  public String name() {
    return code.name();
  }

  @Override
  public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
    return Eval.callFunction(thread, this, positional, named);
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
