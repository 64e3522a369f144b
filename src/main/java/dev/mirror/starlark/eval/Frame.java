package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Function;

/**
 * The activation of a Starlark function, a file's top level or a class body: its local slots and
 * the value it returns. Nodes read and write it; its offset (inherited) is where it is.
 */
final class Frame extends StarlarkThread.Frame {
  final StarlarkThread thread;
  final Module module;
  /** The function running here, whose captured cells free variables read; null at top level. */
  final StarlarkFunction function;
  final Object[] locals;
  Object result = Starlark.NONE;

  Frame(StarlarkThread thread, Module module, StarlarkFunction function, Object[] locals,
      String name, Function code, int offset) {
    super(name, module.program().locations(), code, offset);
    this.thread = thread;
    this.module = module;
    this.function = function;
    this.locals = locals;
  }

  /** A new frame's local slots: empty, but for the cells of captured variables. */
  static Object[] newLocals(Function code) {
    Object[] locals = new Object[code.locals().size()];
    for (int i : code.cellIndices()) {
      locals[i] = new Cell(null);
    }
    return locals;
  }
}
