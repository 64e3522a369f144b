package dev.mirror.buildfiles;

import dev.mirror.options.MirrorConfig;
import dev.mirror.targets.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Finds BUILD files and prelude files under the build root, seeing only what {@link IgnoreRules}
 * leaves visible. Paths given and returned as strings are relative to the build root,
 * '/'-separated, "" for the root; files are returned as absolute paths.
 *
 * <p>A BUILD file is a regular file (or a symlink to one) whose name matches a {@code
 * build_patterns} glob, that no pants_ignore or build_ignore rule hides. Symlinked directories are
 * not followed. The whole tree is walked at most once, lazily, when a recursive question is first
 * asked; a single directory is listed on its own, so {@code mirror list images/python:} does not
 * pay for the walk. Safe for concurrent use.
 */
public final class BuildFileFinder {

  private final Path root;
  private final IgnoreRules ignores;
  private final List<PathMatcher> buildPatterns;
  private final List<String> preludeGlobs;
  private final LoadMemo.Generation memo;
  private final Map<String, List<Path>> buildFilesByDirectory = new ConcurrentHashMap<>();
  private volatile List<String> buildDirectories; // every directory with BUILD files, sorted

  public BuildFileFinder(MirrorConfig config, IgnoreRules ignores) {
    this(config, ignores, LoadMemo.forgetful());
  }

  /** A finder that reuses, and adds to, the listings {@code memo} keeps for these settings. */
  public BuildFileFinder(MirrorConfig config, IgnoreRules ignores, LoadMemo memo) {
    this.root = config.buildRoot();
    this.ignores = ignores;
    this.memo = memo.generation(LoadMemo.Key.of(config, ignores));
    // build_patterns are file-name globs tried in every directory (Pants joins them to the path).
    this.buildPatterns = config.buildPatterns().stream()
        .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
        .toList();
    this.preludeGlobs = config.buildFilePreludeGlobs();
  }

  /** The memo this finder reads and adds to; the loader keeps its outcomes there too. */
  LoadMemo.Generation memo() {
    return memo;
  }

  /** The BUILD files directly in {@code dir}, sorted; empty when it has none or is hidden. */
  public List<Path> buildFiles(String dir) {
    if (!isCleanPath(dir)) {
      return List.of();
    }
    return buildFilesByDirectory.computeIfAbsent(dir, this::listBuildFiles);
  }

  /** Whether {@code dir} is a real (not symlinked), visible directory under the build root. */
  public boolean directoryExists(String dir) {
    if (!isCleanPath(dir)) {
      return false;
    }
    Path path = root.resolve(dir);
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && noSymlinkedParents(dir)
        && !ignores.isIgnored(dir, true);
  }

