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

  /**
   * The heap ran out while the program ran: its error, to be reported with the call stack like
   * any other, and not a JVM error that ends the evaluation's thread without saying where.
   */
  static EvalException outOfMemory(OutOfMemoryError e) {
    return new EvalException("out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage()
        + ")") + ": the program's values do not fit in the memory the JVM was given");
  }

  /** The Java stack ran out: the program recursed, or its values nest, too deeply. */
  static EvalException stackOverflow() {
    return new EvalException("Starlark stack overflow: the program recursed or nested too"
        + " deeply");
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
