package dev.mirror.starlark.syntax;

import java.util.Arrays;

/**
 * Maps character offsets of one file to lines and columns. Nodes keep only an offset; a
 * {@link Location} is made when a message needs one.
 */
public final class FileLocations {
  private final String file;
  private final String text;
  private final int[] lineStarts;

  public FileLocations(String file, String text) {
    this.file = file;
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  public String file() {
    return file;
  }

  public String text() {
    return text;
  }

  public Location at(int offset) {
    int line = lineIndex(offset);
    return new Location(file, line + 1, offset - lineStarts[line] + 1);
  }

  /** The text of the 1-based line, without its newline. */
  public String lineText(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = text.indexOf('\n', start);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private int lineIndex(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i : -i - 2;
  }
}
