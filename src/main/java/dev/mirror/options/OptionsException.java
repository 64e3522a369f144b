package dev.mirror.options;

/**
 * A configuration that cannot be used: a config file (pants.toml, an rc file) that cannot be
 * read or is invalid, or an option value from the environment or the command line that is. The
 * message is the whole user-facing text; {@link #file()} and {@link #line()} say where, when a
 * file is to blame.
 */
public final class OptionsException extends Exception {

  /** What went wrong. */
  public enum Kind {
    /** A config file or an option value is invalid. */
    CONFIG,
    /** A config file that must be read cannot be. */
    IO,
  }

  private final Kind kind;
  private final String file;
  private final int line;

  /** An error not tied to a file. */
  public OptionsException(Kind kind, String message) {
    this(kind, message, null, 0);
  }

  /**
   * An error in {@code file} (relative to the build root when inside it; null when no file is to
   * blame) at {@code line} (1-based; 0 when unknown).
   */
  public OptionsException(Kind kind, String message, String file, int line) {
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
