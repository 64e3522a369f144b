package dev.mirror.options;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Pants options mirror honours, resolved from pants.toml, rc files, {@code PANTS_*} variables
 * and flags ({@link ConfigLoader}). Defaults are Pants 2.24's.
 *
 * @param buildRoot the absolute build root
 * @param repoConfigFiles the repo config files read (pants.toml, or those of
 *     {@code --pants-config-files}), lowest precedence first
 * @param rcFiles the rc files read after them (/etc/pantsrc, ~/.pants.rc, .pants.rc)
 * @param backendPackages {@code [GLOBAL].backend_packages}
 * @param pantsVersion {@code [GLOBAL].pants_version}, null when unset
 * @param buildPatterns file-name globs of BUILD files, {@code [GLOBAL].build_patterns}
 * @param buildIgnore gitignore-style patterns hiding BUILD files only
 * @param pantsIgnore gitignore-style patterns hiding paths from everything, as configured; the
 *     workdir and distdir are added by the ignore rules
 * @param pantsIgnoreUseGitignore whether the global excludes, .gitignore and .git/info/exclude
 *     count as well
 * @param buildFilePreludeGlobs globs, relative to the build root, of prelude files
 * @param filters {@code --tag} and {@code --filter-*}
 * @param unmatchedCliGlobs what to do when a command-line glob matches nothing
 * @param specFiles files with extra specs, one per line
 * @param list the {@code [list]} options
 * @param peek the {@code [peek]} options
 * @param mirror the {@code [mirror]} options (run and plan)
 */
public record MirrorConfig(
    Path buildRoot,
    List<Path> repoConfigFiles,
    List<Path> rcFiles,
    List<String> backendPackages,
    String pantsVersion,
    List<String> buildPatterns,
    List<String> buildIgnore,
    List<String> pantsIgnore,
    boolean pantsIgnoreUseGitignore,
    List<String> buildFilePreludeGlobs,
    Filters filters,
    UnmatchedCliGlobs unmatchedCliGlobs,
    List<String> specFiles,
    ListGoal list,
    PeekGoal peek,
    Mirror mirror) {

  /** The backend that defines oci_mirror_image(s) in Pants itself. */
  public static final String MIRROR_BACKEND = "pants_backend_oci.utility.mirror";

  public static final List<String> DEFAULT_BUILD_PATTERNS = List.of("BUILD", "BUILD.*");

  // The two re-includes arrived in Pants 2.20.
  public static final List<String> DEFAULT_PANTS_IGNORE =
      List.of(".*/", "/dist/", "__pycache__", "!.semgrep/", "!.github/");

  public MirrorConfig {
    repoConfigFiles = List.copyOf(repoConfigFiles);
    rcFiles = List.copyOf(rcFiles);
    backendPackages = List.copyOf(backendPackages);
    buildPatterns = List.copyOf(buildPatterns);
    buildIgnore = List.copyOf(buildIgnore);
    pantsIgnore = List.copyOf(pantsIgnore);
    buildFilePreludeGlobs = List.copyOf(buildFilePreludeGlobs);
    specFiles = List.copyOf(specFiles);
  }

  /** Pants' defaults, as if no config file, variable or flag said anything. */
  public static MirrorConfig defaults(Path buildRoot) {
    return new MirrorConfig(buildRoot, List.of(), List.of(), List.of(), null,
        DEFAULT_BUILD_PATTERNS, List.of(), DEFAULT_PANTS_IGNORE, true, List.of(),
        Filters.NONE, UnmatchedCliGlobs.ERROR, List.of(), ListGoal.DEFAULTS, PeekGoal.DEFAULTS,
        Mirror.DEFAULTS);
  }

  /**
   * A warning for users who also run Pants: when a pants.toml was read and its backend_packages
   * lacks the mirror backend, Pants itself would reject the BUILD files mirror reads. Empty
   * otherwise.
   */
  public Optional<String> backendWarning() {
    if (repoConfigFiles.isEmpty() || backendPackages.contains(MIRROR_BACKEND)) {
      return Optional.empty();
    }
    Path first = repoConfigFiles.get(0);
    String name = first.startsWith(buildRoot) ? buildRoot.relativize(first).toString()
        : first.toString();
    return Optional.of(name + " does not list " + MIRROR_BACKEND
        + " in [GLOBAL].backend_packages: Pants itself would not know oci_mirror_image and"
        + " oci_mirror_images.");
  }

  /**
   * The target filters. Each list holds the values as given, one per flag or list element; an
   * element may start with {@code +} or {@code -} and hold a comma list (commas mean OR, a leading
   * {@code -} negates the whole element, separate elements are ANDed). {@code granularity} is
   * {@code [filter].granularity} as Pants spells it: {@code all} (the default), {@code file} or
   * {@code BUILD}.
   */
  public record Filters(List<String> tag, List<String> targetType, List<String> addressRegex,
      List<String> tagRegex, String granularity) {

    /** Pants' {@code TargetGranularity} values, matched exactly: {@code build} is refused. */
    public static final List<String> GRANULARITIES = List.of("all", "file", "BUILD");

    static final Filters NONE = new Filters(List.of(), List.of(), List.of(), List.of());

    public Filters {
      tag = List.copyOf(tag);
      targetType = List.copyOf(targetType);
      addressRegex = List.copyOf(addressRegex);
      tagRegex = List.copyOf(tagRegex);
      if (!GRANULARITIES.contains(granularity)) {
        throw new IllegalArgumentException("granularity: " + granularity);
      }
    }

    /** The filters with the default granularity, {@code all}. */
    public Filters(List<String> tag, List<String> targetType, List<String> addressRegex,
        List<String> tagRegex) {
      this(tag, targetType, addressRegex, tagRegex, "all");
    }
  }

  /**
   * The {@code [list]} options. {@code sep} is kept as written ({@code \n} is two characters by
   * default): the list goal decodes escapes as Pants does. {@code outputFile} is null when unset.
   */
  public record ListGoal(boolean documented, String sep, String outputFile) {
    static final ListGoal DEFAULTS = new ListGoal(false, "\\n", null);
  }

  /** The {@code [peek]} options; {@code outputFile} is null when unset. */
  public record PeekGoal(boolean excludeDefaults, String outputFile) {
    static final PeekGoal DEFAULTS = new PeekGoal(false, null);
  }

  /**
   * The {@code [mirror]} options of run and plan. {@code onDrift} is what to do when a
   * destination tag points at another digest than the pin: one of {@link #ON_DRIFT_CHOICES}.
   */
  public record Mirror(String onDrift) {
    public static final List<String> ON_DRIFT_CHOICES = List.of("overwrite", "fail", "keep");
    static final Mirror DEFAULTS = new Mirror("overwrite");
  }

  /** {@code [GLOBAL].unmatched_cli_globs}. */
  public enum UnmatchedCliGlobs {
    ERROR, WARN, IGNORE;

    /** The value as written in pants.toml. */
    public String optionValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
