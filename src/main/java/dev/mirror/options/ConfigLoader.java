package dev.mirror.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@link MirrorConfig} as Pants resolves its options: defaults, then the repo config
 * files (pants.toml at the build root, or those named by {@code PANTS_CONFIG_FILES} /
 * {@code --pants-config-files}), then the rc files ({@code /etc/pantsrc}, {@code ~/.pants.rc},
 * {@code <buildroot>/.pants.rc}, unless {@code pantsrc} is false), then {@code PANTS_*}
 * variables, then flags; later wins, and list options are edited in that order. Sections and keys
 * mirror does not know are ignored.
 *
 * <p>The environment, the home directory and the system rc file are constructor parameters so
 * that tests never read the machine's.
 */
public final class ConfigLoader {

  private static final OptionId PANTS_CONFIG_FILES = OptionId.global("pants_config_files");
  private static final OptionId PANTSRC = OptionId.global("pantsrc");
  private static final OptionId PANTSRC_FILES = OptionId.global("pantsrc_files");

  private final Map<String, String> env;
  private final Path homeDir;
  private final Path systemPantsrc;

  /**
   * @param env the environment ({@code PANTS_*} options, {@code %(env.X)s} placeholders)
   * @param homeDir the user's home: {@code ~/.pants.rc} and the {@code homedir} placeholder
   * @param systemPantsrc the system-wide rc file, {@code /etc/pantsrc} in production
   */
  public ConfigLoader(Map<String, String> env, Path homeDir, Path systemPantsrc) {
    this.env = Map.copyOf(env);
    this.homeDir = homeDir;
    this.systemPantsrc = systemPantsrc;
  }

  /**
   * Loads the configuration of {@code buildRoot}.
   *
   * @param flags command-line option values keyed {@code scope.option} as in pants.toml
   *     ({@code GLOBAL.tag}, {@code list.sep}, {@code filter.target_type}), each value as typed; a
   *     repeated list flag appends, {@code +[...]}/{@code -[...]} edit, {@code [...]} replaces, a
   *     scalar's last value wins. Booleans are {@code true}/{@code false}, an empty value meaning
   *     true; {@code --no-pantsrc} is {@code GLOBAL.pantsrc = false}.
   */
  public MirrorConfig load(Path buildRoot, Map<String, List<String>> flags)
      throws OptionsException {
    Path root = buildRoot.toAbsolutePath().normalize();
    Map<String, String> seeds = seeds(root);

    // Bootstrap options are read from env and flags only, before any config file, as in Pants.
    OptionSources bootstrap = new OptionSources(List.of(), env, flags);
    Path defaultConfig = root.resolve("pants.toml");
    List<ConfigFile> repoConfigs = new ArrayList<>();
    for (String name : bootstrap.stringList(List.of(defaultConfig.toString()),
        PANTS_CONFIG_FILES)) {
      Path path = root.resolve(name).normalize();
      if (!Files.isRegularFile(path)) {
        if (path.equals(defaultConfig)) {
          continue; // a BUILDROOT marker without pants.toml is fine
        }
        throw new OptionsException(OptionsException.Kind.CONFIG,
            "The config file " + path + " named by --pants-config-files or"
                + " PANTS_CONFIG_FILES does not exist.");
      }
      repoConfigs.add(ConfigFile.read(path, displayName(root, path), seeds));
    }

    OptionSources withRepo = new OptionSources(repoConfigs, env, flags);
    List<ConfigFile> rcConfigs = new ArrayList<>();
    if (withRepo.bool(true, PANTSRC)) {
      List<String> defaults = List.of(systemPantsrc.toString(), "~/.pants.rc", ".pants.rc");
      for (String name : withRepo.stringList(defaults, PANTSRC_FILES)) {
        Path path = rcPath(root, name);
        if (Files.isRegularFile(path)) {
          rcConfigs.add(ConfigFile.read(path, displayName(root, path), seeds));
        }
      }
    }

    List<ConfigFile> all = new ArrayList<>(repoConfigs);
    all.addAll(rcConfigs);
    return options(root, new OptionSources(all, env, flags),
        repoConfigs.stream().map(ConfigFile::path).toList(),
        rcConfigs.stream().map(ConfigFile::path).toList());
  }

