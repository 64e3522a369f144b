package dev.mirror.starlark.eval;

import java.util.List;

/**
 * An error during evaluation. Builtins throw it with a message only; the interpreter attaches the
 * Starlark call stack as it leaves the innermost Starlark function, so the message never has to
 * say where it happened.
 */
public final class EvalException extends RuntimeException {
  private List<StarlarkThread.FrameInfo> callStack;

  public EvalException(String message) {
    super(message, null, false, false);
  }

  public EvalException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** Formats a message the way {@link String#format} does. */
  public static EvalException of(String format, Object... args) {
    return new EvalException(String.format(format, args));
  }

  /** The Starlark frames, outermost first, at the moment the error happened; null until known. */
  public List<StarlarkThread.FrameInfo> callStack() {
    return callStack;
  }

  /** Records the thread's call stack, unless an inner frame already did. */
  void attachCallStack(StarlarkThread thread) {
    if (callStack == null) {
      callStack = List.copyOf(thread.callStack());
    }
  }
}
