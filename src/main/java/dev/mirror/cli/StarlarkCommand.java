package dev.mirror.cli;

import dev.mirror.starlark.eval.Assertions;
import dev.mirror.starlark.eval.EvalException;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.syntax.Dialect;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
        "location and traceback to stderr. Exits 1 when any file failed."})
final class StarlarkCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dialect", defaultValue = "pants", paramLabel = "pants|starlark",
      description = "The language: 'pants' (BUILD files and prelude macros, the default) or"
          + " 'starlark' (the spec as written).")
  String dialect;

  @Option(names = "--assertions",
      description = "Predeclare assert_eq, assert_ne, assert_true and assert_fails.")
  boolean assertions;

  @Option(names = "--debug", description = "Show Java stack traces of internal errors.")
  boolean debug;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to evaluate; - reads stdin.")
  List<String> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Dialect chosen;
    try {
      chosen = Dialect.named(dialect);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path cwd = Path.of("").toAbsolutePath();
    Map<Path, Map<String, Object>> loaded = new HashMap<>();
    List<Path> loading = new ArrayList<>();
    Interpreter.Builder builder = Interpreter.builder()
        .dialect(chosen)
        .printHandler(line -> {
          out.println(line);
          out.flush();
        })
        .warningHandler((loc, msg) -> err.println(loc + ": warning: " + msg))
        .fileAccess(path -> readInside(cwd, path));
    if (assertions) {
      builder.predeclareAll(Assertions.builtins());
    }
    Interpreter[] self = new Interpreter[1];
    builder.loader((module, from) -> load(self[0], module, from, loaded, loading));
    Interpreter interpreter = builder.build();
    self[0] = interpreter;
    boolean failed = false;
    for (String file : files) {
      try {
        String text = file.equals("-")
            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(file));
        String name = file.equals("-") ? "<stdin>" : file;
        interpreter.exec(name, text);
      } catch (IOException e) {
        err.println(file + ": error: cannot read: " + e.getMessage());
        failed = true;
      } catch (StarlarkException e) {
        err.print(e.render());
        failed = true;
      }
      out.flush();
      err.flush();
    }
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Resolves {@code load("x.star", ...)} relative to the loading file; each file loads once. */
  private static Map<String, Object> load(Interpreter interpreter, String module, String from,
      Map<Path, Map<String, Object>> loaded, List<Path> loading) throws StarlarkException {
    Path base = from.equals("<stdin>") ? Path.of("") : Path.of(from).toAbsolutePath().getParent();
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
      text = Files.readString(path);
    } catch (IOException e) {
      throw new EvalException("load: cannot read " + module + ": " + e.getMessage());
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

  private static String readInside(Path root, String path) {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root)) {
      throw new EvalException("open: " + path + " is outside the current directory");
    }
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new EvalException("open: cannot read " + path + ": " + e.getMessage());
    }
  }
}
