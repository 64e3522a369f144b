package dev.mirror.starlark.robustness;

import dev.mirror.starlark.syntax.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Valid programs of the conformance corpus ({@code starlark/spec} and {@code starlark/pants} on
 * the test classpath, split at {@code ---} lines) with random mutations: characters and tokens
 * deleted, inserted, duplicated or swapped, lines moved, random bytes (unicode, tabs, backslashes,
 * quotes, brackets) inserted, the text truncated. Whatever comes out, evaluating it must succeed
 * or fail with a StarlarkException.
 */
class MutatedInputsTest {

  private static final String NAME = "MutatedInputsTest";

  /** One chunk of the corpus and the dialect its file is meant for. */
  record Sample(String origin, Dialect dialect, String text) {
    @Override
    public String toString() {
      return origin;
    }
  }

  /** A mutated sample; its toString is the text, so that jqwik reports the input itself. */
  record Mutant(Sample sample, Dialect dialect, List<Mutation> mutations, String text) {
    @Override
    public String toString() {
      return sample.origin() + " in " + dialect + " after " + mutations + ":\n" + text;
    }
  }

  enum Kind {
    DELETE_CHAR, DELETE_RANGE, INSERT, REPLACE_CHAR, DUPLICATE_RANGE, SWAP_CHARS,
    DELETE_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, REPLACE_TOKEN,
    DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INDENT_LINE, TRUNCATE
  }

  /**
   * One edit. Positions are fractions (in millionths) of the text, so that an edit applies to a
   * text of any length and shrinks towards its start.
   */
  record Mutation(Kind kind, int at, int other, int length, String payload) {
    @Override
    public String toString() {
      return kind + "@" + at + (payload.isEmpty() ? "" : "(" + Harness.javaString(payload) + ")");
    }
  }

  static final String[] PAYLOADS = {
      "\t", "\\", "\"", "'", "\"\"\"", "'''", "(", ")", "[", "]", "{", "}", ":", ",", ";", "\n",
      "\r", "\r\n", " ", "    ", "#", "@", "$", "?", "!", "`", "=", "==", "*", "**", "->", ".",
      "...", "%", "{}", "{0}", "{{", "%s", "%(", "%.", "\\x", "\\u", "\\U", "\\N{", "\\u00",
      "\\\n", "\u0000", "\u0001", "\u007f", "\u00a0", "\u00e9", "\u2028", "\u2029", "\ufeff",
      "\ufffd", "\ud800", "\udc00", "\ud83d\ude00", "\u0301", "\u200b", "\u4e2d", "f\"", "f'",
      "b\"", "b'", "r\"", "rb'", "F'{", "0x", "0o", "0b", "1e", "1e999", "1_", "0_0", ".5e-",
      "99999999999999999999", "-", "~", "not ", " if ", " else ", "lambda", "lambda x: ",
      "def ", "if ", "for ", "while ", "in ", "is ", "and ", "or ", "return ", "pass",
      "break", "continue", "load(", "class ", "assert ", "raise ", "del ", "try:", "global ",
      "import ", "from ", "*args", "**kw", "x", "_", "None", "True", "(1,)", "[]", "()",
      "2147483648", "-1", "0", "1 << 62", "* 99999999"};

  private static final Pattern TOKEN = Pattern.compile(
      "[A-Za-z_][A-Za-z_0-9]*|[0-9][0-9A-Za-z_.]*|\"[^\"\\\\\\n]*+(?:\\\\.[^\"\\\\\\n]*+)*+\"|'[^'\\\\\\n]*+(?:\\\\.[^'\\\\\\n]*+)*+'"
          + "|\\*\\*|//|<<|>>|==|!=|<=|>=|[^\\sA-Za-z_0-9]");

  private static final Pattern DIALECT = Pattern.compile("^#\\s*dialect:\\s*(\\w+)\\s*$",
      Pattern.MULTILINE);

  private static final List<Sample> CORPUS = loadCorpus();

