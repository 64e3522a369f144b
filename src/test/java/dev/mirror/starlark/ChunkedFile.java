package dev.mirror.starlark;

import dev.mirror.starlark.syntax.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data-driven test file: chunks separated by {@code ---} lines, each run alone with the line
 * numbers of the whole file. A line ending in {@code ### "regex"} expects an error matching the
 * regex on that line; {@code # dialect: NAME} in a chunk chooses its dialect.
 */
record ChunkedFile(String name, List<Chunk> chunks) {

  record Expectation(int line, Pattern pattern) {}

  record Chunk(String file, int firstLine, String text, Dialect dialect,
      List<Expectation> expectations) {
    String label() {
      return file + ":" + firstLine;
    }
  }

  private static final Pattern EXPECT = Pattern.compile("###\\s*(\"(.*)\"|(.*?))\\s*$");
  private static final Pattern DIALECT = Pattern.compile("^#\\s*dialect:\\s*(\\w+)\\s*$");

  static ChunkedFile parse(String name, String content, Dialect defaultDialect) {
    List<Chunk> chunks = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    int start = 0;
    for (int i = 0; i <= lines.length; i++) {
      if (i == lines.length || lines[i].equals("---")) {
        chunks.add(chunk(name, lines, start, i, defaultDialect));
        start = i + 1;
      }
    }
    return new ChunkedFile(name, chunks);
  }

  private static Chunk chunk(String name, String[] lines, int from, int to, Dialect dialect) {
    StringBuilder text = new StringBuilder("\n".repeat(from));
    List<Expectation> expectations = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String line = lines[i];
      text.append(line).append('\n');
      Matcher d = DIALECT.matcher(line.strip());
      if (d.matches()) {
        dialect = Dialect.named(d.group(1));
      }
      int hash = line.indexOf("###");
      if (hash >= 0) {
        Matcher m = EXPECT.matcher(line.substring(hash));
        if (m.find()) {
          String regex = m.group(2) != null ? m.group(2) : m.group(3);
          expectations.add(new Expectation(i + 1, Pattern.compile(regex)));
        }
      }
    }
    return new Chunk(name, from + 1, text.toString(), dialect, expectations);
  }
}