  private static MirrorConfig options(Path root, OptionSources sources, List<Path> repoFiles,
      List<Path> rcFiles) throws OptionsException {
    MirrorConfig defaults = MirrorConfig.defaults(root);
    OptionId filterTag = new OptionId("filter", "tag");
    MirrorConfig.Filters filters = new MirrorConfig.Filters(
        sources.stringList(List.of(), OptionId.global("tag"), filterTag),
        sources.stringList(List.of(), OptionId.global("filter_target_type"),
            new OptionId("filter", "target_type")),
        sources.stringList(List.of(), OptionId.global("filter_address_regex"),
            new OptionId("filter", "address_regex")),
        sources.stringList(List.of(), OptionId.global("filter_tag_regex"),
            new OptionId("filter", "tag_regex")),
        // Pants' EnumOption takes TargetGranularity(value): exact spellings only.
        sources.choice("all", MirrorConfig.Filters.GRANULARITIES,
            OptionId.global("filter_granularity"), new OptionId("filter", "granularity")));
    List<String> globChoices = List.of("error", "warn", "ignore");
    String unmatched = sources.choice(defaults.unmatchedCliGlobs().optionValue(), globChoices,
        OptionId.global("unmatched_cli_globs"));
    MirrorConfig.ListGoal list = new MirrorConfig.ListGoal(
        sources.bool(defaults.list().documented(), new OptionId("list", "documented")),
        sources.string(new OptionId("list", "sep")).orElse(defaults.list().sep()),
        sources.string(new OptionId("list", "output_file")).orElse(null));
    MirrorConfig.PeekGoal peek = new MirrorConfig.PeekGoal(
        sources.bool(defaults.peek().excludeDefaults(), new OptionId("peek", "exclude_defaults")),
        sources.string(new OptionId("peek", "output_file")).orElse(null));
    MirrorConfig.Mirror mirror = new MirrorConfig.Mirror(sources.choice(
        defaults.mirror().onDrift(), MirrorConfig.Mirror.ON_DRIFT_CHOICES,
        new OptionId("mirror", "on_drift")));
    return new MirrorConfig(
        root,
        repoFiles,
        rcFiles,
        sources.stringList(defaults.backendPackages(), OptionId.global("backend_packages")),
        sources.string(OptionId.global("pants_version")).orElse(null),
        sources.stringList(defaults.buildPatterns(), OptionId.global("build_patterns")),
        sources.stringList(defaults.buildIgnore(), OptionId.global("build_ignore")),
        sources.stringList(defaults.pantsIgnore(), OptionId.global("pants_ignore")),
        sources.bool(defaults.pantsIgnoreUseGitignore(),
            OptionId.global("pants_ignore_use_gitignore")),
        sources.stringList(defaults.buildFilePreludeGlobs(),
            OptionId.global("build_file_prelude_globs")),
        filters,
        MirrorConfig.UnmatchedCliGlobs.valueOf(unmatched.toUpperCase(java.util.Locale.ROOT)),
        sources.stringList(defaults.specFiles(), OptionId.global("spec_files")),
        list,
        peek,
        mirror);
  }

  /** The names every config file may interpolate besides its own sections. */
  private Map<String, String> seeds(Path root) {
    Map<String, String> seeds = new LinkedHashMap<>();
    env.forEach((name, value) -> seeds.put("env." + name, value));
    seeds.put("buildroot", root.toString());
    seeds.put("homedir", homeDir.toString());
    seeds.put("user", userName());
    seeds.put("pants_workdir", root.resolve(".pants.d").toString());
    seeds.put("pants_distdir", root.resolve("dist").toString());
    return seeds;
  }

  private String userName() {
    for (String variable : List.of("USER", "LOGNAME", "USERNAME")) {
      String value = env.get(variable);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return System.getProperty("user.name", "");
  }

  /**
   * An rc file path: {@code ~} is the home directory; a relative path is taken from the build
   * root (Pants takes it from the cwd, where pants runs: the build root).
   */
  private Path rcPath(Path root, String name) {
    if (name.equals("~") || name.startsWith("~/")) {
      return homeDir.resolve(name.substring(Math.min(2, name.length()))).normalize();
    }
    return root.resolve(name).normalize();
  }

  private static String displayName(Path root, Path path) {
    return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
  }
}
