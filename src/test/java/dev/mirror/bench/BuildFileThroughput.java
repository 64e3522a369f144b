package dev.mirror.bench;

import dev.mirror.starlark.eval.BuiltinFunction;
import dev.mirror.starlark.eval.Dict;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.Starlark;
import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.eval.Tuple;
import dev.mirror.starlark.syntax.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmarks of the Starlark interpreter, run in one JVM so that start-up is left out. Not a
 * JUnit test: a plain main class in test scope, run by bench/build-files.sh and
 * bench/starlark-vs-python.sh.
 *
 * <pre>
 *   --build-files [N]   parse + evaluate N generated BUILD files (default 10000): warm-up 3 x N,
 *                       then timed rounds on one thread and on a pool of availableProcessors()
 *   --compute FILE      run FILE 10 times in-process; print each time and the median of the last 5
 * </pre>
 */
public final class BuildFileThroughput {
  private BuildFileThroughput() {}

  /** Target types the generated files call; each is a builtin that records its kwargs. */
  static final List<String> TARGET_TYPES = List.of(
      "python_sources", "python_tests", "python_requirements", "pex_binary", "resources", "files",
      "docker_image", "oci_mirror_image", "oci_mirror_images", "__defaults__");

  /** Called by some files but not predeclared: given a meaning through unknownNames(). */
  static final Set<String> OTHER_BACKENDS =
      Set.of("shell_sources", "go_package", "helm_chart", "terraform_module");

  static final int WARMUP_ROUNDS = 3;
  static final int TIMED_ROUNDS = 5;

  public static void main(String[] argv) throws Exception {
    if (argv.length >= 1 && argv[0].equals("--build-files")) {
      int n = argv.length >= 2 ? Integer.parseInt(argv[1]) : 10_000;
      buildFiles(n);
    } else if (argv.length == 2 && argv[0].equals("--compute")) {
      compute(Path.of(argv[1]));
    } else {
      System.err.println("usage: BuildFileThroughput --build-files [N] | --compute FILE");
      System.exit(2);
    }
  }

  // ---- recording builtins --------------------------------------------------------------

  /** The targets one evaluation declared: type name and kwargs. */
  static final class Recorder {
    final List<String> types = new ArrayList<>();
    final List<Dict> kwargs = new ArrayList<>();
  }

  static BuiltinFunction recording(String name) {
    return BuiltinFunction.of(name, "*args, **kwargs", (thread, args) -> {
      Recorder r = thread.getThreadLocal(Recorder.class);
      if (r != null) {
        r.types.add(name);
        r.kwargs.add((Dict) args[1]);
      }
      return Starlark.NONE;
    });
  }

  static Interpreter buildFileInterpreter() {
    Interpreter.Builder b = Interpreter.builder().dialect(Dialect.PANTS).printHandler(s -> {});
    for (String t : TARGET_TYPES) {
      b.predeclare(t, recording(t));
    }
    // parametrize(...) returns its kwargs; the target builtin records them like any value.
    b.predeclare("parametrize", BuiltinFunction.of("parametrize", "*args, **kwargs",
        (thread, args) -> args[1]));
    // env(name, default): the environment is empty here, so the default.
    b.predeclare("env", BuiltinFunction.of("env", "name, default=None, /",
        (thread, args) -> args[1]));
    Map<String, BuiltinFunction> others = new java.util.HashMap<>();
    for (String t : OTHER_BACKENDS) {
      others.put(t, recording(t));
    }
    b.unknownNames((name, use) -> use.called() ? others.get(name) : null);
    return b.build();
  }

  /** Parses, resolves and evaluates one file; returns the number of targets it declared. */
  static int evalOne(Interpreter interp, String file, String text) throws StarlarkException {
    Interpreter.Compiled c = interp.compile(file, text);
    Recorder r = new Recorder();
    interp.exec(c, thread -> thread.setThreadLocal(Recorder.class, r));
    return r.types.size();
  }

  // ---- --build-files ------------------------------------------------------------------

