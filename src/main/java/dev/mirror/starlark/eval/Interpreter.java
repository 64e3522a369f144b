package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Binding;
import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.FileLocations;
import dev.mirror.starlark.syntax.Location;
import dev.mirror.starlark.syntax.Program;
import dev.mirror.starlark.syntax.Resolver;
import dev.mirror.starlark.syntax.SyntaxError;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The embedding API: an immutable configuration (dialect, predeclared symbols, hooks, limits)
 * that evaluates files. One interpreter may evaluate many files on many threads at once; each
 * evaluation has its own thread state and its results are frozen when it ends.
 *
 * <pre>{@code
 * Interpreter interpreter = Interpreter.builder()
 *     .dialect(Dialect.PANTS)
 *     .predeclare("oci_mirror_image", BuiltinFunction.of("oci_mirror_image", "*, name, **kwargs", impl))
 *     .build();
 * Module module = interpreter.exec("BUILD", text);
 * }</pre>
 */
public final class Interpreter {

  /** Supplies the globals of a loaded module; {@code from} is the loading file's name. */
  @FunctionalInterface
  public interface Loader {
    Map<String, Object> load(String module, String from) throws StarlarkException, EvalException;
  }

  /**
   * Reads a file for {@code open(path).read()}, for the thread that asks (whose thread-locals
   * may note the read); throws EvalException to refuse.
   */
  @FunctionalInterface
  public interface FileAccess {
    String read(StarlarkThread thread, String path) throws EvalException;
  }

  /**
   * Gives a meaning to a name that is not defined (null keeps it an error). {@code use} tells
   * whether the file calls the name, or uses it as a key of a dict argument of a call.
   */
  @FunctionalInterface
  public interface UnknownNames {
    Object resolve(String name, Resolver.NameUse use);
  }

  private final Dialect dialect;
  private final Map<String, Object> predeclared;
  private final Map<String, Object> universe;
  private final UnknownNames unknownNames;
  private final Consumer<String> printHandler;
  private final BiConsumer<Location, String> warningHandler;
  private final Loader loader;
  private final FileAccess fileAccess;
  private final long maxSteps;
  private final int maxCallDepth;

