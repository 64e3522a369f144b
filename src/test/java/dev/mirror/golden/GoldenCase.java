package dev.mirror.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One golden file: a header saying what to run, then the expected stdout, stderr, optional output
 * file and exit code, each under a {@code === name} marker line.
 *
 * <pre>
 * # Comment lines: which rule of docs/pants-semantics.md the case checks.
 * args: list --documented images/tools:
 * cwd: images                 (optional; relative to the repository root)
 * output-file: out.txt        (optional; the file's text becomes the "=== file" section)
 * doc-pinned: §7.2 ...        (optional; the expectation was written by hand from the doc:
 *                              -Dgolden.update=true leaves it alone)
 * === stdout
 * ...
 * === stderr
 * ...
 * === file out.txt
 * ...
 * === exit
 * 0
 * </pre>
 *
 * Sections hold text exactly; one that does not end in a newline is followed by the line
 * {@code \ no newline at end}. Args are split at spaces; single or double quotes group.
 */
record GoldenCase(Path file, String header, List<String> args, String cwd, String outputFile,
    String pinned, Outcome expected) {

  static final String NO_NEWLINE = "\\ no newline at end";

  /** What a run printed and returned; {@code file} is null without an output-file. */
  record Outcome(String stdout, String stderr, String file, int exit) {}

  static GoldenCase read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int firstMarker = text.startsWith("=== ") ? 0 : text.indexOf("\n=== ") + 1;
    String header = firstMarker <= 0 ? text : text.substring(0, firstMarker);
    List<String> args = null;
    String cwd = "";
    String outputFile = null;
    String pinned = null;
    for (String line : header.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(file + ": not a header line: " + line);
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "args" -> args = split(value);
        case "cwd" -> cwd = value;
        case "output-file" -> outputFile = value;
        case "doc-pinned" -> pinned = value;
        default -> throw new IllegalArgumentException(file + ": unknown header key " + key);
      }
    }
    if (args == null) {
      throw new IllegalArgumentException(file + ": no 'args:' line");
    }
    Outcome expected = firstMarker <= 0 ? null : parseSections(file, text.substring(firstMarker));
    return new GoldenCase(file, header, args, cwd, outputFile, pinned, expected);
  }

  /** The golden file's text for this header and {@code outcome}. */
  String render(Outcome outcome) {
    StringBuilder sb = new StringBuilder(header);
    if (!header.isEmpty() && !header.endsWith("\n")) {
      sb.append('\n');
    }
    sb.append("=== stdout\n").append(encode(outcome.stdout()));
    sb.append("=== stderr\n").append(encode(outcome.stderr()));
    if (outputFile != null) {
      sb.append("=== file ").append(outputFile).append('\n').append(encode(outcome.file()));
    }
    sb.append("=== exit\n").append(outcome.exit()).append('\n');
    return sb.toString();
  }

  private static String encode(String s) {
    if (s == null) {
      return "(no file written)\n" + NO_NEWLINE + "\n";
    }
    return s.isEmpty() || s.endsWith("\n") ? s : s + "\n" + NO_NEWLINE + "\n";
  }

  private static String decode(String s) {
    String suffix = "\n" + NO_NEWLINE + "\n";
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static Outcome parseSections(Path file, String text) {
    String stdout = null;
    String stderr = null;
    String out = null;
    Integer exit = null;
    String name = null;
    StringBuilder body = new StringBuilder();
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    // split leaves "" after the final newline; it is not a line of the last section
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    lines.add("=== end");
    for (String line : lines) {
      if (line.startsWith("=== ")) {
        if (name != null) {
          String content = decode(body.toString());
          if (name.equals("stdout")) {
            stdout = content;
          } else if (name.equals("stderr")) {
            stderr = content;
          } else if (name.startsWith("file ")) {
            out = content;
          } else if (name.equals("exit")) {
            exit = Integer.parseInt(content.strip());
          } else {
            throw new IllegalArgumentException(file + ": unknown section " + name);
          }
        }
        name = line.substring(4).strip();
        body.setLength(0);
      } else {
        body.append(line).append('\n');
      }
    }
    if (stdout == null || stderr == null || exit == null) {
      throw new IllegalArgumentException(file + ": needs stdout, stderr and exit sections");
    }
    return new Outcome(stdout, stderr, out, exit);
  }

  /** Splits at whitespace; '...' and "..." group (no escapes). */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = null;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        if (cur == null) {
          cur = new StringBuilder();
        }
      } else if (Character.isWhitespace(c)) {
        if (cur != null) {
          out.add(cur.toString());
          cur = null;
        }
      } else {
        if (cur == null) {
          cur = new StringBuilder();
        }
        cur.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in: " + s);
    }
    if (cur != null) {
      out.add(cur.toString());
    }
    return out;
  }
}
