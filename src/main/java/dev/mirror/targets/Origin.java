package dev.mirror.targets;

/**
 * Where something was declared: a BUILD file relative to the build root, a line and a column
 * (1-based; 0 when unknown). Printed as {@code file:line:col}, zeros left out.
 */
public record Origin(String file, int line, int column) {
  @Override
  public String toString() {
    if (line <= 0) {
      return file;
    }
    return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
  }
}
