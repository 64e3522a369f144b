package dev.mirror.starlark.robustness;

import dev.mirror.starlark.eval.Assertions;
import dev.mirror.starlark.eval.BuiltinFunction;
import dev.mirror.starlark.eval.EvalException;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.Starlark;
import dev.mirror.starlark.eval.StarlarkCallable;
import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.syntax.Dialect;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs untrusted Starlark text and classifies what happened. The only acceptable results are
 * success and {@link StarlarkException}; any other {@link Throwable} escaping
 * {@link Interpreter#exec} is a crash, and an evaluation still running after the time limit is a
 * hang (its thread is stopped and the stack where it was spinning is reported).
 *
 * <p>Every crash and hang is also remembered per distinct signature (exception type and the first
 * interpreter frame), keeping the shortest input seen; {@link #writeFindings} reduces each of them
 * further and writes them to {@code target/robustness-findings/}.
 *
 * <p>System properties: {@code robustness.timeoutMs} (default 10000) bounds one evaluation;
 * {@code robustness.explore=true} records crashes without failing the property, so that one run
 * collects every distinct failure instead of stopping at the first.
 */
final class Harness {
  private Harness() {}

  static final long TIMEOUT_MS = Long.getLong("robustness.timeoutMs", 10_000L);
  static final boolean EXPLORE = Boolean.getBoolean("robustness.explore");

  static final long MAX_STEPS = 100_000;
  static final int MAX_CALL_DEPTH = 200;

  /**
   * {@code probe(fn)} calls {@code fn()} and returns its result, or None if it failed with an
   * evaluation error, so that one generated program can go on after an expression fails.
   */
  static final BuiltinFunction PROBE = BuiltinFunction.of("probe", "fn, /", (thread, args) -> {
    if (!(args[0] instanceof StarlarkCallable fn)) {
      throw new EvalException("probe: want a function, got " + Starlark.type(args[0]));
    }
    try {
      return fn.call(thread, new Object[0], new Object[0]);
    } catch (EvalException e) {
      return Starlark.NONE;
    }
  });

  private static final Map<Dialect, Interpreter> INTERPRETERS = new ConcurrentHashMap<>();

  static Interpreter interpreter(Dialect dialect) {
    return INTERPRETERS.computeIfAbsent(dialect, d -> Interpreter.builder()
        .dialect(d)
        .predeclareAll(Assertions.builtins())
        .predeclare("probe", PROBE)
        .maxSteps(MAX_STEPS)
        .maxCallDepth(MAX_CALL_DEPTH)
        .printHandler(s -> {})
        .build());
  }

  // ---- outcomes ----

  sealed interface Outcome permits Ok, Failed, Crash, Hang {
    /** A short label for statistics. */
    String label();

    default boolean isBug() {
      return this instanceof Crash || this instanceof Hang;
    }
  }

  record Ok(long millis) implements Outcome {
    public String label() {
      return "ok";
    }
  }

  record Failed(StarlarkException error, long millis) implements Outcome {
    public String label() {
      return error.kind() == StarlarkException.Kind.SYNTAX ? "syntax error" : "runtime error";
    }
  }

  record Crash(Throwable error) implements Outcome {
    public String label() {
      return "CRASH " + error.getClass().getSimpleName();
    }
  }

  record Hang(long millis, StackTraceElement[] where) implements Outcome {
    public String label() {
      return "HANG";
    }
  }

  /** Evaluates {@code text} on a fresh thread, giving up (and stopping it) after the limit. */
  static Outcome run(Dialect dialect, String text, long timeoutMs) {
    return run(dialect, text, timeoutMs, 0);
  }

  /** As {@link #run(Dialect, String, long)}, on a thread with this stack size (0: the JVM's). */
  static Outcome run(Dialect dialect, String text, long timeoutMs, long stackSize) {
    Interpreter interpreter = interpreter(dialect);
    Outcome[] result = new Outcome[1];
    long start = System.nanoTime();
    Thread worker = new Thread(null, () -> {
      try {
        interpreter.exec("fuzz.star", text);
        result[0] = new Ok(millisSince(start));
      } catch (StarlarkException e) {
        result[0] = new Failed(e, millisSince(start));
      } catch (ThreadDeath stopped) {
        // stopped after the time limit; the caller reports the hang
      } catch (Throwable t) {
        result[0] = new Crash(t);
      }
    }, "starlark-fuzz", stackSize);
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(worker);
      throw new AssertionError("interrupted", e);
    }
    if (worker.isAlive()) {
      StackTraceElement[] where = worker.getStackTrace();
      stop(worker);
      return new Hang(millisSince(start), where);
    }
    Outcome o = result[0];
    return o != null ? o : new Crash(new IllegalStateException("evaluation produced no result"));
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread worker) {
    // A runaway evaluation cannot be interrupted; Thread.stop (still available in Java 17) keeps a
    // hang from burning a core for the rest of the suite.
    worker.stop();
    try {
      worker.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * Evaluates {@code text} and fails (unless exploring) if anything but success or a
   * StarlarkException came out; the message holds the input and the stack trace.
   */
  static Outcome check(String test, Dialect dialect, String text) {
    Outcome o = run(dialect, text, TIMEOUT_MS);
    if (o.isBug()) {
      record(test, dialect, text, o);
      if (!EXPLORE) {
        AssertionError failure = new AssertionError(describe(dialect, text, o));
        if (o instanceof Crash c) {
          failure.initCause(c.error());
        }
        throw failure;
      }
    }
    return o;
  }

  static String describe(Dialect dialect, String text, Outcome o) {
    StringBuilder sb = new StringBuilder();
    if (o instanceof Crash c) {
      sb.append("exec threw ").append(c.error()).append(" (not a StarlarkException)");
    } else if (o instanceof Hang h) {
      sb.append("exec did not finish within ").append(h.millis()).append(" ms (hang)");
    } else {
      sb.append(o.label());
    }
    sb.append(" in the ").append(dialect).append(" dialect, for this input (")
        .append(text.length()).append(" chars):\n")
        .append("----8<----\n").append(abbreviate(text)).append("\n----8<----\n")
        .append("as a Java string: ").append(javaString(abbreviate(text))).append('\n');
    sb.append(stack(o, 25));
    return sb.toString();
  }

  static String stack(Outcome o, int frames) {
    StackTraceElement[] trace;
    if (o instanceof Crash c) {
      trace = c.error().getStackTrace();
    } else if (o instanceof Hang h) {
      trace = h.where();
    } else {
      return "";
    }
    StringBuilder sb = new StringBuilder(o instanceof Crash c ? c.error().toString() + "\n"
        : "stack of the running evaluation when it was stopped:\n");
    for (int i = 0; i < Math.min(frames, trace.length); i++) {
      sb.append("\tat ").append(trace[i]).append('\n');
    }
    if (trace.length > frames) {
      sb.append("\t... ").append(trace.length - frames).append(" more\n");
    }
    return sb.toString();
  }

  /**
   * What makes two failures the same bug: the exception type and the innermost frame of the
   * interpreter (for a hang, the innermost interpreter frame where it was spinning).
   */
  static String signature(Outcome o) {
    if (o instanceof Crash c) {
      return c.error().getClass().getName() + " at " + firstInterpreterFrame(c.error().getStackTrace());
    }
    if (o instanceof Hang h) {
      return "HANG at " + firstInterpreterFrame(h.where());
    }
    return o.label();
  }

  private static String firstInterpreterFrame(StackTraceElement[] trace) {
    for (StackTraceElement e : trace) {
      if (e.getClassName().startsWith("dev.mirror.starlark.")
          && !e.getClassName().startsWith("dev.mirror.starlark.robustness.")) {
        return e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":"
            + e.getLineNumber() + ")";
      }
    }
    return trace.length > 0 ? trace[0].toString() : "<no stack>";
  }

  // ---- findings ----

  record Finding(String test, String signature, Dialect dialect, String input, Outcome outcome,
      int count) {}

  private static final Map<String, Finding> FINDINGS = new ConcurrentHashMap<>();

  static void record(String test, Dialect dialect, String text, Outcome o) {
    String sig = signature(o);
    FINDINGS.merge(sig, new Finding(test, sig, dialect, text, o, 1), (old, neu) -> {
      Finding keep = neu.input().length() < old.input().length() ? neu : old;
      return new Finding(keep.test(), sig, keep.dialect(), keep.input(), keep.outcome(),
          old.count() + 1);
    });
  }

  /**
   * Reduces the shortest input of each distinct finding of {@code test} (keeping its signature),
   * writes them to {@code target/robustness-findings/<test>.txt} and prints them.
   */
  static void writeFindings(String test) {
    writeFindings(test, true);
  }

  /** As {@link #writeFindings(String)}; {@code reduce} false keeps the inputs as they are. */
  static void writeFindings(String test, boolean reduce) {
    try {
      reduceAndWrite(test, reduce);
    } catch (Throwable t) { // reporting must never fail the suite
      System.err.println("could not reduce or write the findings of " + test + ": " + t);
    }
  }

  private static void reduceAndWrite(String test, boolean reduce) {
    List<Finding> mine = new ArrayList<>(FINDINGS.values().stream()
        .filter(f -> f.test().equals(test)).toList());
    if (mine.isEmpty()) {
      return;
    }
    mine.sort(Comparator.comparing(Finding::signature));
    StringBuilder sb = new StringBuilder();
    sb.append(mine.size()).append(" distinct failure(s) found by ").append(test).append("\n\n");
    long budgetEach = reduce ? Math.max(3_000, 30_000 / mine.size()) : 0;
    for (Finding f : mine) {
      boolean hang = f.outcome() instanceof Hang;
      // A candidate still "hangs" if it runs for 2 s (where it is stopped may vary).
      String reduced = !reduce ? f.input() : Reducer.reduce(f.input(), hang
          ? candidate -> run(f.dialect(), candidate, 2_000) instanceof Hang
          : candidate -> {
            Outcome o = run(f.dialect(), candidate, TIMEOUT_MS);
            return o.isBug() && signature(o).equals(f.signature());
          }, hang ? budgetEach * 3 : budgetEach);
      Outcome again = reduce ? run(f.dialect(), reduced, TIMEOUT_MS) : f.outcome();
      sb.append("== ").append(f.signature()).append("\n")
          .append("seen ").append(f.count()).append(" time(s); dialect ").append(f.dialect())
          .append("\nminimal input: ").append(javaString(reduced)).append("\n")
          .append("----8<----\n").append(abbreviate(reduced)).append("\n----8<----\n")
          .append(stack(again.isBug() ? again : f.outcome(), 12)).append('\n');
    }
    String report = sb.toString();
    System.out.println(report);
    try {
      Path dir = Path.of("target", "robustness-findings");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(test + ".txt"), report);
    } catch (IOException e) {
      System.err.println("could not write findings: " + e);
    }
  }

  // ---- text helpers ----

  static String abbreviate(String text) {
    if (text.length() <= 3_000) {
      return text;
    }
    return text.substring(0, 400) + "\n... [" + (text.length() - 600) + " chars left out] ...\n"
        + text.substring(text.length() - 200);
  }

  /** The text as a Java string literal, so that invisible characters can be seen and copied. */
  static String javaString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
