package dev.mirror.workspace;

import dev.mirror.buildfiles.BuildFileException;
import dev.mirror.buildfiles.BuildFileFinder;
import dev.mirror.buildfiles.BuildFileLoader;
import dev.mirror.buildfiles.BuildRoot;
import dev.mirror.buildfiles.IgnoreRules;
import dev.mirror.options.ConfigLoader;
import dev.mirror.options.MirrorConfig;
import dev.mirror.options.OptionsException;
import dev.mirror.specs.Filters;
import dev.mirror.specs.Resolution;
import dev.mirror.specs.SpecException;
import dev.mirror.specs.SpecParser;
import dev.mirror.specs.SpecResolver;
import dev.mirror.specs.Specs;
import dev.mirror.specs.TargetSource;
import dev.mirror.specs.UnmatchedGlobs;
import dev.mirror.targets.Address;
import dev.mirror.targets.MirrorImage;
import dev.mirror.targets.TagConflicts;
import dev.mirror.targets.Target;
import dev.mirror.targets.TargetException;
import dev.mirror.targets.UnpinnedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One invocation's view of the repository: the build root, its configuration, and the BUILD
 * files, loaded as the specs need them. {@link #resolve} turns the command line's specs into the
 * target graph the goals act on.
 */
public final class Workspace implements AutoCloseable {
  /** Where Pants reads the system-wide rc file. */
  private static final Path SYSTEM_RC = Path.of("/etc/pantsrc");

  private final Path root;
  private final MirrorConfig config;
  private final BuildFileLoader loader;
  /** The working directory relative to the build root ("" at the root, or outside it). */
  private final String cwd;

  private Workspace(Path root, MirrorConfig config, BuildFileLoader loader, String cwd) {
    this.root = root;
    this.config = config;
    this.loader = loader;
    this.cwd = cwd;
  }

  /**
   * Finds the build root from the invocation's working directory and reads the configuration.
   *
   * @param buildRoot the {@code --build-root} given, or null
   * @param flags the command line's options, keyed as pants.toml names them ({@code GLOBAL.tag})
   */
  public static Workspace open(Invocation invocation, Path buildRoot,
      Map<String, List<String>> flags) throws BuildFileException {
    Path cwdPath = invocation.workingDirectory();
    Map<String, String> env = invocation.environment();
    Path root = BuildRoot.find(cwdPath, env, buildRoot);
    MirrorConfig config;
    try {
      config = new ConfigLoader(env, invocation.home(), SYSTEM_RC).load(root, flags);
    } catch (OptionsException e) {
      throw new BuildFileException(e.kind() == OptionsException.Kind.IO
          ? BuildFileException.Kind.IO : BuildFileException.Kind.CONFIG,
          e.getMessage(), e.file(), e.line());
    }
    IgnoreRules ignores = IgnoreRules.load(config,
        IgnoreRules.globalExcludesFile(env, invocation.home()));
    BuildFileFinder finder =
        new BuildFileFinder(config, ignores, invocation.resident().loadMemo(root));
    BuildFileLoader loader = new BuildFileLoader(config, finder, env);
    String cwd = cwdPath.startsWith(root)
        ? root.relativize(cwdPath).toString().replace('\\', '/') : "";
    return new Workspace(root, config, loader, cwd);
  }

  public MirrorConfig config() {
    return config;
  }

  /** The working directory relative to the build root: "" at the root, or outside it. */
  public String cwd() {
    return cwd;
  }

  /**
   * The BUILD files' view of the tree, for shell completion: which directories are visible, which
   * hold BUILD files, and the targets of one directory.
   */
  public BuildFileLoader buildFiles() {
    return loader;
  }

  /**
   * Resolves command-line specs (plus {@code --spec-files}) with the configured filters, for
   * every goal but {@code pin}: the graph has no unpinned target.
   *
   * @throws TargetSource.LoadException for BUILD files that cannot be evaluated, for selected
   *     {@code oci_mirror_image} targets without a {@code sha} yet (one line each, at the call:
   *     {@code <address> has no sha yet: run `mirror pin <address>`}), and for selected images
   *     that would tag one destination with two digests
   */
  public TargetGraph resolve(List<String> args) throws SpecException, TargetSource.LoadException {
    TargetGraph graph = resolveForPinning(args);
    List<String> problems = new ArrayList<>();
    for (UnpinnedImage unpinned : graph.unpinned()) {
      problems.add(unpinned.notPinned().render());
    }
    // A property of the BUILD files: every goal reports it, not only run (which would flip the
    // tag on every run).
    for (TargetException conflict : TagConflicts.find(graph.images())) {
      problems.add(conflict.render());
    }
    if (!problems.isEmpty()) {
      throw new TargetSource.LoadException(problems);
    }
    return graph;
  }

  /**
   * Resolves specs as {@link #resolve} does, for {@code mirror pin}: selected targets without a
   * {@code sha} are no error but part of the graph ({@link TargetGraph#unpinned}, {@link
   * TargetGraph#pinCandidates}). Tags that would move are not reported either, as pinning may
   * be what settles them; the goals that read the pinned files report those that remain.
   *
   * @throws TargetSource.LoadException for BUILD files that cannot be evaluated
   */
  public TargetGraph resolveForPinning(List<String> args)
      throws SpecException, TargetSource.LoadException {
    List<String> all = new ArrayList<>(args);
    List<Path> specFiles = new ArrayList<>();
    for (String f : config.specFiles()) {
      specFiles.add(root.resolve(f));
    }
    all.addAll(SpecParser.readSpecFiles(specFiles));
    Specs specs = new SpecParser(root, cwd, loader).parseAll(all);
    loader.prefetch(specs.directoriesToLoad(loader));
    MirrorConfig.Filters f = config.filters();
    Filters filters = Filters.of(f.tag(), f.targetType(), f.addressRegex(), f.tagRegex())
        .withGranularity(f.granularity());
    UnmatchedGlobs mode = UnmatchedGlobs.fromOption(config.unmatchedCliGlobs().optionValue());
    Resolution resolution = new SpecResolver().resolve(specs, filters, loader, mode);
    // Other backends' types are known only once their BUILD files ran.
    filters.checkTargetTypes(loader.knownTypes());
    return new TargetGraph(resolution.targets(), images(resolution.targets()),
        resolution.warnings());
  }

  /**
   * The images the targets (sorted by address, each once) stand for, sorted by address, each
   * once. A plain target's image has the target's address, so those come in order as they are;
   * only a generator's images need sorting, among its generated targets' (an image can come from
   * both), and all of those sort right after the generator and before any other target.
   */
  private static List<MirrorImage> images(List<Target> targets) {
    List<MirrorImage> images = new ArrayList<>(targets.size());
    List<MirrorImage> family = new ArrayList<>();
    Address generator = null;
    for (Target target : targets) {
      if (generator != null && !generated(target.address(), generator)) {
        addSorted(family, images);
        generator = null;
      }
      if (target.generator()) {
        addSorted(family, images);
        generator = target.address();
      }
      (generator != null ? family : images).addAll(target.images());
    }
    addSorted(family, images);
    return images;
  }

  /** Whether {@code address} is one that the generator at {@code generator} made. */
  private static boolean generated(Address address, Address generator) {
    return address.isGenerated() && address.specPath().equals(generator.specPath())
        && Objects.equals(address.targetName(), generator.targetName())
        && address.parameters().equals(generator.parameters());
  }

  /** Moves {@code family} to the end of {@code images}, sorted by address, each address once. */
  private static void addSorted(List<MirrorImage> family, List<MirrorImage> images) {
    family.sort(Comparator.comparing(MirrorImage::address));
    for (MirrorImage image : family) {
      if (images.isEmpty()
          || images.get(images.size() - 1).address().compareTo(image.address()) != 0) {
        images.add(image);
      }
    }
    family.clear();
  }

  /** Warnings of the configuration and of the BUILD files evaluated so far. */
  public List<String> warnings() {
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