  private Interpreter(Builder b) {
    this.dialect = b.dialect;
    this.predeclared = Map.copyOf(b.predeclared);
    this.universe = Universe.of(b.dialect);
    this.unknownNames = b.unknownNames;
    this.printHandler = b.printHandler;
    this.warningHandler = b.warningHandler;
    this.loader = b.loader;
    this.fileAccess = b.fileAccess;
    this.maxSteps = b.maxSteps;
    this.maxCallDepth = b.maxCallDepth;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * A file compiled against this interpreter's names, ready to run any number of times, on any
   * number of threads: its resolved syntax tree and the executable nodes made from it.
   */
  public static final class Compiled {
    private final Program program;
    private final Map<String, Object> resolvedUnknowns;
    private final StmtNode code;

    private Compiled(Program program, Map<String, Object> resolvedUnknowns) {
      this.program = program;
      this.resolvedUnknowns = resolvedUnknowns;
      this.code = NodeCompiler.compileFile(program.statements());
    }

    public Program program() {
      return program;
    }

    /** The values the embedder gave names that are neither predeclared nor universal. */
    public Map<String, Object> resolvedUnknowns() {
      return resolvedUnknowns;
    }
  }

  /** Parses and resolves a file; all its static errors are reported together. */
  public Compiled compile(String file, String text) throws StarlarkException {
    Map<String, Object> unknowns = new HashMap<>();
    Resolver.Module names = new Resolver.Module() {
      @Override
      public Binding.Scope lookup(String name, Resolver.NameUse use) {
        if (predeclared.containsKey(name)) {
          return Binding.Scope.PREDECLARED;
        }
        if (universe.containsKey(name)) {
          return Binding.Scope.UNIVERSAL;
        }
        if (unknowns.containsKey(name)) {
          return Binding.Scope.PREDECLARED;
        }
        if (unknownNames != null) {
          Object value = unknownNames.resolve(name, use);
          if (value != null) {
            unknowns.put(name, value);
            return Binding.Scope.PREDECLARED;
          }
        }
        return null;
      }

      @Override
      public Collection<String> names() {
        Set<String> all = new LinkedHashSet<>(predeclared.keySet());
        all.addAll(universe.keySet());
        return all;
      }
    };
    try {
      return new Compiled(Program.compile(file, text, dialect, names), Map.copyOf(unknowns));
    } catch (SyntaxError.Exception e) {
      throw StarlarkException.syntax(e.errors(), new FileLocations(file, text));
    }
  }

  /** Evaluates a file's text; {@code file} names it in messages. */
  public Module exec(String file, String text) throws StarlarkException {
    return exec(compile(file, text));
  }

  /** Evaluates a file's text with values for the embedder kept for this evaluation. */
  public Module exec(Compiled compiled) throws StarlarkException {
    return exec(compiled, thread -> {});
  }

  /**
   * Evaluates a compiled file; {@code setup} may store per-evaluation values in the thread
   * ({@link StarlarkThread#setThreadLocal}) for the embedder's builtins.
   */
  public Module exec(Compiled compiled, Consumer<StarlarkThread> setup) throws StarlarkException {
    Program program = compiled.program();
    List<String> names = program.predeclared();
    Object[] values = new Object[names.size()];
    for (int i = 0; i < values.length; i++) {
      String name = names.get(i);
      Object v = predeclared.get(name);
      if (v == null) {
        v = universe.get(name);
      }
      if (v == null) {
        v = compiled.resolvedUnknowns().get(name);
      }
      values[i] = v;
    }
    Module module = new Module(program, values);
    try (Mutability mutability = new Mutability()) {
      StarlarkThread thread =
          new StarlarkThread(this, mutability, dialect, printHandler, maxSteps, maxCallDepth);
      setup.accept(thread);
      Eval.execModule(thread, module, compiled.code);
    } catch (EvalException e) {
      throw toStarlarkException(e);
    } catch (StackOverflowError e) {
      throw toStarlarkException(EvalException.stackOverflow());
    } catch (OutOfMemoryError e) {
      // Out of memory again while the located error was made; the frames are gone now, and so
      // is their memory: say it without a location.
      throw toStarlarkException(EvalException.outOfMemory(e));
    }
    return module;
  }

  /** Calls a Starlark function (or builtin) from Java, outside any evaluation. */
  public Object call(Object function, List<Object> args, Map<String, Object> kwargs)
      throws StarlarkException {
    Object[] named = new Object[kwargs.size() * 2];
    int i = 0;
    for (Map.Entry<String, Object> e : kwargs.entrySet()) {
      named[i++] = e.getKey();
      named[i++] = e.getValue();
    }
    try (Mutability mutability = new Mutability()) {
      StarlarkThread thread =
          new StarlarkThread(this, mutability, dialect, printHandler, maxSteps, maxCallDepth);
      return Eval.call(thread, function, args.toArray(), named);
    } catch (EvalException e) {
      throw toStarlarkException(e);
    } catch (StackOverflowError e) {
      throw toStarlarkException(EvalException.stackOverflow());
    } catch (OutOfMemoryError e) {
      throw toStarlarkException(EvalException.outOfMemory(e));
    }
  }

  private static StarlarkException toStarlarkException(EvalException e) {
    return StarlarkException.runtime(e.getMessage(),
        e.callStack() == null ? List.of() : e.callStack());
  }

  // ---- hooks used during evaluation ----

  Map<String, Object> load(String module, String from) {
    if (loader == null) {
      throw new EvalException("load is not supported here");
    }
    try {
      return loader.load(module, from);
    } catch (StarlarkException e) {
      throw new EvalException("in module '" + module + "' loaded here:\n" + e.render().stripTrailing());
    }
  }

  String readFile(StarlarkThread thread, String path) {
    if (fileAccess == null) {
      throw new EvalException("open: reading files is not allowed here");
    }
    return fileAccess.read(thread, path);
  }

  void warn(Location location, String message) {
    warningHandler.accept(location, message);
  }

  /** Sets up an {@link Interpreter}. */
  public static final class Builder {
    private Dialect dialect = Dialect.STARLARK;
    private final Map<String, Object> predeclared = new LinkedHashMap<>();
    private UnknownNames unknownNames;
    private Consumer<String> printHandler = line -> {}; // the embedder decides where print goes
    private BiConsumer<Location, String> warningHandler = (loc, msg) -> {};
    private Loader loader;
    private FileAccess fileAccess;
    private long maxSteps = 100_000_000L;
    private int maxCallDepth = 1000;

    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    /** Adds a predeclared symbol; Java values are converted with {@link Starlark#fromJava}. */
    public Builder predeclare(String name, Object value) {
      predeclared.put(name, Starlark.fromJava(value, Mutability.IMMUTABLE));
      return this;
    }

    public Builder predeclareAll(Map<String, ?> values) {
      values.forEach(this::predeclare);
      return this;
    }

    public Builder unknownNames(UnknownNames resolver) {
      this.unknownNames = resolver;
      return this;
    }

    public Builder printHandler(Consumer<String> handler) {
      this.printHandler = handler;
      return this;
    }

    /** Receives warnings, such as a dict literal's duplicate key in the Pants dialect. */
    public Builder warningHandler(BiConsumer<Location, String> handler) {
      this.warningHandler = handler;
      return this;
    }

    public Builder loader(Loader loader) {
      this.loader = loader;
      return this;
    }

    public Builder fileAccess(FileAccess access) {
      this.fileAccess = access;
      return this;
    }

    /** The most loop iterations and calls one evaluation may make. */
    public Builder maxSteps(long steps) {
      this.maxSteps = steps;
      return this;
    }

    /** The deepest the Starlark call stack may grow. */
    public Builder maxCallDepth(int depth) {
      this.maxCallDepth = depth;
      return this;
    }

    public Interpreter build() {
      return new Interpreter(this);
    }
  }
}