  /** Whether {@code path} (a file or directory) exists under the build root and is visible. */
  public boolean pathExists(String path) {
    if (!isCleanPath(path) || path.isEmpty()) {
      return path.isEmpty();
    }
    Path file = root.resolve(path);
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS) && noSymlinkedParents(path)
        && !ignores.isIgnored(path, Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * The visible, not symlinked directories directly in {@code dir}, sorted, as paths relative to
   * the build root: what shell completion offers for a spec.
   */
  public List<String> subdirectories(String dir) {
    if (!isCleanPath(dir)) {
      return List.of();
    }
    List<String> dirs = new ArrayList<>();
    visibleEntries(dir).forEach((path, directory) -> {
      if (directory) {
        dirs.add(path);
      }
    });
    return List.copyOf(dirs);
  }

  /**
   * Whether the command-line file glob {@code glob} (relative to the build root, e.g. {@code
   * *.txt}, {@code images/*}, {@code **}{@code /BUILD}) matches a visible file or directory, as
   * Pants' PathGlobs count a match: {@code *}, {@code ?} and {@code [...]} stay within one
   * component, {@code **} spans any number of directories (none too, and as the last component
   * everything below). Ignored and symlinked entries are invisible, as in every other lookup.
   */
  public boolean globMatches(String glob) {
    if (glob.isEmpty() || glob.startsWith("/")) {
      return false;
    }
    return globMatches("", List.of(glob.split("/", -1)), 0);
  }

  private boolean globMatches(String dir, List<String> parts, int index) {
    String part = parts.get(index);
    boolean last = index == parts.size() - 1;
    if (part.equals("**")) {
      if (last) {
        return !visibleEntries(dir).isEmpty();
      }
      if (globMatches(dir, parts, index + 1)) {
        return true; // ** as no directory at all
      }
      for (Map.Entry<String, Boolean> e : visibleEntries(dir).entrySet()) {
        if (e.getValue() && globMatches(e.getKey(), parts, index)) {
          return true;
        }
      }
      return false;
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + part);
    for (Map.Entry<String, Boolean> e : visibleEntries(dir).entrySet()) {
      String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
      if (!matcher.matches(Path.of(name))) {
        continue;
      }
      if (last || (e.getValue() && globMatches(e.getKey(), parts, index + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The visible entries of a visible directory: relative path to whether it is a directory. */
  private Map<String, Boolean> visibleEntries(String dir) {
    Map<String, Boolean> out = new TreeMap<>();
    if (!directoryExists(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(dir))) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String relative = dir.isEmpty() ? name : dir + "/" + name;
        if (Files.isSymbolicLink(entry)) {
          continue;
        }
        boolean directory = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
        if (!ignores.ignoredItself(relative, directory)) {
          out.put(relative, directory);
        }
      }
    } catch (IOException e) {
      return out; // unreadable counts as absent, as in the walk
    }
    return out;
  }

  /**
   * Every visible directory at or below {@code dir} that holds BUILD files, in Pants' path order
   * (component-wise: "a" < "a/b" < "a-b").
   */
  public List<String> buildDirectoriesUnder(String dir) {
    if (!isCleanPath(dir)) {
      return List.of();
    }
    List<String> all = allBuildDirectories();
    if (dir.isEmpty()) {
      return all;
    }
    String prefix = dir + "/";
    return all.stream().filter(d -> d.equals(dir) || d.startsWith(prefix)).toList();
  }

  /**
   * The files matching {@code build_file_prelude_globs}, sorted by path. The globs are relative
   * to the build root; {@code *} stays within a directory, {@code **} spans any number of them
   * (none too), and a glob starting with {@code !} excludes, as in Pants' PathGlobs.
   */
  public List<Path> preludeFiles() {
    List<FastIgnoreRule> includes = new ArrayList<>();
    List<FastIgnoreRule> excludes = new ArrayList<>();
    List<String> bases = new ArrayList<>();
    for (String glob : preludeGlobs) {
      boolean exclude = glob.startsWith("!");
      String pattern = stripLeadingSlashes(exclude ? glob.substring(1) : glob);
      if (pattern.isEmpty()) {
        continue;
      }
      // A leading slash anchors a gitignore pattern at the root, as a glob is.
      FastIgnoreRule rule = new FastIgnoreRule("/" + pattern);
      (exclude ? excludes : includes).add(rule);
      if (!exclude) {
        bases.add(literalPrefix(pattern));
      }
    }
    TreeMap<String, Path> found = new TreeMap<>(BuildFileFinder::comparePaths);
    for (String base : outermost(bases)) {
      if (!directoryExists(base)) {
        continue;
      }
      walk(base, (relative, file, attrs) -> {
        if (includes.stream().anyMatch(r -> r.isMatch(relative, false, true))
            && excludes.stream().noneMatch(r -> r.isMatch(relative, false, true))
            && isRegularFile(file, attrs)
            && !ignores.ignoredItself(relative, false)) {
          found.put(relative, file);
        }
      });
    }
    return List.copyOf(found.values());
  }

  private List<String> allBuildDirectories() {
    List<String> result = buildDirectories;
    if (result == null) {
      synchronized (this) {
        result = buildDirectories;
        if (result == null) {
          result = walkBuildDirectories();
          buildDirectories = result;
        }
      }
    }
    return result;
  }

  /**
   * Every visible directory with BUILD files, found by listing the tree from the root. A listing
   * the memo holds is used again when its directory's stamp still matches (adding, removing or
   * renaming an entry changes a directory's modification time); the others are listed anew.
   */
  private List<String> walkBuildDirectories() {
    Set<String> unchanged = unchangedListings();
    List<String> dirs = new ArrayList<>();
    // Each directory to list, with its stamp when its parent was just listed (else null).
    ArrayDeque<Map.Entry<String, Optional<FileStamp>>> pending = new ArrayDeque<>();
    pending.push(Map.entry("", Optional.empty()));
    while (!pending.isEmpty()) {
      Map.Entry<String, Optional<FileStamp>> next = pending.pop();
      String dir = next.getKey();
      Map<String, FileStamp> childStamps = new HashMap<>();
      LoadMemo.Listing listing = walkListing(dir, next.getValue(), childStamps, unchanged);
      if (!listing.buildFiles().isEmpty()) {
        dirs.add(dir);
        buildFilesByDirectory.putIfAbsent(dir, listing.buildFiles());
      }
      for (String sub : listing.subdirectories()) {
        pending.push(Map.entry(sub, Optional.ofNullable(childStamps.get(sub))));
      }
    }
    dirs.sort(BuildFileFinder::comparePaths);
    return List.copyOf(dirs);
  }

  /**
   * A directory's full listing for the walk: the memo's, when its stamp vouches for the directory
   * now, else a new one. {@code seen} is the directory's stamp from its parent's listing just
   * made (no need to look again); {@code childStamps} receives the subdirectories' stamps when
   * this directory is listed anew.
   */
  private LoadMemo.Listing walkListing(String dir, Optional<FileStamp> seen,
      Map<String, FileStamp> childStamps, Set<String> unchanged) {
    Path path = root.resolve(dir);
    LoadMemo.Listing known = memo.listings.get(dir);
    if (known != null && known.subdirectories() != null && unchanged.contains(dir)) {
      return known;
    }
    // A one-off process keeps no listing, so it needs no stamps.
    FileStamp now = !memo.remembers ? FileStamp.ABSENT
        : seen.isPresent() && known == null ? seen.get()
        : FileStamp.of(path, LinkOption.NOFOLLOW_LINKS);
    if (known != null && known.subdirectories() != null && known.stamp().vouchesFor(now)) {
      return known;
    }
    List<Path> files = new ArrayList<>();
    List<String> subdirectories = new ArrayList<>();
    boolean complete = true;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String relative = dir.isEmpty() ? name : dir + "/" + name;
        PosixFileAttributes attrs;
        try {
          attrs = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          complete = false;
          continue; // an entry gone or unreadable is as good as absent
        }
        if (attrs.isDirectory()) {
          if (!ignores.ignoredItself(relative, true)) {
            subdirectories.add(relative);
            if (memo.remembers) {
              childStamps.put(relative, FileStamp.of(attrs));
            }
          }
        } else {
          if (attrs.isSymbolicLink() && namedLikeBuildFile(entry)) {
            complete = false; // whether it is a BUILD file depends on its target: list again
          }
          if (isBuildFile(relative, entry, attrs)) {
            files.add(entry);
          }
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      complete = false; // an unreadable directory, or the rest of one: as good as absent
    }
    files.sort(BY_FILE_NAME);
    LoadMemo.Listing listing =
        new LoadMemo.Listing(now, List.copyOf(files), List.copyOf(subdirectories));
    if (complete) {
      remember(dir, listing);
    }
    return listing;
  }

  /**
   * The directories whose full listing in the memo still holds, checked before the walk, in
   * parallel: a warm walk of a large tree is one stat per directory, and stats are system calls
   * that two cores make in half the time.
   */
  private Set<String> unchangedListings() {
    if (memo.listings.isEmpty()) {
      return Set.of();
    }
    return memo.listings.entrySet().parallelStream()
        .filter(e -> e.getValue().subdirectories() != null && e.getValue().stamp()
            .stillMatches(root.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS))
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The BUILD files of one directory: the memo's, when its stamp still matches, else listed. */
  private List<Path> listBuildFiles(String dir) {
    if (!directoryExists(dir)) {
      return List.of();
    }
    Path path = root.resolve(dir);
    FileStamp now = memo.remembers ? FileStamp.of(path, LinkOption.NOFOLLOW_LINKS)
        : FileStamp.ABSENT;
    LoadMemo.Listing known = memo.listings.get(dir);
    if (known != null && known.stamp().vouchesFor(now)) {
      return known.buildFiles();
    }
    List<Path> files = new ArrayList<>();
    boolean linked = false;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String relative = dir.isEmpty() ? name : dir + "/" + name;
        if (namedLikeBuildFile(entry) && Files.isSymbolicLink(entry)) {
          linked = true;
        }
        if (isBuildFile(relative, entry, null)) {
          files.add(entry);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      return List.of(); // unreadable counts as absent, as in the walk
    }
    files.sort(BY_FILE_NAME);
    if (!linked) {
      // A symbolic link named like a BUILD file is one only while its target is a regular file,
      // which the directory's stamp does not show: such a directory is always listed again.
      remember(dir, new LoadMemo.Listing(now, List.copyOf(files), null));
    }
    return List.copyOf(files);
  }

  private void remember(String dir, LoadMemo.Listing listing) {
    if (memo.remembers) {
      memo.listings.put(dir, listing);
    }
  }

  /**
   * Name, type and rules; the caller has made sure that no ancestor is ignored. {@code attrs} are
   * the entry's own (not followed) attributes when the caller has them, null otherwise.
   */
  private boolean isBuildFile(String relative, Path file, BasicFileAttributes attrs) {
    return namedLikeBuildFile(file)
        && isRegularFile(file, attrs) // a directory named BUILD is no BUILD file
        && !ignores.ignoredItself(relative, false)
        && !ignores.buildIgnored(relative);
  }

  private boolean namedLikeBuildFile(Path file) {
    Path name = file.getFileName();
    return buildPatterns.stream().anyMatch(p -> p.matches(name));
  }

  /** A regular file, or a symlink to one (Pants reads those); a stat only when needed. */
  private static boolean isRegularFile(Path file, BasicFileAttributes attrs) {
    if (attrs != null && !attrs.isSymbolicLink()) {
      return attrs.isRegularFile();
    }
    return Files.isRegularFile(file);
  }

  private static final Comparator<Path> BY_FILE_NAME =
      Comparator.comparing(f -> f.getFileName().toString(), BuildFileFinder::comparePaths);

  /**
   * Pants' path order, the same as {@link Address#comparePaths} (component-wise, UTF-8 byte
   * order: "a" < "a/b" < "a-b") without splitting or encoding: sorting 10,000 directories with
   * that method took a tenth of the whole walk. '/' sorts below every other character, which makes
   * a shorter component come first; UTF-16 order equals code point (and so UTF-8) order except
   * when a surrogate meets a character from U+E000 up, which the surrogate check corrects.
   */
  static int comparePaths(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x == '/' || y == '/') {
          return x == '/' ? -1 : 1;
        }
        boolean surrogateX = Character.isSurrogate(x);
        if (surrogateX != Character.isSurrogate(y)) {
          return surrogateX ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** What a walk does with each non-directory entry; the visitor applies the file rules. */
  private interface FileVisit {
    void visit(String relative, Path file, BasicFileAttributes attrs);
  }

  /**
   * Visits every file at or below {@code base} (a visible directory), never entering an ignored
   * or symlinked directory. Files are not checked against the rules here: most are not BUILD
   * files, and matching a name is cheaper than matching the ignore rules.
   */
  private void walk(String base, FileVisit visit) {
    Path start = root.resolve(base);
    // Relativising through Path objects costs more than the rest of the walk; strings are cheap.
    int rootLength = root.toString().length() + 1;
    try {
      Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class),
          Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String full = dir.toString();
              String relative = full.length() < rootLength ? "" : full.substring(rootLength);
              return ignores.ignoredItself(relative, true) ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isDirectory()) {
                visit.visit(file.toString().substring(rootLength), file, attrs);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // an unreadable entry is as good as absent
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              return FileVisitResult.CONTINUE; // so is the rest of a directory that failed midway
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e); // unreachable: no visitor method throws
    }
  }

  /** Whether every directory on the way to {@code relative} is a real directory, not a link. */
  private boolean noSymlinkedParents(String relative) {
    for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
      if (Files.isSymbolicLink(root.resolve(relative.substring(0, slash)))) {
        return false;
      }
    }
    return true;
  }

  /** Relative, '/'-separated, no ".", ".." or empty components; "" is the root. */
  private static boolean isCleanPath(String path) {
    if (path.isEmpty()) {
      return true;
    }
    if (path.startsWith("/") || path.endsWith("/")) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** The directories not inside another of them, so that no tree is walked twice. */
  private static List<String> outermost(List<String> dirs) {
    List<String> sorted = new ArrayList<>(dirs);
    sorted.sort(BuildFileFinder::comparePaths); // a directory sorts before everything inside it
    List<String> result = new ArrayList<>();
    for (String dir : sorted) {
      String last = result.isEmpty() ? null : result.get(result.size() - 1);
      if (last == null || !(last.isEmpty() || dir.equals(last) || dir.startsWith(last + "/"))) {
        result.add(dir);
      }
    }
    return result;
  }

  /** The leading components of a glob that hold no wildcard: where a walk for it starts. */
  private static String literalPrefix(String glob) {
    String[] parts = glob.split("/");
    List<String> literal = new ArrayList<>();
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].chars().anyMatch(c -> "*?[\\".indexOf(c) >= 0)) {
        break;
      }
      literal.add(parts[i]);
    }
    return String.join("/", literal);
  }

  private static String stripLeadingSlashes(String glob) {
    int i = 0;
    while (i < glob.length() && glob.charAt(i) == '/') {
      i++;
    }
    return glob.substring(i);
  }
}