  @Property(edgeCases = EdgeCasesMode.NONE) // edge cases would all mutate the first sample
  void mutatedCorpusFailsOnlyWithStarlarkErrors(@ForAll("mutants") Mutant mutant) {
    Harness.Outcome o = Harness.check(NAME, mutant.dialect(), mutant.text());
    Statistics.label("outcome").collect(o.label());
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    Arbitrary<Sample> sample = Arbitraries.of(CORPUS);
    Arbitrary<Mutation> mutation = Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, 1_000_000),
            Arbitraries.integers().between(0, 1_000_000),
            Arbitraries.integers().between(1, 40),
            payload())
        .as(Mutation::new);
    Arbitrary<Boolean> otherDialect = Arbitraries.frequencyOf(List.of(
        Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))));
    return Combinators.combine(sample, otherDialect, mutation.list().ofMinSize(1).ofMaxSize(8))
        .as((s, other, ms) -> {
          Dialect d = other ? (s.dialect() == Dialect.PANTS ? Dialect.STARLARK : Dialect.PANTS)
              : s.dialect();
          return new Mutant(s, d, ms, apply(s.text(), ms));
        });
  }

  private static Arbitrary<String> payload() {
    return Arbitraries.frequencyOf(List.of(
        Tuple.of(6, Arbitraries.of(PAYLOADS)),
        Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4)),
        Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(1).ofMaxLength(6)),
        Tuple.of(1, Arbitraries.of(PAYLOADS).list().ofMinSize(2).ofMaxSize(5).map(l -> String.join("", l)))));
  }

  // ---- mutations ----

  static String apply(String text, List<Mutation> mutations) {
    String s = text;
    for (Mutation m : mutations) {
      s = apply(s, m);
    }
    return s;
  }

  private static int scale(int fraction, int size) {
    return size <= 0 ? 0 : (int) ((long) fraction * size / 1_000_001);
  }

  static String apply(String s, Mutation m) {
    int n = s.length();
    int at = scale(m.at(), n + 1);
    int other = scale(m.other(), n + 1);
    switch (m.kind()) {
      case DELETE_CHAR:
        return n == 0 || at >= n ? s : s.substring(0, at) + s.substring(at + 1);
      case DELETE_RANGE:
        return s.substring(0, at) + s.substring(Math.min(n, at + m.length()));
      case INSERT:
        return s.substring(0, at) + m.payload() + s.substring(at);
      case REPLACE_CHAR:
        return at >= n ? s + m.payload() : s.substring(0, at) + m.payload() + s.substring(at + 1);
      case DUPLICATE_RANGE: {
        int end = Math.min(n, at + m.length());
        return s.substring(0, end) + s.substring(at, end) + s.substring(end);
      }
      case SWAP_CHARS: {
        if (n < 2) {
          return s;
        }
        int i = Math.min(at, n - 1), j = Math.min(other, n - 1);
        char[] cs = s.toCharArray();
        char t = cs[i];
        cs[i] = cs[j];
        cs[j] = t;
        return new String(cs);
      }
      case DELETE_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, REPLACE_TOKEN:
        return tokenEdit(s, m);
      case DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INDENT_LINE:
        return lineEdit(s, m);
      case TRUNCATE:
        return s.substring(0, at);
      default:
        throw new IllegalStateException();
    }
  }

  private static String tokenEdit(String s, Mutation m) {
    List<int[]> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(s);
    while (matcher.find()) {
      tokens.add(new int[] {matcher.start(), matcher.end()});
    }
    if (tokens.isEmpty()) {
      return s;
    }
    int[] a = tokens.get(scale(m.at(), tokens.size()));
    int[] b = tokens.get(scale(m.other(), tokens.size()));
    String ta = s.substring(a[0], a[1]);
    return switch (m.kind()) {
      case DELETE_TOKEN -> s.substring(0, a[0]) + s.substring(a[1]);
      case DUPLICATE_TOKEN -> s.substring(0, a[1]) + " " + ta + s.substring(a[1]);
      case REPLACE_TOKEN -> s.substring(0, a[0]) + m.payload() + s.substring(a[1]);
      default -> {
        if (a == b) {
          yield s;
        }
        int[] first = a[0] < b[0] ? a : b, second = a[0] < b[0] ? b : a;
        yield s.substring(0, first[0]) + s.substring(second[0], second[1])
            + s.substring(first[1], second[0]) + s.substring(first[0], first[1])
            + s.substring(second[1]);
      }
    };
  }

  private static String lineEdit(String s, Mutation m) {
    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
    int i = scale(m.at(), lines.size());
    int j = scale(m.other(), lines.size());
    switch (m.kind()) {
      case DELETE_LINE -> lines.remove(i);
      case DUPLICATE_LINE -> lines.add(i, lines.get(i));
      case SWAP_LINES -> {
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      default -> lines.set(i, (m.length() % 3 == 0 ? "\t" : " ".repeat(m.length() % 9))
          + lines.get(i));
    }
    return String.join("\n", lines);
  }

  // ---- corpus ----

  static List<Sample> loadCorpus() {
    List<Sample> samples = new ArrayList<>();
    load("starlark/spec", Dialect.STARLARK, samples);
    load("starlark/pants", Dialect.PANTS, samples);
    if (samples.size() < 10) {
      throw new IllegalStateException("corpus not found on the classpath: " + samples.size()
          + " samples");
    }
    return List.copyOf(samples);
  }

  private static void load(String folder, Dialect dialect, List<Sample> into) {
    URL url = MutatedInputsTest.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException("no " + folder + " on the test classpath");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
      files = list.filter(p -> p.toString().endsWith(".star")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    for (Path file : files) {
      String content;
      try {
        content = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String[] lines = content.split("\n", -1);
      StringBuilder chunk = new StringBuilder();
      int start = 1;
      for (int i = 0; i <= lines.length; i++) {
        if (i == lines.length || lines[i].equals("---")) {
          String text = chunk.toString();
          if (!text.isBlank()) {
            Matcher d = DIALECT.matcher(text);
            Dialect chunkDialect = d.find() ? Dialect.named(d.group(1)) : dialect;
            into.add(new Sample(folder + "/" + file.getFileName() + ":" + start, chunkDialect,
                text));
          }
          chunk.setLength(0);
          start = i + 2;
        } else {
          chunk.append(lines[i]).append('\n');
        }
      }
    }
  }

  @AfterContainer
  static void writeFindings() {
    Harness.writeFindings(NAME);
  }
}
