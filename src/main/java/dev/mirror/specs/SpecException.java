package dev.mirror.specs;

/**
 * A command-line spec or filter that cannot be parsed or resolved. The message is the whole
 * user-facing text (Pants' wording, possibly several lines); {@link #kind()} lets the CLI pick an
 * exit code or a prefix without reading the message.
 */
public final class SpecException extends Exception {

  /** What went wrong. */
  public enum Kind {
    /** The spec text is malformed, or its path escapes the build root. */
    PARSE,
    /** A directory or file spec matches nothing on disk ({@code unmatched_cli_globs = error}). */
    UNMATCHED_GLOB,
    /** An address literal names a missing path, a directory without BUILD files or no target. */
    UNKNOWN_ADDRESS,
    /** A {@code --tag} / {@code --filter-*} value is invalid (unknown type, bad regex). */
    FILTER,
    /** A {@code --spec-files} file cannot be read. */
    SPEC_FILE,
  }

  private final Kind kind;

  public SpecException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
