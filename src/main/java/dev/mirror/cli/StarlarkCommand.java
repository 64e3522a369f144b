package dev.mirror.cli;

import dev.mirror.starlark.eval.Assertions;
import dev.mirror.starlark.eval.ConfinedFiles;
import dev.mirror.starlark.eval.EvalException;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.eval.TestFile;
import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.SourceDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mirror starlark FILE...}: evaluates Starlark files, for macro authors and conformance. */
@Command(
    name = "starlark",
    mixinStandardHelpOptions = true,
    description = {
        "Evaluates Starlark files, each on its own. print() writes to stdout; an error prints its",
        "location and traceback to stderr. Exits 1 when any file failed.",
        "",
        "With --assertions a file may be a test file: chunks separated by '---' lines each run",
        "alone, and a line ending in ### \"regex\" expects an error matching it on that line."})
final class StarlarkCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Option(names = "--dialect", defaultValue = "pants", paramLabel = "pants|starlark",
      description = "The language: 'pants' (BUILD files and prelude macros, the default) or"
          + " 'starlark' (the spec as written).")
  String dialect;

  @Option(names = "--assertions",
      description = "Predeclare assert_eq, assert_ne, assert_true and assert_fails.")
  boolean assertions;

  @Option(names = "--max-steps", defaultValue = "10000000000", paramLabel = "N",
      description = "Stop a file after N loop iterations and calls (default: ${DEFAULT-VALUE}).")
  long maxSteps;

  @Option(names = "--max-depth", defaultValue = "1000", paramLabel = "N",
      description = "The deepest the call stack may grow (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to evaluate; - reads stdin.")
  List<String> files;

  /** Evaluation gets its own thread with a large stack, so deep recursion meets the call limit. */
  private static final long STACK_SIZE = 512L << 20;

  @Override
  public Integer call() throws InterruptedException {
    int[] exit = {ExitCodes.FAILED}; // unless evaluateAll returns
    Throwable[] failure = new Throwable[1];
    Thread worker = new Thread(null, () -> {
      try {
        exit[0] = evaluateAll();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "starlark", STACK_SIZE);
    worker.start();
    worker.join();
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    return exit[0];
  }

  private int evaluateAll() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Dialect chosen;
    try {
      chosen = Dialect.named(dialect);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path cwd = main.invocation().workingDirectory();
    Map<Path, Map<String, Object>> loaded = new HashMap<>();
    List<Path> loading = new ArrayList<>();
    Interpreter.Builder builder = Interpreter.builder()
        .dialect(chosen)
        .maxSteps(maxSteps)
        .maxCallDepth(maxDepth)
        .printHandler(line -> {
          out.println(line);
          out.flush();
        })
        .warningHandler((loc, msg) -> err.println(loc + ": warning: " + msg))
        .fileAccess(new ConfinedFiles(cwd, "the current directory"));
    if (assertions) {
      builder.predeclareAll(Assertions.builtins());
    }
    Interpreter[] self = new Interpreter[1];
    builder.loader((module, from) -> load(self[0], cwd, module, from, loaded, loading));
    Interpreter interpreter = builder.build();
    self[0] = interpreter;
    boolean failed = false;
    int passedChunks = 0, failedChunks = 0, testFiles = 0;
    for (String file : files) {
      String name = file.equals("-") ? "<stdin>" : file;
      try {
        String text = SourceDecoder.decode(file.equals("-")
            ? System.in.readAllBytes()
            : Files.readAllBytes(cwd.resolve(file)));
        if (assertions && TestFile.looksLikeTestFile(text)) {
          int[] counts = runTestFile(TestFile.parse(name, text, chosen), builder, err);
          out.println(name + ": " + counts[0] + " passed, " + counts[1] + " failed");
          passedChunks += counts[0];
          failedChunks += counts[1];
          testFiles++;
          failed |= counts[1] > 0;
          continue;
        }
        interpreter.exec(name, text);
      } catch (IOException e) {
        err.println(file + ": error: cannot read: " + e.getMessage());
        failed = true;
      } catch (SourceDecoder.NotUtf8Exception e) {
        err.println(name + ":" + e.line() + ": error: " + e.getMessage());
        failed = true;
      } catch (StarlarkException e) {
        err.print(e.render());
        failed = true;
      } catch (Error e) {
        // The interpreter turns running out of stack or heap into a StarlarkException; anything
        // else is a bug of ours, but it fails this file only.
        err.println(name + ": error: " + e);
        failed = true;
      }
      out.flush();
      err.flush();
    }
    if (testFiles > 1) {
      out.println(passedChunks + " passed, " + failedChunks + " failed");
    }
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Runs each chunk of a test file; prints the failures; returns {passed, failed}. */
  private static int[] runTestFile(TestFile test, Interpreter.Builder builder, PrintWriter err) {
    Map<Dialect, Interpreter> byDialect = new HashMap<>();
    int passed = 0, failedCount = 0;
    for (TestFile.Chunk chunk : test.chunks()) {
      String failure;
      try {
        failure = TestFile.run(chunk,
            d -> byDialect.computeIfAbsent(d, x -> builder.dialect(x).build()));
      } catch (Error e) {
        failure = chunk.label() + ": error: " + e;
      }
      if (failure == null) {
        passed++;
      } else {
        failedCount++;
        err.println(failure.stripTrailing());
      }
    }
    return new int[] {passed, failedCount};
  }

  /** Resolves {@code load("x.star", ...)} relative to the loading file; each file loads once. */
  private static Map<String, Object> load(Interpreter interpreter, Path cwd, String module,
      String from, Map<Path, Map<String, Object>> loaded, List<Path> loading)
      throws StarlarkException {
    Path base = from.equals("<stdin>") ? cwd : cwd.resolve(from).getParent();
    Path path = base.resolve(module.startsWith("//") ? module.substring(2) : module).normalize();
    Map<String, Object> cached = loaded.get(path);
    if (cached != null) {
      return cached;
    }
    if (loading.contains(path)) {
      throw new EvalException("cycle in load graph: " + module + " is already being loaded");
    }
    String text;
    try {
      text = SourceDecoder.decode(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new EvalException("load: cannot read " + module + ": " + e.getMessage());
    } catch (SourceDecoder.NotUtf8Exception e) {
      throw new EvalException("load: " + module + " is not valid UTF-8 text (line " + e.line()
          + ", byte " + e.byteOffset() + ")");
    }
    loading.add(path);
    try {
      Map<String, Object> globals = interpreter.exec(module, text).globals();
      loaded.put(path, globals);
      return globals;
    } finally {
      loading.remove(path);
    }
  }
}
