package dev.mirror.buildfiles;

import dev.mirror.options.MirrorConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Config;

/**
 * Which paths mirror must not see, as Pants decides it: one gitignore-style rule list anchored at
 * the build root, made of the global git excludes file, the root {@code .gitignore} and {@code
 * .git/info/exclude} (those three only when {@code pants_ignore_use_gitignore}), then {@code
 * pants_ignore}, then the workdir and distdir. The last matching rule wins, so {@code !x} in
 * pants_ignore re-includes a gitignored path. Nested .gitignore files are not read, as in Pants.
 *
 * <p>Pants never descends into an ignored directory, so a path is also ignored when any of its
 * ancestors is: as in git, {@code !x} cannot re-include a path below an excluded directory.
 * {@code build_ignore} is a second rule list with the same matching that hides BUILD files only.
 *
 * <p>Matching is JGit's ({@link FastIgnoreRule}), which follows git's gitignore rules; Pants uses
 * the Rust {@code ignore} crate, which does too.
 */
public final class IgnoreRules {

  private final IgnoreNode pantsIgnore;
  private final IgnoreNode buildIgnore;
  private final List<String> sources;

  private IgnoreRules(IgnoreNode pantsIgnore, IgnoreNode buildIgnore, List<String> sources) {
    this.pantsIgnore = pantsIgnore;
    this.buildIgnore = buildIgnore;
    this.sources = List.copyOf(sources);
  }

  /**
   * The ignore files the rules were read from, each as its path, a newline and its text: equal
   * lists make equal rules (the options' patterns aside), which a resident mirror relies on.
   */
  List<String> sources() {
    return sources;
  }

  /**
   * The rules for {@code config}'s build root. {@code globalExcludesFile} is git's
   * {@code core.excludesFile} ({@link #globalExcludesFile} finds it); empty means none.
   */
  public static IgnoreRules load(MirrorConfig config, Optional<Path> globalExcludesFile)
      throws BuildFileException {
    Path root = config.buildRoot();
    List<FastIgnoreRule> rules = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    if (config.pantsIgnoreUseGitignore()) {
      List<Path> files = new ArrayList<>();
      globalExcludesFile.ifPresent(files::add);
      files.add(root.resolve(".gitignore"));
      // Like Pants, .git is hardcoded; $GIT_DIR and worktree .git files are not followed.
      files.add(root.resolve(".git").resolve("info").resolve("exclude"));
      for (Path file : files) {
        if (Files.isRegularFile(file)) {
          rules.addAll(readRules(root, file, sources));
        }
      }
    }
    List<String> pantsIgnore = new ArrayList<>(config.pantsIgnore());
    // Pants' compute_pants_ignore appends the workdir and distdir after the user's patterns,
    // without a trailing slash so that a symlink there is hidden too.
    pantsIgnore.add("/.pants.d");
    pantsIgnore.add("/dist");
    rules.addAll(parseRules(pantsIgnore));
    return new IgnoreRules(new IgnoreNode(rules), new IgnoreNode(parseRules(config.buildIgnore())),
        sources);
  }

  /**
   * Git's global excludes file, when it exists: {@code core.excludesFile} from {@code
   * ~/.gitconfig} or, failing that, {@code $XDG_CONFIG_HOME/git/config}; else {@code
   * $XDG_CONFIG_HOME/git/ignore}, where XDG_CONFIG_HOME defaults to {@code ~/.config}. Unreadable
   * git configs are skipped, as git and the ignore crate skip them.
   */
  public static Optional<Path> globalExcludesFile(Map<String, String> env, Path homeDir) {
    Path file = globalExcludesPath(env, homeDir);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Where git looks for the global excludes file, whether or not it exists. */
  static Path globalExcludesPath(Map<String, String> env, Path homeDir) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path xdgHome = xdg == null || xdg.isEmpty() ? homeDir.resolve(".config") : Path.of(xdg);
    for (Path gitconfig : List.of(homeDir.resolve(".gitconfig"),
        xdgHome.resolve("git").resolve("config"))) {
      Optional<String> excludes = excludesFileSetting(gitconfig);
      if (excludes.isPresent()) {
        String value = excludes.get();
        if (value.equals("~") || value.startsWith("~/")) {
          return homeDir.resolve(value.substring(Math.min(2, value.length())));
        }
        return homeDir.resolve(value); // absolute stays absolute
      }
    }
    return xdgHome.resolve("git").resolve("ignore");
  }

  private static Optional<String> excludesFileSetting(Path gitconfig) {
    if (!Files.isRegularFile(gitconfig)) {
      return Optional.empty();
    }
    try {
      Config config = new Config();
      config.fromText(Files.readString(gitconfig, StandardCharsets.UTF_8));
      String value = config.getString("core", null, "excludesFile");
      return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code relativePath} (relative to the build root, '/'-separated, "" for the root) is
   * hidden by pants_ignore or gitignore rules, itself or through an ignored ancestor directory.
   */
  public boolean isIgnored(String relativePath, boolean directory) {
    return ignoredWithAncestors(pantsIgnore, relativePath, directory);
  }

  /** Whether {@code build_ignore} hides the BUILD file at {@code relativePath}. */
  public boolean buildIgnored(String relativePath) {
    return ignoredWithAncestors(buildIgnore, relativePath, false);
  }

  /**
   * Whether the rules hide {@code relativePath} itself, its ancestors aside: for a walk that has
   * already skipped ignored directories.
   */
  boolean ignoredItself(String relativePath, boolean directory) {
    return !relativePath.isEmpty()
        && Boolean.TRUE.equals(pantsIgnore.checkIgnored(relativePath, directory));
  }

  private static boolean ignoredWithAncestors(IgnoreNode node, String path, boolean directory) {
    if (path.isEmpty()) {
      return false; // the build root itself is never ignored
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (Boolean.TRUE.equals(node.checkIgnored(path.substring(0, slash), true))) {
        return true;
      }
    }
    return Boolean.TRUE.equals(node.checkIgnored(path, directory));
  }

  private static List<FastIgnoreRule> readRules(Path root, Path file, List<String> sources)
      throws BuildFileException {
    try {
      byte[] text = Files.readAllBytes(file);
      sources.add(file + "\n" + new String(text, StandardCharsets.UTF_8));
      IgnoreNode node = new IgnoreNode();
      node.parse(file.toString(), new ByteArrayInputStream(text));
      return node.getRules();
    } catch (IOException e) {
      String name = file.startsWith(root) ? root.relativize(file).toString() : file.toString();
      throw new BuildFileException(BuildFileException.Kind.IO,
          "Failed to read ignore file " + name + ": " + e.getMessage(), name, 0);
    }
  }

  /** Patterns given as option values, parsed as lines of a .gitignore file (comments too). */
  private static List<FastIgnoreRule> parseRules(List<String> patterns) {
    IgnoreNode node = new IgnoreNode();
    try {
      node.parse(new ByteArrayInputStream(
          String.join("\n", patterns).getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail", e);
    }
    return node.getRules();
  }
}
