package dev.mirror.buildfiles;

/**
 * A problem reading the build root, its configuration or its BUILD files. The message is the whole
 * user-facing text; {@link #file()} and {@link #line()} say where, when a file is to blame, so the
 * CLI can print {@code file:line: error: message}.
 */
public final class BuildFileException extends Exception {

  /** What went wrong. */
  public enum Kind {
    /** No directory from the cwd upwards holds a build-root marker, or the override is bad. */
    NO_BUILD_ROOT,
    /** A config file (pants.toml, an rc file) or an option value from env or flags is invalid. */
    CONFIG,
    /** A file that must be read cannot be. */
    IO,
  }

  private final Kind kind;
  private final String file;
  private final int line;

  /** An error not tied to a file. */
  public BuildFileException(Kind kind, String message) {
    this(kind, message, null, 0);
  }

  /**
   * An error in {@code file} (relative to the build root when inside it; null when no file is to
   * blame) at {@code line} (1-based; 0 when unknown).
   */
  public BuildFileException(Kind kind, String message, String file, int line) {
    super(message, null, false, false);
    this.kind = kind;
    this.file = file;
    this.line = Math.max(line, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** The file to blame, or null. */
  public String file() {
    return file;
  }

  /** The 1-based line in {@link #file()}, or 0 when unknown. */
  public int line() {
    return line;
  }
}