  static void buildFiles(int n) throws Exception {
    String[] texts = BuildFileGenerator.generate(n, 20240601L);
    long lines = 0, bytes = 0;
    for (String t : texts) {
      lines += t.lines().count();
      bytes += t.length();
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "generated %d BUILD files: %.1f lines, %.0f chars on average;"
        + " %d cores; load average %.2f; java %s%n", n, (double) lines / n, (double) bytes / n,
        cores, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage(), System.getProperty("java.version"));

    Interpreter interp = buildFileInterpreter();
    long targets = 0;
    for (int i = 0; i < n; i++) {
      try {
        targets += evalOne(interp, "gen/" + i + "/BUILD", texts[i]);
      } catch (StarlarkException e) {
        System.err.println("generated file " + i + " failed:\n" + texts[i] + "\n" + e.render());
        System.exit(1);
      }
    }
    System.out.printf(Locale.ROOT, "all files evaluate; %d targets (%.1f per file)%n",
        targets, (double) targets / n);

    long t0 = System.nanoTime();
    for (int round = 0; round < WARMUP_ROUNDS; round++) {
      runRange(interp, texts, 0, n);
    }
    System.out.printf(Locale.ROOT, "warm-up: %d x %d files in %.2f s%n", WARMUP_ROUNDS, n,
        (System.nanoTime() - t0) / 1e9);

    // single thread
    double[] rates = new double[TIMED_ROUNDS];
    for (int round = 0; round < TIMED_ROUNDS; round++) {
      long s = System.nanoTime();
      runRange(interp, texts, 0, n);
      rates[round] = n / ((System.nanoTime() - s) / 1e9);
    }
    double single = median(rates);
    System.out.printf(Locale.ROOT, "single thread: %,.0f files/s/core (median of %d rounds;"
        + " rounds %s); %.1f us/file%n", single, TIMED_ROUNDS, fmt(rates), 1e6 / single);

    // where the time goes, single thread: compile (parse, resolve, nodes) of every file, then
    // exec of a 1000-file subset compiled once (kept small so that holding the programs costs no
    // GC).
    long cs = System.nanoTime();
    for (int i = 0; i < n; i++) {
      interp.compile("BUILD", texts[i]);
    }
    double compileUs = (System.nanoTime() - cs) / 1e3 / n;
    int subset = Math.min(n, 1000), repeats = Math.max(1, n / subset);
    Interpreter.Compiled[] compiled = new Interpreter.Compiled[subset];
    for (int i = 0; i < subset; i++) {
      compiled[i] = interp.compile("BUILD", texts[i]);
    }
    long es = System.nanoTime();
    for (int k = 0; k < repeats; k++) {
      for (int i = 0; i < subset; i++) {
        Recorder r = new Recorder();
        interp.exec(compiled[i], thread -> thread.setThreadLocal(Recorder.class, r));
      }
    }
    double execUs = (System.nanoTime() - es) / 1e3 / ((long) subset * repeats);
    System.out.printf(Locale.ROOT, "  split: compile (parse+resolve+nodes) %.1f us/file, exec %.1f"
        + " us/file%n", compileUs, execUs);
    compiled = null;

    // thread pool of availableProcessors() threads
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      runPool(pool, interp, texts, cores); // warm the pool threads
      double[] totals = new double[TIMED_ROUNDS];
      for (int round = 0; round < TIMED_ROUNDS; round++) {
        long s = System.nanoTime();
        runPool(pool, interp, texts, cores);
        totals[round] = n / ((System.nanoTime() - s) / 1e9);
      }
      double total = median(totals);
      System.out.printf(Locale.ROOT, "%d threads: %,.0f files/s total, %,.0f files/s/core"
          + " (median of %d rounds; rounds %s); scaling %.2fx over one thread%n", cores, total,
          total / cores, TIMED_ROUNDS, fmt(totals), total / single);
    } finally {
      pool.shutdown();
    }
  }

  static long runRange(Interpreter interp, String[] texts, int from, int to)
      throws StarlarkException {
    long targets = 0;
    for (int i = from; i < to; i++) {
      targets += evalOne(interp, "BUILD", texts[i]);
    }
    return targets;
  }

  /** Evaluates all files once on the pool, in chunks of 50 files. */
  static void runPool(ExecutorService pool, Interpreter interp, String[] texts, int threads)
      throws Exception {
    int chunk = 50;
    List<Future<Long>> futures = new ArrayList<>();
    for (int from = 0; from < texts.length; from += chunk) {
      int f = from, t = Math.min(texts.length, from + chunk);
      futures.add(pool.submit(() -> runRange(interp, texts, f, t)));
    }
    for (Future<Long> fu : futures) {
      fu.get();
    }
  }

  // ---- --compute ------------------------------------------------------------------------

  static void compute(Path file) throws IOException {
    String text = Files.readString(file);
    List<String> out = new ArrayList<>();
    Interpreter interp = Interpreter.builder()
        .dialect(Dialect.PANTS)
        .printHandler(out::add)
        .build();
    int runs = 10, timed = 5;
    double[] secs = new double[runs];
    List<String> first = null;
    for (int i = 0; i < runs; i++) {
      out.clear();
      long s = System.nanoTime();
      try {
        interp.exec(file.toString(), text);
      } catch (StarlarkException e) {
        System.err.print(e.render());
        System.exit(1);
      }
      secs[i] = (System.nanoTime() - s) / 1e9;
      if (first == null) {
        first = new ArrayList<>(out);
      } else if (!first.equals(out)) {
        System.err.println("run " + (i + 1) + " printed different output");
        System.exit(1);
      }
      System.out.printf(Locale.ROOT, "run %2d: %.3f s%n", i + 1, secs[i]);
    }
    double med = median(Arrays.copyOfRange(secs, runs - timed, runs));
    System.out.printf(Locale.ROOT, "in-JVM median of last %d runs: %.3f s (%d output lines)%n",
        timed, med, first.size());
  }

  // ---- helpers --------------------------------------------------------------------------

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  static String fmt(double[] xs) {
    StringBuilder sb = new StringBuilder();
    for (double x : xs) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", x));
    }
    return sb.toString();
  }

  // ---- BUILD file generator -------------------------------------------------------------

  /** Generates varied, typical Pants BUILD files of 20 to 80 lines. */
  static final class BuildFileGenerator {
    private final Random rnd;
    private final List<String> lines = new ArrayList<>();

    private BuildFileGenerator(Random rnd) {
      this.rnd = rnd;
    }

    static String[] generate(int n, long seed) {
      Random rnd = new Random(seed);
      String[] out = new String[n];
      for (int i = 0; i < n; i++) {
        out[i] = new BuildFileGenerator(rnd).file(i);
      }
      return out;
    }

    private static final String[] DIRS = {"src/python/app", "src/python/lib", "libs/core",
        "services/api", "services/worker", "tools/release", "3rdparty/python", "infra/images"};
    private static final String[] WORDS = {"core", "util", "http", "auth", "db", "cache",
        "models", "cli", "config", "metrics", "storage", "queue", "search", "billing"};
    private static final String[] IMAGES = {"python", "node", "golang", "redis", "postgres",
        "nginx", "alpine", "debian"};

    String file(int index) {
      int target = 20 + rnd.nextInt(61); // 20..80 lines
      lines.add("# Copyright 2024 Example Corp. Licensed under the Apache License, Version 2.0.");
      lines.add("# BUILD file " + index + ", generated for the throughput benchmark.");
      lines.add("");
      if (rnd.nextInt(4) == 0) {
        lines.add("__defaults__(all=dict(tags=[\"" + word() + "\"]))");
        lines.add("");
      }
      if (rnd.nextInt(3) == 0) {
        lines.add("REGISTRY = env(\"MIRROR_REGISTRY\", \"registry.example.com/mirror\")");
        lines.add("");
      }
      boolean hasRegistry = lines.stream().anyMatch(l -> l.startsWith("REGISTRY ="));
      while (lines.size() < target) {
        switch (rnd.nextInt(10)) {
          case 0, 1 -> pythonSources();
          case 2 -> pythonTests();
          case 3 -> dockerImage();
          case 4 -> ociMirrorImage(hasRegistry);
          case 5 -> ociMirrorImages();
          case 6 -> loopTargets();
          case 7 -> pexBinary();
          case 8 -> resourcesOrFiles();
          default -> otherBackend();
        }
        lines.add("");
      }
      String text = String.join("\n", lines) + "\n";
      lines.clear();
      return text;
    }

    private String word() {
      return WORDS[rnd.nextInt(WORDS.length)];
    }

    private String label() {
      return "//" + DIRS[rnd.nextInt(DIRS.length)] + "/" + word() + ":" + word();
    }

    private String sha() {
      StringBuilder sb = new StringBuilder(64);
      for (int i = 0; i < 64; i++) {
        sb.append("0123456789abcdef".charAt(rnd.nextInt(16)));
      }
      return sb.toString();
    }

    private void deps(String indent, int count) {
      lines.add(indent + "dependencies=[");
      for (int i = 0; i < count; i++) {
        lines.add(indent + "    \"" + label() + "\",");
      }
      lines.add(indent + "],");
    }

    private void pythonSources() {
      lines.add("python_sources(");
      lines.add("    name=\"" + word() + "\",");
      lines.add("    sources=[\"*.py\", \"!*_test.py\", \"!conftest.py\"],");
      deps("    ", 1 + rnd.nextInt(6));
      if (rnd.nextBoolean()) {
        lines.add("    tags=[\"" + word() + "\", \"" + word() + "\"],");
      }
      lines.add(")");
    }

    private void pythonTests() {
      lines.add("python_tests(");
      lines.add("    name=\"tests\",");
      lines.add("    sources=[\"*_test.py\"],");
      deps("    ", 1 + rnd.nextInt(3));
      if (rnd.nextBoolean()) {
        lines.add("    interpreter_constraints=parametrize(py311=[\"==3.11.*\"],"
            + " py312=[\"==3.12.*\"]),");
      }
      lines.add("    timeout=" + (60 + rnd.nextInt(5) * 60) + ",");
      lines.add(")");
    }

    private void dockerImage() {
      String img = IMAGES[rnd.nextInt(IMAGES.length)];
      lines.add("docker_image(");
      lines.add("    name=\"" + img + "-" + word() + "\",");
      lines.add("    instructions=[");
      lines.add("        \"FROM " + img + ":latest\",");
      lines.add("        \"WORKDIR /app\",");
      lines.add("        \"COPY " + word() + " /app/" + word() + "\",");
      lines.add("        \"RUN useradd --create-home app\",");
      lines.add("        \"USER app\",");
      lines.add("        \"ENTRYPOINT [\\\"/app/run\\\"]\",");
      lines.add("    ],");
      lines.add("    image_tags=[\"latest\", \"" + (1 + rnd.nextInt(9)) + "." + rnd.nextInt(20)
          + "\"],");
      lines.add("    repository=\"" + word() + "/" + img + "\",");
      lines.add(")");
    }

    private void ociMirrorImage(boolean hasRegistry) {
      String img = IMAGES[rnd.nextInt(IMAGES.length)];
      lines.add("oci_mirror_image(");
      lines.add("    name=\"" + img + "-" + rnd.nextInt(30) + "\",");
      lines.add("    source_repository=\"docker.io/library/" + img + "\",");
      if (hasRegistry) {
        lines.add("    destination_repository=REGISTRY + \"/" + img + "\",");
      } else {
        lines.add("    destination_repository=\"registry.example.com/mirror/" + img + "\",");
      }
      lines.add("    sha=\"" + sha() + "\",");
      lines.add("    tag=\"3.12-slim\",");
      lines.add(")");
    }

    private void ociMirrorImages() {
      String img = IMAGES[rnd.nextInt(IMAGES.length)];
      lines.add("oci_mirror_images(");
      lines.add("    name=\"" + img + "-variants\",");
      lines.add("    source_repository=\"docker.io/library/" + img + "\",");
      lines.add("    destination_repository=\"registry.example.com/mirror/" + img + "\",");
      lines.add("    variants={");
      int count = 2 + rnd.nextInt(4);
      for (int i = 0; i < count; i++) {
        lines.add("        \"" + (16 + 2 * i) + "-slim\": \"" + sha() + "\",");
      }
      lines.add("    },");
      lines.add(")");
    }

    private void loopTargets() {
      String img = IMAGES[rnd.nextInt(IMAGES.length)];
      lines.add("for v in [\"3.10\", \"3.11\", \"3.12\", \"3.13\"]:");
      lines.add("    oci_mirror_image(");
      lines.add("        name=f\"" + img + "-{v}\",");
      lines.add("        source_repository=\"docker.io/library/" + img + "\",");
      lines.add("        destination_repository=\"registry.example.com/mirror/" + img + "\",");
      lines.add("        tag=f\"{v}-slim\",");
      lines.add("        tags=[\"loop\", v.replace(\".\", \"_\")],");
      lines.add("    )");
    }

    private void pexBinary() {
      lines.add("pex_binary(");
      lines.add("    name=\"" + word() + "-bin\",");
      lines.add("    entry_point=\"" + word() + ".py:main\",");
      lines.add("    dependencies=[\":" + word() + "\"],");
      lines.add("    layout=\"packed\",");
      lines.add(")");
    }

    private void resourcesOrFiles() {
      lines.add((rnd.nextBoolean() ? "resources" : "files") + "(");
      lines.add("    name=\"" + word() + "-data\",");
      lines.add("    sources=[\"data/*.json\", \"templates/**/*.j2\"],");
      lines.add(")");
    }

    private void otherBackend() {
      switch (rnd.nextInt(4)) {
        case 0 -> lines.add("shell_sources(name=\"scripts\", sources=[\"*.sh\"])");
        case 1 -> lines.add("go_package(name=\"" + word() + "\")");
        case 2 -> {
          lines.add("helm_chart(");
          lines.add("    name=\"" + word() + "-chart\",");
          lines.add("    dependencies=[\"" + label() + "\"],");
          lines.add(")");
        }
        default -> lines.add("terraform_module(name=\"" + word() + "\", sources=[\"*.tf\"])");
      }
      if (rnd.nextInt(3) == 0) {
        lines.add("python_requirements(name=\"reqs\", source=\"requirements.txt\","
            + " resolve=parametrize(\"default\", \"tools\"))");
      }
    }
  }
}
