package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.FileLocations;
import dev.mirror.starlark.syntax.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state of one evaluation: the call stack, the step and depth budgets, the print and warning
 * handlers, and the embedder's per-evaluation values. Confined to the thread that runs it.
 */
public final class StarlarkThread {

  /** One Starlark frame of a call stack, as tracebacks show it, with its line of source. */
  public record FrameInfo(String function, Location location, String sourceLine) {}

  /**
   * A frame under way: its function, the file it runs in, and where it is. Frames link to their
   * caller, so a call costs no list operation; the evaluator's frame extends this one, so a call
   * allocates one frame object.
   */
  static class Frame {
    final String function;
    final FileLocations locations;
    final Object code;
    int offset;
    Frame parent;

    Frame(String function, FileLocations locations, Object code, int offset) {
      this.function = function;
      this.locations = locations;
      this.code = code;
      this.offset = offset;
    }
  }

  private final Mutability mutability;
  private final Dialect dialect;
  private final Interpreter interpreter;
  private final Consumer<String> printHandler;
  private final long maxSteps;
  private final int maxDepth;
  private final Map<Class<?>, Object> locals = new HashMap<>();
  private Frame top;
  private int depth;
  long steps;

  StarlarkThread(Interpreter interpreter, Mutability mutability, Dialect dialect,
      Consumer<String> printHandler, long maxSteps, int maxDepth) {
    this.interpreter = interpreter;
    this.mutability = mutability;
    this.dialect = dialect;
    this.printHandler = printHandler;
    this.maxSteps = maxSteps;
    this.maxDepth = maxDepth;
  }

  public Mutability mutability() {
    return mutability;
  }

  public Dialect dialect() {
    return dialect;
  }

  Interpreter interpreter() {
    return interpreter;
  }

  void print(String message) {
    printHandler.accept(message);
  }

  private java.util.function.BiConsumer<Location, String> warningHandler;

  /** Routes this evaluation's warnings (a dict literal's duplicate key) to {@code handler}. */
  public void setWarningHandler(java.util.function.BiConsumer<Location, String> handler) {
    this.warningHandler = handler;
  }

  void warn(Location location, String message) {
    if (warningHandler != null) {
      warningHandler.accept(location, message);
    } else {
      interpreter.warn(location, message);
    }
  }

  /** Stores an embedder value for this evaluation, found again by its class. */
  public <T> void setThreadLocal(Class<T> key, T value) {
    locals.put(key, value);
  }

  public <T> T getThreadLocal(Class<T> key) {
    return key.cast(locals.get(key));
  }

  /** Counts one unit of work (a loop iteration or a call) against the budget. */
  void step() {
    if (++steps > maxSteps) {
      throw new EvalException("Starlark computation cancelled: too many steps (limit "
          + maxSteps + ")");
    }
  }

  /** Makes {@code f} the innermost frame. */
  void push(Frame f) {
    if (depth >= maxDepth) {
      throw new EvalException("maximum recursion depth exceeded (" + maxDepth + " calls)");
    }
    f.parent = top;
    top = f;
    depth++;
  }

  void pop() {
    top = top.parent;
    depth--;
  }

  /** Whether the code of a function is already running (for the spec's no-recursion rule). */
  boolean isActive(Object code) {
    for (Frame f = top; f != null; f = f.parent) {
      if (f.code == code) {
        return true;
      }
    }
    return false;
  }

  /** The Starlark frames under way, outermost first, each at its current position. */
  public List<FrameInfo> callStack() {
    List<Frame> frames = new ArrayList<>(depth);
    for (Frame f = top; f != null; f = f.parent) {
      frames.add(f);
    }
    java.util.Collections.reverse(frames);
    List<FrameInfo> out = new ArrayList<>(depth);
    for (Frame f : frames) {
      Location loc = f.locations.at(f.offset);
      out.add(new FrameInfo(f.function, loc, f.locations.lineText(loc.line())));
    }
    return out;
  }
}
