package dev.mirror.buildfiles;

import dev.mirror.options.MirrorConfig;
import dev.mirror.specs.TargetSource;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.Module;
import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.syntax.SourceDecoder;
import dev.mirror.targets.Defaults;
import dev.mirror.targets.Target;
import dev.mirror.targets.TargetType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads targets from BUILD files as specs ask for them: a directory is evaluated only when needed,
 * after its ancestors (whose final {@code __defaults__} it starts from), at most once, and
 * directories are evaluated in parallel. A broken BUILD file fails its directory and the
 * directories below it, and nothing else.
 */
public final class BuildFileLoader implements TargetSource, AutoCloseable {

  /** A directory's evaluation: its result, or the problems that stopped it. */
  record Outcome(DirectoryEvaluator.Result result, List<String> problems) {
    boolean failed() {
      return !problems.isEmpty();
    }
  }

  /** Evaluation needs a deep stack (nested Starlark); each worker thread gets one. */
  private static final long STACK_SIZE = 64L << 20;

  private final Path root;
  private final BuildFileFinder finder;
  private final List<String> buildIgnore;
  private final Map<String, String> environment;
  private final BuildFileSymbols symbols;
  private final String pantsVersion;
  private final ExecutorService executor;
  /** What earlier commands computed, checked before it is used; nothing in a one-off process. */
  private final LoadMemo.Generation memo;
  private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
  private final WarningLog warnings = new WarningLog();
  private volatile DirectoryEvaluator evaluator;
  private volatile List<String> preludeProblems = List.of();

