package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.Location;
import dev.mirror.starlark.syntax.SyntaxError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Starlark test file: chunks separated by lines that are exactly {@code ---}, each evaluated
 * alone with the line numbers of the whole file. A line ending in {@code ### "regex"} expects the
 * chunk to fail with an error matching the regex at that line (every static error of the chunk,
 * or its one runtime error, must be expected). A line {@code # dialect: NAME} in a chunk picks its
 * dialect. Conformance suites and macro unit tests use this format.
 */
public record TestFile(String name, List<Chunk> chunks) {

  /** An expected error: its line and a regex searched in the message. */
  public record Expectation(int line, Pattern pattern) {}

  /** One independently evaluated part of the file. */
  public record Chunk(String file, int firstLine, String text, Dialect dialect,
      List<Expectation> expectations) {
    public String label() {
      return file + ":" + firstLine;
    }
  }

  private static final Pattern EXPECT = Pattern.compile("###\\s*(\"(.*)\"|(.*?))\\s*$");
  private static final Pattern DIALECT = Pattern.compile("#\\s*dialect:\\s*(\\w+)");

  /** Whether a file uses the test format (has chunks or expected errors). */
  public static boolean looksLikeTestFile(String content) {
    return content.contains("\n---\n") || content.startsWith("---\n") || content.contains("###");
  }

  /** Splits a file into chunks; a malformed expectation regex is reported as a syntax error. */
  public static TestFile parse(String name, String content, Dialect defaultDialect) {
    List<Chunk> chunks = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    int start = 0;
    for (int i = 0; i <= lines.length; i++) {
      if (i == lines.length || lines[i].equals("---")) {
        chunks.add(chunk(name, lines, start, i, defaultDialect));
        start = i + 1;
      }
    }
    return new TestFile(name, chunks);
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
          Pattern pattern;
          try {
            pattern = Pattern.compile(regex);
          } catch (PatternSyntaxException e) {
            pattern = Pattern.compile(Pattern.quote(regex));
          }
          expectations.add(new Expectation(i + 1, pattern));
        }
      }
    }
    return new Chunk(name, from + 1, text.toString(), dialect, expectations);
  }

  /**
   * Runs one chunk with an interpreter made for its dialect; returns null when it behaved as
   * expected, or a message saying how it did not.
   */
  public static String run(Chunk chunk, Function<Dialect, Interpreter> interpreters) {
    List<Expectation> expected = chunk.expectations();
    try {
      interpreters.apply(chunk.dialect()).exec(chunk.file(), chunk.text());
    } catch (StarlarkException e) {
      return check(chunk, e, expected);
    }
    if (!expected.isEmpty()) {
      return chunk.label() + ": evaluation succeeded, but an error was expected at line "
          + expected.get(0).line() + " matching \"" + expected.get(0).pattern() + "\"";
    }
    return null;
  }

  private static String check(Chunk chunk, StarlarkException e, List<Expectation> expected) {
    if (expected.isEmpty()) {
      return chunk.label() + ": unexpected error:\n" + e.render();
    }
    List<Map.Entry<Location, String>> errors = new ArrayList<>();
    if (e.kind() == StarlarkException.Kind.SYNTAX) {
      for (SyntaxError s : e.syntaxErrors()) {
        errors.add(Map.entry(s.location(), s.message()));
      }
    } else {
      errors.add(Map.entry(e.location() == null ? new Location(chunk.file(), 0, 0) : e.location(),
          e.getMessage()));
    }
    for (Expectation x : expected) {
      boolean met = errors.stream().anyMatch(err -> err.getKey().line() == x.line()
          && x.pattern().matcher(err.getValue()).find());
      if (!met) {
        return chunk.label() + ": expected an error matching \"" + x.pattern() + "\" at line "
            + x.line() + ", got:\n" + e.render();
      }
    }
    for (Map.Entry<Location, String> err : errors) {
      boolean wanted = expected.stream().anyMatch(x -> x.line() == err.getKey().line()
          && x.pattern().matcher(err.getValue()).find());
      if (!wanted) {
        return chunk.label() + ": unexpected error " + err.getKey() + ": " + err.getValue()
            + "\n" + e.render();
      }
    }
    return null;
  }
}
