package dev.mirror.specs;

import dev.mirror.targets.Address;
import dev.mirror.targets.AddressSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns command-line arguments into {@link Spec}s, as Pants' {@code SpecsParser} does: a leading
 * {@code -} makes an ignore; {@code ::} and {@code :} wildcards make globs; a {@code :name},
 * {@code #gen} or {@code @k=v} part makes an address literal; a {@code *} a file glob; a last
 * component with a suffix, or an existing file, a file literal; anything else a directory.
 * Paths are relative to the working directory unless they start with {@code //}.
 */
public final class SpecParser {
  private static final String SPEC_CHARS = "/.:*#";
  private static final String BANNED_IN_TARGET_NAME = ":#!@?/\\=";
  private static final String BANNED_IN_GENERATED_NAME = ":#!@?=";
  private static final String BANNED_IN_PARAMETERS = ":#!@?=, ";

  private final Path buildRoot;
  private final String cwd;
  private final TargetSource source;

  /** One parsed argument: the spec, and whether it was an ignore ({@code -spec}). */
  public record Parsed(Spec spec, boolean ignore) {
    public Parsed {
      Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String toString() {
      return ignore ? "-" + spec : spec.toString();
    }
  }

  /**
   * @param buildRoot the build root, for absolute spec paths
   * @param cwd the working directory relative to the build root, "" at the root
   * @param source asked whether a suffix-less path is an existing file
   */
  public SpecParser(Path buildRoot, String cwd, TargetSource source) {
    this.buildRoot = Objects.requireNonNull(buildRoot, "buildRoot");
    this.cwd = Objects.requireNonNull(cwd, "cwd");
    this.source = Objects.requireNonNull(source, "source");
    SpecPath.checkNormalised(cwd);
  }

  /** Parses every argument, keeping includes and ignores apart, each in argument order. */
  public Specs parseAll(List<String> args) throws SpecException {
    List<Spec> includes = new ArrayList<>();
    List<Spec> ignores = new ArrayList<>();
    for (String arg : args) {
      Parsed parsed = parse(arg);
      (parsed.ignore() ? ignores : includes).add(parsed.spec());
    }
    return new Specs(includes, ignores);
  }

  /** Parses one argument (§2.1 of the semantics). */
  public Parsed parse(String arg) throws SpecException {
    boolean ignore = arg.startsWith("-");
    String spec = ignore ? arg.substring(1) : arg;
    AddressSyntax.Parts parts = syntax(spec);
    if ("::".equals(parts.wildcard())) {
      return new Parsed(new Spec.RecursiveGlob(normalise(parts.path())), ignore);
    }
    if (":".equals(parts.wildcard())) {
      return new Parsed(new Spec.DirGlob(normalise(parts.path())), ignore);
    }
    if (parts.isAddress()) {
      return new Parsed(new Spec.AddressLiteral(address(spec, parts)), ignore);
    }
    if (parts.path().contains("*")) {
      return new Parsed(new Spec.FileGlob(normalise(parts.path())), ignore);
    }
    String path = normalise(spec);
    if (!SpecPath.suffix(spec).isEmpty()) {
      return new Parsed(new Spec.FileLiteral(path), ignore); // even when it is a directory
    }
    // Some paths that look like directories are files without an extension.
    if (!path.isEmpty() && source.pathExists(path) && !source.directoryExists(path)) {
      return new Parsed(new Spec.FileLiteral(path), ignore);
    }
    return new Parsed(new Spec.DirLiteral(path), ignore);
  }

  /** The parts of a spec; else Pants' PEG message: the spec, a 1-based column, what it expected. */
  private static AddressSyntax.Parts syntax(String spec) throws SpecException {
    try {
      return AddressSyntax.parse(spec);
    } catch (AddressSyntax.Malformed e) {
      throw parseError("Failed to parse address spec `" + spec + "`: error at 1:"
          + (e.index() + 1) + ": expected " + e.problem().expected());
    }
  }

  private String normalise(String path) throws SpecException {
    return SpecPath.normalise(path, cwd, buildRoot);
  }

  /** Builds the address, with the checks Pants' {@code Address} makes on its parts. */
  private Address address(String spec, AddressSyntax.Parts parts) throws SpecException {
    String path = normalise(parts.path());
    if (parts.name() != null) {
      String banned = banned(parts.name(), BANNED_IN_TARGET_NAME);
      if (!banned.isEmpty()) {
        throw parseError("The target name " + parts.name() + " (defined in directory "
            + path + ") contains banned characters (`" + banned + "`). Please replace these"
            + " characters with another separator character like `_` or `-`.");
      }
    } else if (path.isEmpty()) {
      throw parseError("The address `" + spec + "` from CLI arguments has no name part, but"
          + " it's necessary because the path is the build root.");
    }
    if (parts.generated() != null) {
      String banned = banned(parts.generated(), BANNED_IN_GENERATED_NAME);
      if (!banned.isEmpty()) {
        throw parseError("The generated name `" + parts.generated() + "` (defined in directory "
            + path + ", the part after `#`) contains banned characters (`" + banned + "`)."
            + " Please replace these characters with another separator character like `_` or"
            + " `-`.");
      }
    }
    SortedMap<String, String> parameters = parts.parameters();
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      String banned = banned(e.getKey() + e.getValue(), BANNED_IN_PARAMETERS);
      if (!banned.isEmpty()) {
        throw parseError("The parameter `" + e.getKey() + "=" + e.getValue() + "` in the"
            + " address `" + spec + "` has illegal characters in parameter entries (`" + banned
            + "`).");
      }
    }
    return new Address(path, parts.name(), parts.generated(), parameters);
  }

  /** The banned characters that occur in {@code text}, sorted, joined as Pants does. */
  private static String banned(String text, String bannedChars) {
    TreeSet<Character> found = new TreeSet<>();
    for (char c : text.toCharArray()) {
      if (bannedChars.indexOf(c) >= 0) {
        found.add(c);
      }
    }
    List<String> each = new ArrayList<>();
    found.forEach(c -> each.add(String.valueOf(c)));
    return String.join("`,`", each);
  }

  private static SpecException parseError(String message) {
    return new SpecException(SpecException.Kind.PARSE, message);
  }

  /**
   * Whether a command-line word that is not a known goal is a spec rather than a mistyped goal
   * (Pants' {@code likely_a_spec}): it starts with a single {@code -} (an ignore), contains one
   * of {@code / . : * #}, or names an existing path. Flags ({@code --x}) and the goal aliases
   * {@code -h -v -V} and {@code -l<level>} are for the caller to recognise first.
   *
   * @param existsRelativeToCwd whether the word names a path under the working directory
   */
  public static boolean looksLikeSpec(String arg, Predicate<String> existsRelativeToCwd) {
    if (arg.startsWith("-")) {
      return !arg.startsWith("--");
    }
    for (int i = 0; i < arg.length(); i++) {
      if (SPEC_CHARS.indexOf(arg.charAt(i)) >= 0) {
        return true;
      }
    }
    return !arg.isEmpty() && existsRelativeToCwd.test(arg);
  }

  /**
   * Reads the extra specs of {@code --spec-files}: one per line, surrounding whitespace trimmed,
   * blank lines and lines starting with {@code #} skipped. The specs are returned raw, in file
   * order, for {@link #parseAll}.
   */
  public static List<String> readSpecFiles(List<Path> files) throws SpecException {
    List<String> specs = new ArrayList<>();
    for (Path file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new SpecException(SpecException.Kind.SPEC_FILE, "Could not read the spec file "
            + file + " given by --spec-files: " + describe(e));
      }
      for (String line : lines) {
        String spec = line.strip();
        if (!spec.isEmpty() && !spec.startsWith("#")) {
          specs.add(spec);
        }
      }
    }
    return specs;
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file.";
    }
    if (e instanceof java.nio.charset.MalformedInputException) {
      return "it is not UTF-8 text.";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