  public BuildFileLoader(MirrorConfig config, BuildFileFinder finder,
      Map<String, String> environment) {
    this.root = config.buildRoot();
    this.finder = finder;
    this.memo = finder.memo();
    this.buildIgnore = config.buildIgnore();
    this.environment = Map.copyOf(environment);
    this.symbols = new BuildFileSymbols(root);
    this.pantsVersion = config.pantsVersion() == null ? "2.24.0" : config.pantsVersion();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread t = new Thread(null, runnable, "build-files", STACK_SIZE);
      t.setDaemon(true);
      return t;
    });
  }

  /** Warnings found so far (deprecated aliases, duplicate dict keys), each once, in order. */
  public List<String> warnings() {
    return warnings.snapshot();
  }

  /**
   * The target types of this run: mirror's, and those of the other backends' targets loaded so
   * far (not the value constructors such as {@code http_source}).
   */
  public List<String> knownTypes() {
    List<String> all = new ArrayList<>();
    for (TargetType t : dev.mirror.targets.MirrorTypes.ALL) {
      all.add(t.alias());
    }
    for (String alias : targetTypesSeen) {
      if (!all.contains(alias)) {
        all.add(alias);
      }
    }
    return all;
  }

  private final java.util.Set<String> targetTypesSeen = ConcurrentHashMap.newKeySet();

  @Override
  public boolean directoryExists(String dir) {
    return finder.directoryExists(dir);
  }

  @Override
  public boolean pathExists(String path) {
    return finder.pathExists(path);
  }

  @Override
  public boolean globMatches(String glob) {
    return finder.globMatches(glob);
  }

  @Override
  public List<String> buildIgnore() {
    return buildIgnore;
  }

  @Override
  public boolean hasBuildFiles(String dir) {
    return !finder.buildFiles(dir).isEmpty();
  }

  /** The visible directories directly in {@code dir} (see {@link BuildFileFinder#subdirectories}). */
  public List<String> subdirectories(String dir) {
    return finder.subdirectories(dir);
  }

  @Override
  public List<String> buildDirectoriesUnder(String dir) {
    return finder.buildDirectoriesUnder(dir);
  }

  @Override
  public List<Target> targetsIn(String dir) throws LoadException {
    Outcome outcome = join(outcome(dir));
    if (outcome.failed()) {
      throw new LoadException(outcome.problems());
    }
    return outcome.result().targets();
  }

  /** Starts evaluating these directories (and their ancestors) in parallel. */
  public void prefetch(Collection<String> dirs) {
    for (String d : dirs) {
      outcome(d);
    }
  }

  private static Outcome join(CompletableFuture<Outcome> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  private CompletableFuture<Outcome> outcome(String dir) {
    CompletableFuture<Outcome> existing = outcomes.get(dir);
    if (existing != null) {
      return existing;
    }
    CompletableFuture<Outcome> parent = dir.isEmpty()
        ? CompletableFuture.completedFuture(null)
        : outcome(dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "");
    CompletableFuture<Outcome> created =
        parent.thenApplyAsync(p -> evaluateGuarded(dir, p), executor);
    existing = outcomes.putIfAbsent(dir, created);
    return existing != null ? existing : created;
  }

  /**
   * Evaluates one directory; running out of heap or stack outside Starlark (while its values are
   * converted and checked) fails this directory only, with a message, as a Starlark error does.
   */
  private Outcome evaluateGuarded(String dir, Outcome parent) {
    try {
      Outcome outcome = evaluate(dir, parent);
      if (!outcome.failed()) {
        warnings.addAll(outcome.result().warnings());
        for (Target t : outcome.result().targets()) {
          targetTypesSeen.add(t.type());
        }
      }
      return outcome;
    } catch (OutOfMemoryError | StackOverflowError e) {
      String what = e instanceof OutOfMemoryError ? "out of memory"
          : "values nested too deeply (the Java stack ran out)";
      return new Outcome(null, List.of((dir.isEmpty() ? "//" : dir) + ": error: " + what
          + " while loading the targets of this directory"));
    }
  }

  /**
   * Evaluates one directory after its parent; a failed parent fails it with the same problems.
   * An outcome the memo holds is used again when it was computed from this very parent outcome,
   * the same prelude, the same BUILD files unchanged, and the same values of what else it read.
   */
  private Outcome evaluate(String dir, Outcome parent) {
    if (parent != null && parent.failed()) {
      return parent;
    }
    Defaults inherited = parent == null ? Defaults.NONE : parent.result().defaults();
    List<Path> paths = finder.buildFiles(dir);
    LoadMemo.Evaluated known = memo.evaluated.get(dir);
    if (paths.isEmpty()) {
      // Directories without BUILD files are transparent to defaults. The outcome is the one
      // kept while the parent's is, so that the directories below keep theirs too.
      if (known != null && known.parent() == parent && known.buildFiles().isEmpty()) {
        return known.outcome();
      }
      Outcome transparent = new Outcome(
          new DirectoryEvaluator.Result(List.of(), inherited, List.of()), List.of());
      remember(dir, new LoadMemo.Evaluated(transparent, parent, null, List.of(), List.of(), null));
      return transparent;
    }
    DirectoryEvaluator ev = evaluator();
    if (!preludeProblems.isEmpty()) {
      return new Outcome(null, preludeProblems);
    }
    if (known != null && known.evaluator() == ev && known.parent() == parent
        && known.buildFiles().equals(paths) && unchanged(paths, known.stamps())
        && known.inputs().unchanged(environment)) {
      return known.outcome();
    }
    // Stamps before texts: a change made while the text is read shows next time.
    List<FileStamp> stamps = memo.remembers
        ? paths.stream().map(p -> FileStamp.of(p)).toList() : List.of();
    List<DirectoryEvaluator.BuildFile> files = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Path p : paths) {
      String text = readSource(p, unreadable);
      if (text != null) {
        files.add(new DirectoryEvaluator.BuildFile(relative(p), text));
      }
    }
    if (!unreadable.isEmpty()) {
      return new Outcome(null, unreadable);
    }
    InputLog inputs = new InputLog();
    memo.evaluations.incrementAndGet();
    Outcome outcome;
    try {
      outcome = new Outcome(ev.evaluate(dir, files, inherited, environment, inputs), List.of());
    } catch (LoadException e) {
      outcome = new Outcome(null, e.problems());
    }
    remember(dir, new LoadMemo.Evaluated(outcome, parent, ev, paths, stamps, inputs));
    return outcome;
  }

  private static boolean unchanged(List<Path> paths, List<FileStamp> stamps) {
    for (int i = 0; i < paths.size(); i++) {
      if (!stamps.get(i).stillMatches(paths.get(i))) {
        return false;
      }
    }
    return true;
  }

  private void remember(String dir, LoadMemo.Evaluated evaluated) {
    if (memo.remembers) {
      memo.evaluated.put(dir, evaluated);
    }
  }

  /**
   * The evaluator, made on first use: the prelude files are evaluated once, for everyone. The
   * memo's is used again when the prelude files read the same and so does what they read.
   */
  private DirectoryEvaluator evaluator() {
    DirectoryEvaluator ev = evaluator;
    if (ev != null) {
      return ev;
    }
    synchronized (this) {
      if (evaluator == null) {
        List<String> problems = new ArrayList<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path p : finder.preludeFiles()) {
          String text = readSource(p, problems);
          if (text != null) {
            texts.put(p, text);
          }
        }
        LoadMemo.Prelude known = memo.prelude;
        if (problems.isEmpty() && known != null && known.texts().equals(texts)
            && known.inputs().unchanged(environment)) {
          preludeProblems = known.problems();
          evaluator = known.evaluator();
        } else {
          InputLog inputs = new InputLog();
          DirectoryEvaluator made = evaluatePrelude(texts, inputs, problems);
          preludeProblems = List.copyOf(problems);
          evaluator = made;
          if (memo.remembers) {
            memo.prelude = new LoadMemo.Prelude(Map.copyOf(texts), inputs, made, preludeProblems);
          }
        }
      }
      return evaluator;
    }
  }

  /** Runs the prelude files and makes the evaluator whose BUILD files see what they define. */
  private DirectoryEvaluator evaluatePrelude(Map<Path, String> texts, InputLog inputs,
      List<String> problems) {
    Map<String, Object> prelude = new ConcurrentHashMap<>();
    // Prelude files share one namespace, as in Pants: a function in one may use a name
    // another defines, looked up when the function runs.
    Map<String, Object> shared = new LinkedHashMap<>();
    for (String name : preludeGlobalNames(texts)) {
      shared.put(name, new dev.mirror.starlark.eval.LateBound(name, prelude));
    }
    Interpreter preludeInterpreter = symbols.interpreter(shared, pantsVersion);
    for (Map.Entry<Path, String> e : texts.entrySet()) {
      try {
        Interpreter.Compiled compiled =
            preludeInterpreter.compile(relative(e.getKey()), e.getValue());
        Module m = preludeInterpreter.exec(compiled,
            thread -> thread.setThreadLocal(InputLog.class, inputs));
        m.globals().forEach((name, value) -> {
          if (!name.startsWith("_")) {
            prelude.put(name, value);
          }
        });
      } catch (StarlarkException ex) {
        problems.addAll(DirectoryEvaluator.describe(ex));
      }
    }
    return new DirectoryEvaluator(symbols.interpreter(prelude, pantsVersion));
  }

  /** The top-level names the prelude files define (their syntax errors come later, in exec). */
  private static List<String> preludeGlobalNames(Map<Path, String> texts) {
    Interpreter any = Interpreter.builder()
        .dialect(dev.mirror.starlark.syntax.Dialect.PANTS)
        .unknownNames((name, use) -> dev.mirror.starlark.eval.Starlark.NONE)
        .build();
    List<String> names = new ArrayList<>();
    for (Map.Entry<Path, String> e : texts.entrySet()) {
      try {
        for (String name : any.compile(e.getKey().toString(), e.getValue()).program().globals()) {
          if (!name.startsWith("_")) {
            names.add(name);
          }
        }
      } catch (StarlarkException ignored) {
        // reported when the file runs
      }
    }
    return names;
  }

  /** A BUILD or prelude file's text, or null and a problem: it cannot be read, or is not UTF-8. */
  private String readSource(Path p, List<String> problems) {
    try {
      return SourceDecoder.decode(Files.readAllBytes(p));
    } catch (IOException e) {
      problems.add(relative(p) + ": error: cannot read: " + e.getMessage());
    } catch (SourceDecoder.NotUtf8Exception e) {
      problems.add(relative(p) + ":" + e.line() + ": error: " + e.getMessage());
    }
    return null;
  }

  private String relative(Path p) {
    return root.relativize(p.toAbsolutePath()).toString().replace('\\', '/');
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** An insertion-ordered set of warnings, safe to add to from several threads. */
  private static final class WarningLog {
    private final LinkedHashSet<String> items = new LinkedHashSet<>();

    synchronized void addAll(Collection<String> more) {
      items.addAll(more);
    }

    synchronized List<String> snapshot() {
      return List.copyOf(items);
    }
  }
}
