package dev.mirror.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every goal takes, before or after the goal's name ({@code mirror --tag=x list ::}
 * equals {@code mirror list --tag=x ::}), as Pants' global options. They become the flag map
 * the configuration loader merges over pants.toml, rc files and PANTS_* variables.
 */
public final class GlobalOptions {
  @Option(names = "--build-root", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "The build root (default: the nearest ancestor with pants.toml, BUILDROOT or"
          + " BUILD_ROOT; or PANTS_BUILDROOT_OVERRIDE).")
  Path buildRoot;

  @Option(names = "--tag", paramLabel = "[+|-]TAG,...", scope = ScopeType.INHERIT,
      description = "Only targets with (or, after '-', without) one of these tags.")
  List<String> tag = new ArrayList<>();

  @Option(names = "--filter-target-type", paramLabel = "[+|-]TYPE,...", scope = ScopeType.INHERIT,
      description = "Only targets of (or, after '-', not of) one of these types.")
  List<String> filterTargetType = new ArrayList<>();

  @Option(names = "--filter-address-regex", paramLabel = "[+|-]REGEX,...",
      scope = ScopeType.INHERIT,
      description = "Only targets whose address matches (or does not) one of these regexes.")
  List<String> filterAddressRegex = new ArrayList<>();

  @Option(names = "--filter-tag-regex", paramLabel = "[+|-]REGEX,...", scope = ScopeType.INHERIT,
      description = "Only targets with a tag matching (or none matching) one of these regexes.")
  List<String> filterTagRegex = new ArrayList<>();

  @Option(names = "--filter-granularity", paramLabel = "all|file|BUILD",
      scope = ScopeType.INHERIT,
      description = "Only targets declared in BUILD files (BUILD), only file-level targets (file;"
          + " mirror has none), or all (the default).")
  String filterGranularity;

  @Option(names = "--spec-files", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Read more specs from FILE, one per line.")
  List<String> specFiles = new ArrayList<>();

  @Option(names = "--unmatched-cli-globs", paramLabel = "error|warn|ignore",
      scope = ScopeType.INHERIT,
      description = "What a spec's glob that matches no directory does (default: error).")
  String unmatchedCliGlobs;

  @Option(names = "--pants-ignore", paramLabel = "PATTERN", scope = ScopeType.INHERIT,
      description = "Paths to ignore (gitignore syntax); '+[...]' and '-[...]' edit the list.")
  List<String> pantsIgnore = new ArrayList<>();

  @Option(names = "--build-patterns", paramLabel = "GLOB", scope = ScopeType.INHERIT,
      description = "File names of BUILD files (default: BUILD, BUILD.*).")
  List<String> buildPatterns = new ArrayList<>();

  @Option(names = "--build-ignore", paramLabel = "PATTERN", scope = ScopeType.INHERIT,
      description = "BUILD files to ignore (gitignore syntax).")
  List<String> buildIgnore = new ArrayList<>();

  @Option(names = "--pants-config-files", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Config files to read instead of pants.toml.")
  List<String> pantsConfigFiles = new ArrayList<>();

  @Option(names = "--no-pantsrc", scope = ScopeType.INHERIT,
      description = "Do not read .pants.rc files.")
  boolean noPantsrc;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Show Java stack traces of internal errors.")
  boolean debug;

  /**
   * The launcher's choice ({@code mirror} hands the command to the daemon or not, the last of
   * these flags winning); accepted here so that a run in a JVM of its own takes the same command
   * line.
   */
  @Option(names = "--daemon", negatable = true, arity = "0", scope = ScopeType.INHERIT,
      description = "Run through the resident mirror daemon (default: when stderr is a terminal"
          + " and CI is not set; MIRROR_DAEMON=0|1).")
  List<Boolean> daemon = new ArrayList<>();

  /** The options given, keyed as pants.toml names them ({@code GLOBAL.tag}). */
  Map<String, List<String>> asFlags() {
    Map<String, List<String>> flags = new LinkedHashMap<>();
    put(flags, "GLOBAL.tag", tag);
    put(flags, "GLOBAL.filter_target_type", filterTargetType);
    put(flags, "GLOBAL.filter_address_regex", filterAddressRegex);
    put(flags, "GLOBAL.filter_tag_regex", filterTagRegex);
    put(flags, "GLOBAL.spec_files", specFiles);
    put(flags, "GLOBAL.pants_ignore", pantsIgnore);
    put(flags, "GLOBAL.build_patterns", buildPatterns);
    put(flags, "GLOBAL.build_ignore", buildIgnore);
    put(flags, "GLOBAL.pants_config_files", pantsConfigFiles);
    if (filterGranularity != null) {
      flags.put("GLOBAL.filter_granularity", List.of(filterGranularity));
    }
    if (unmatchedCliGlobs != null) {
      flags.put("GLOBAL.unmatched_cli_globs", List.of(unmatchedCliGlobs));
    }
    if (noPantsrc) {
      flags.put("GLOBAL.pantsrc", List.of("false"));
    }
    return flags;
  }

  private static void put(Map<String, List<String>> flags, String key, List<String> values) {
    if (!values.isEmpty()) {
      flags.put(key, List.copyOf(values));
    }
  }
}
