package dev.mirror.starlark.syntax;

/**
 * A position in a source file, 1-based. Printed as {@code file:line:col}; a zero line or column is
 * left out, so a location that knows only its file prints just the file.
 */
public record Location(String file, int line, int column) {

  public static Location builtin() {
    return new Location("<builtin>", 0, 0);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.toString();
  }
}
