package dev.mirror.targets;

/** Where a target was declared: a BUILD file relative to the build root, and a line (1-based). */
public record Origin(String file, int line) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
