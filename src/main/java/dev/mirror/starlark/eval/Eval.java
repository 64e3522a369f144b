package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Function;

/** Where evaluation starts: a file's compiled top level, or a call from Java. */
final class Eval {
  private Eval() {}

  static void execModule(StarlarkThread thread, Module module, StmtNode code) {
    Function toplevel = module.program().toplevel();
    Frame fr = new Frame(thread, module, null, Frame.newLocals(toplevel), "<toplevel>", toplevel,
        0);
    thread.push(fr);
    try {
      code.exec(fr);
    } catch (EvalException e) {
      e.attachCallStack(thread);
      throw e;
    } catch (StackOverflowError e) {
      EvalException error = EvalException.stackOverflow();
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

  static Object call(StarlarkThread thread, Object fn, Object[] positional, Object[] named) {
    return CallNodes.call(thread, fn, positional, named);
  }
}
