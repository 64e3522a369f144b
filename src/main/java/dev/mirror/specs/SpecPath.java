package dev.mirror.specs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The path part of a command-line spec, made relative to the build root the way Pants'
 * {@code SpecsParser._normalize_spec_path} does: {@code //x} is root-relative, an absolute path
 * must lie inside the build root, anything else is relative to the working directory. The
 * normalisation is lexical ({@code os.path.join} then {@code relpath}), so {@code ./x},
 * {@code x/}, {@code a//b} and {@code ../sibling} are all accepted, as in Pants.
 */
final class SpecPath {
  private SpecPath() {}

  /** Returns {@code raw} relative to the build root, "" for the root itself. */
  static String normalise(String raw, String cwd, Path buildRoot) throws SpecException {
    if (!raw.startsWith("//") && raw.startsWith("/")) {
      return fromAbsolute(raw, buildRoot);
    }
    String base = raw.startsWith("//") ? "" : cwd;
    String relative = raw.startsWith("//") ? raw.substring(2) : raw;
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (base + "/" + relative).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new SpecException(SpecException.Kind.PARSE, "Relative spec path " + raw
              + (cwd.isEmpty() ? "" : " (from the working directory " + cwd + ")")
              + " escapes from the build root " + buildRoot + ".");
        }
        parts.removeLast();
        continue;
      }
      parts.addLast(part);
    }
    return String.join("/", parts);
  }

  private static String fromAbsolute(String raw, Path buildRoot) throws SpecException {
    Path path;
    try {
      path = real(Path.of(raw));
    } catch (InvalidPathException e) {
      throw new SpecException(SpecException.Kind.PARSE, "Invalid spec path " + raw + ": "
          + e.getReason() + ".");
    }
    Path root = real(buildRoot);
    // Component-wise, unlike Pants' os.path.commonprefix, which lets /repo2 pass for /repo.
    if (!path.startsWith(root)) {
      throw new SpecException(SpecException.Kind.PARSE,
          "Absolute spec path " + path + " does not share build root " + root + ".");
    }
    String relative = root.relativize(path).toString().replace('\\', '/');
    return relative.equals(".") ? "" : relative;
  }

  /** {@code os.path.realpath}: symlinks resolved where the path exists, else just normalised. */
  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return Files.exists(absolute) ? absolute.toRealPath() : absolute;
    } catch (IOException e) {
      return absolute;
    }
  }

  /**
   * {@code PurePath(raw).suffix}: the last dot-part of the last component, if the dot is neither
   * first nor last ({@code images/v1.2} → {@code .2}; {@code a/.hidden}, {@code a.} → none).
   */
  static String suffix(String raw) {
    String name = "";
    for (String part : raw.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        name = part; // PurePath drops empty and "." parts
      }
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 && dot < name.length() - 1 ? name.substring(dot) : "";
  }

  /** Checks a path already relative to the build root: no leading, trailing or empty parts. */
  static void checkNormalised(String path) {
    if (path == null) {
      throw new NullPointerException("path");
    }
    if (path.isEmpty()) {
      return;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("not a normalised path relative to the build root: '"
            + path + "'");
      }
    }
  }

  /** The glob Pants checks for a directory spec: {@code dir/*}, or {@code dir/**} if recursive. */
  static String glob(String dir, boolean recursive) {
    String star = recursive ? "**" : "*";
    return dir.isEmpty() ? star : dir + "/" + star;
  }

  /** The parent directory of a path relative to the build root ("" at the top). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
