package dev.mirror.starlark.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small delta-debugging reducer: removes lines, then tokens, then characters, for as long as the
 * input stays interesting (still triggers the same failure) and the time budget lasts.
 */
final class Reducer {
  private Reducer() {}

  private static final Pattern TOKEN = Pattern.compile(
      "[A-Za-z_][A-Za-z_0-9]*|[0-9][0-9A-Za-z_.]*|\"[^\"\\\\\\n]*+(?:\\\\.[^\"\\\\\\n]*+)*+\"|'[^'\\\\\\n]*+(?:\\\\.[^'\\\\\\n]*+)*+'"
          + "|\\s+|.", Pattern.DOTALL);

  static String reduce(String input, Predicate<String> interesting, long budgetMillis) {
    long deadline = System.currentTimeMillis() + budgetMillis;
    String current = input;
    boolean progress = true;
    while (progress && System.currentTimeMillis() < deadline) {
      progress = false;
      for (Splitter splitter : new Splitter[] {Reducer::lines, Reducer::tokens, Reducer::chars}) {
        String reduced = ddmin(current, splitter, interesting, deadline);
        if (reduced.length() < current.length()) {
          current = reduced;
          progress = true;
        }
      }
    }
    return current;
  }

  @FunctionalInterface
  private interface Splitter {
    List<String> split(String s);
  }

  private static List<String> lines(String s) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        parts.add(s.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < s.length()) {
      parts.add(s.substring(start));
    }
    return parts;
  }

  private static List<String> tokens(String s) {
    List<String> parts = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      parts.add(m.group());
    }
    return parts;
  }

  private static List<String> chars(String s) {
    List<String> parts = new ArrayList<>();
    s.codePoints().forEach(c -> parts.add(new String(Character.toChars(c))));
    return parts;
  }

  /** Removes ever smaller runs of parts while the result stays interesting. */
  private static String ddmin(String input, Splitter splitter, Predicate<String> interesting,
      long deadline) {
    List<String> parts = splitter.split(input);
    int chunk = Math.max(1, parts.size() / 2);
    while (chunk >= 1 && System.currentTimeMillis() < deadline) {
      boolean removed = false;
      for (int start = 0; start < parts.size() && System.currentTimeMillis() < deadline; ) {
        int end = Math.min(parts.size(), start + chunk);
        List<String> candidate = new ArrayList<>(parts.subList(0, start));
        candidate.addAll(parts.subList(end, parts.size()));
        String text = String.join("", candidate);
        if (!candidate.isEmpty() && interesting.test(text)) {
          parts = candidate;
          removed = true;
        } else {
          start += chunk;
        }
      }
      if (!removed) {
        chunk /= 2;
      }
    }
    return String.join("", parts);
  }
}
