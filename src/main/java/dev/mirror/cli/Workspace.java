package dev.mirror.cli;

import dev.mirror.buildfiles.BuildFileException;
import dev.mirror.buildfiles.BuildFileFinder;
import dev.mirror.buildfiles.BuildFileLoader;
import dev.mirror.buildfiles.BuildRoot;
import dev.mirror.buildfiles.ConfigLoader;
import dev.mirror.buildfiles.IgnoreRules;
import dev.mirror.buildfiles.MirrorConfig;
import dev.mirror.goals.RunGoal;
import dev.mirror.specs.Filters;
import dev.mirror.specs.Resolution;
import dev.mirror.specs.Spec;
import dev.mirror.specs.SpecException;
import dev.mirror.specs.SpecParser;
import dev.mirror.specs.SpecResolver;
import dev.mirror.specs.Specs;
import dev.mirror.specs.TargetSource;
import dev.mirror.specs.UnmatchedGlobs;
import dev.mirror.targets.TagConflicts;
import dev.mirror.targets.TargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run's view of the repository: the build root, its configuration, and the BUILD files
 * loaded as the specs need them. Goals ask it to resolve their specs.
 */
final class Workspace implements AutoCloseable {
  final Path root;
  final MirrorConfig config;
  final BuildFileLoader loader;
  private final String cwd;

  private Workspace(Path root, MirrorConfig config, BuildFileLoader loader, String cwd) {
    this.root = root;
    this.config = config;
    this.loader = loader;
    this.cwd = cwd;
  }

  static Workspace open(GlobalOptions options, Path workingDirectory, Map<String, String> env)
      throws BuildFileException {
    Path cwdPath = workingDirectory.toAbsolutePath().normalize();
    Path root = BuildRoot.find(cwdPath, env, options.buildRoot);
    MirrorConfig config = new ConfigLoader(env, Path.of(System.getProperty("user.home")),
        Path.of("/etc/pantsrc")).load(root, options.asFlags());
    IgnoreRules ignores = IgnoreRules.load(config,
        IgnoreRules.globalExcludesFile(env, Path.of(System.getProperty("user.home"))));
    BuildFileFinder finder = new BuildFileFinder(config, ignores);
    BuildFileLoader loader = new BuildFileLoader(config, finder, env);
    String cwd = cwdPath.startsWith(root)
        ? root.relativize(cwdPath).toString().replace('\\', '/') : "";
    return new Workspace(root, config, loader, cwd);
  }

  /** Resolves command-line specs (plus --spec-files) to targets, with the run's filters. */
  Resolution resolve(List<String> args) throws SpecException, TargetSource.LoadException {
    SpecParser parser = new SpecParser(root, cwd, loader);
    List<String> all = new ArrayList<>(args);
    List<Path> specFiles = new ArrayList<>();
    for (String f : config.specFiles()) {
      specFiles.add(root.resolve(f));
    }
    all.addAll(SpecParser.readSpecFiles(specFiles));
    Specs specs = parser.parseAll(all);
    prefetch(specs);
    MirrorConfig.Filters f = config.filters();
    // Other backends' types are known only once their BUILD files ran: resolve first, accepting
    // any type name, then check the names against the types seen.
    Set<String> requested = new LinkedHashSet<>();
    for (String v : f.targetType()) {
      for (String part : v.replaceFirst("^[+-]", "").split(",")) {
        requested.add(part.strip());
      }
    }
    Filters filters = Filters.of(f.tag(), f.targetType(), f.addressRegex(), f.tagRegex(), requested)
        .withGranularity(f.granularity());
    UnmatchedGlobs mode = UnmatchedGlobs.fromOption(config.unmatchedCliGlobs().optionValue());
    Resolution resolution = new SpecResolver().resolve(specs, filters, loader, mode);
    Set<String> known = new LinkedHashSet<>();
    known.addAll(loader.knownTypes());
    Filters.of(List.of(), f.targetType(), List.of(), List.of(), known);
    rejectTagConflicts(resolution);
    return resolution;
  }

  /**
   * Targets resolved together must not tag one destination with two digests: a property of the
   * BUILD files, so every goal reports it, not only run (which would flip the tag).
   */
  private void rejectTagConflicts(Resolution resolution) throws TargetSource.LoadException {
    List<String> problems = new ArrayList<>();
    for (TargetException conflict : TagConflicts.find(RunGoal.images(resolution.targets(), loader))) {
      problems.add(conflict.render());
    }
    if (!problems.isEmpty()) {
      throw new TargetSource.LoadException(problems);
    }
  }

  /** Starts evaluating every directory the specs will read, so they load in parallel. */
  private void prefetch(Specs specs) {
    List<String> dirs = new ArrayList<>();
    List<Spec> all = new ArrayList<>(specs.includes());
    all.addAll(specs.ignores());
    for (Spec spec : all) {
      if (spec instanceof Spec.RecursiveGlob glob) {
        dirs.addAll(loader.buildDirectoriesUnder(glob.dir()));
      } else if (spec instanceof Spec.DirGlob glob) {
        dirs.add(glob.dir());
      } else if (spec instanceof Spec.DirLiteral literal) {
        dirs.add(literal.dir());
      } else if (spec instanceof Spec.AddressLiteral literal) {
        dirs.add(literal.address().specPath());
      }
    }
    loader.prefetch(dirs);
  }

  /** Warnings of the configuration and of the BUILD files evaluated so far. */
  List<String> warnings() {
    List<String> out = new ArrayList<>();
    config.backendWarning().ifPresent(w -> out.add("warning: " + w));
    out.addAll(loader.warnings());
    return out;
  }

  @Override
  public void close() {
    loader.close();
  }
}
