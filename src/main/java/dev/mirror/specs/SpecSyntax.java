package dev.mirror.specs;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The grammar of one spec, after any {@code -} ignore prefix (Pants' {@code address} crate):
 * {@code path [":" name] ["#" generated] ["@" k=v ("," k=v)*] [":" | "::"]}. A path stops at
 * {@code :} or {@code #}, and at an {@code @} that starts a {@code k=v} entry; a lone {@code @}
 * stays in the path. Errors follow the PEG parser's shape: the spec, a 1-based column, and what
 * was expected there.
 */
final class SpecSyntax {
  private SpecSyntax() {}

  /**
   * The pieces of a spec as written.
   *
   * @param name null when absent
   * @param generated null when absent
   * @param parameters empty when absent
   * @param wildcard null, {@code ":"} or {@code "::"}
   */
  record Parts(
      String path, String name, String generated, SortedMap<String, String> parameters,
      String wildcard) {

    boolean isAddress() {
      return name != null || generated != null || !parameters.isEmpty();
    }
  }

  static Parts parse(String spec) throws SpecException {
    int n = spec.length();
    int i = 0;
    while (i < n) {
      char c = spec.charAt(i);
      if (c == ':' || c == '#' || (c == '@' && parameterEnd(spec, i + 1) >= 0)) {
        break;
      }
      i++;
    }
    String path = spec.substring(0, i);

    String name = null;
    if (i + 1 < n && spec.charAt(i) == ':') {
      int end = scan(spec, i + 1, "#@:");
      if (end > i + 1) {
        name = spec.substring(i + 1, end);
        i = end;
      } else if (spec.charAt(i + 1) != ':') { // `dir::` is a wildcard, `dir:@x` an error
        throw error(spec, i + 1, "a non-empty target name to follow a `:`.");
      }
    }

    String generated = null;
    if (i < n && spec.charAt(i) == '#') {
      int end = scan(spec, i + 1, "@:");
      if (end == i + 1) {
        throw error(spec, i + 1, "a non-empty generated target name to follow a `#`.");
      }
      generated = spec.substring(i + 1, end);
      i = end;
    }

    SortedMap<String, String> parameters = new TreeMap<>();
    if (i < n && spec.charAt(i) == '@') {
      i++;
      while (true) {
        int end = parameterEnd(spec, i);
        if (end < 0) {
          throw error(spec, i, "one or more key=value pairs to follow a `@`.");
        }
        String entry = spec.substring(i, end);
        int eq = entry.indexOf('=');
        parameters.put(entry.substring(0, eq), entry.substring(eq + 1));
        i = end;
        if (i < n && spec.charAt(i) == ',') {
          i++;
          continue;
        }
        break;
      }
    }

    String rest = spec.substring(i);
    String wildcard = null;
    if (rest.equals("::") || rest.equals(":")) {
      wildcard = rest;
    } else if (!rest.isEmpty()) {
      int at = rest.startsWith("::") ? i + 2 : rest.startsWith(":") ? i + 1 : i;
      throw error(spec, at, "EOF");
    }
    return new Parts(path, name, generated, parameters, wildcard);
  }

  /** The end of a {@code key=value} entry starting at {@code from}, or -1 if there is none. */
  private static int parameterEnd(String spec, int from) {
    int eq = scan(spec, from, "=:");
    if (eq == from || eq >= spec.length() || spec.charAt(eq) != '=') {
      return -1;
    }
    return scan(spec, eq + 1, ",:");
  }

  /** The first index at or after {@code from} holding one of {@code stops}, or the length. */
  private static int scan(String spec, int from, String stops) {
    int i = from;
    while (i < spec.length() && stops.indexOf(spec.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private static SpecException error(String spec, int index, String expected) {
    return new SpecException(SpecException.Kind.PARSE, "Failed to parse address spec `" + spec
        + "`: error at 1:" + (index + 1) + ": expected " + expected);
  }
}
