package dev.mirror.targets;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one grammar of addresses and specs, after Pants' {@code address} crate
 * ({@code src/rust/engine/address/src/lib.rs}):
 * {@code path [":" name] ["#" generated] ["@" k=v ("," k=v)*] [":" | "::"]}.
 *
 * <p>A path stops at {@code :} or {@code #}, and at an {@code @} that starts a {@code k=v}
 * entry. Pants' path also stops at a lone {@code @}; here it stays in the path, so that a
 * directory such as {@code images/@scope} can be named. A name stops at {@code #}, {@code @}
 * or {@code :}; a generated name at {@code @} or {@code :}; a key at {@code =} or {@code :}; a
 * value (possibly empty) at {@code ,} or {@code :}. A {@code :} directly before the end is a
 * wildcard, not an empty name.
 *
 * <p>This class only splits text. What each caller makes of the parts (a spec, an address
 * written in a BUILD file) and how it words an {@link Malformed} is up to the caller.
 */
public final class AddressSyntax {
  private AddressSyntax() {}

  /**
   * The pieces of an address or spec as written.
   *
   * @param path as written, possibly with a leading {@code //}; may be empty
   * @param name null when absent, never empty
   * @param generated null when absent, never empty
   * @param parameters empty when absent, sorted by key
   * @param wildcard null, {@code ":"} or {@code "::"}
   */
  public record Parts(
      String path, String name, String generated, SortedMap<String, String> parameters,
      String wildcard) {

    public Parts {
      parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /** Whether a name, generated name or parameters were written. */
    public boolean isAddress() {
      return name != null || generated != null || !parameters.isEmpty();
    }
  }

  /** What went wrong, in the words of Pants' PEG parser (what it expected there). */
  public enum Problem {
    EMPTY_NAME("a non-empty target name to follow a `:`."),
    EMPTY_GENERATED("a non-empty generated target name to follow a `#`."),
    BAD_PARAMETERS("one or more key=value pairs to follow a `@`."),
    TRAILING_TEXT("EOF");

    private final String expected;

    Problem(String expected) {
      this.expected = expected;
    }

    /** What Pants' parser says it expected at the error's position. */
    public String expected() {
      return expected;
    }
  }

  /**
   * Text that is not an address or spec.
   *
   * @param index 0-based position of the error, where {@link Problem#expected()} was expected
   * @param componentStart where the faulty component starts: just after its {@code :}, {@code #}
   *     or {@code @} (for parameters, the first entry), or {@code index} for trailing text
   */
  public static final class Malformed extends Exception {
    private final Problem problem;
    private final int index;
    private final int componentStart;

    Malformed(Problem problem, int index, int componentStart) {
      super(problem + " at " + index, null, false, false);
      this.problem = problem;
      this.index = index;
      this.componentStart = componentStart;
    }

    public Problem problem() {
      return problem;
    }

    public int index() {
      return index;
    }

    public int componentStart() {
      return componentStart;
    }
  }

  /** Splits {@code text} into its parts, or says where and why it is not an address or spec. */
  public static Parts parse(String text) throws Malformed {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ':' || c == '#' || (c == '@' && parameterEnd(text, i + 1) >= 0)) {
        break;
      }
      i++;
    }
    String path = text.substring(0, i);

    String name = null;
    if (i + 1 < n && text.charAt(i) == ':') {
      int end = scan(text, i + 1, "#@:");
      if (end > i + 1) {
        name = text.substring(i + 1, end);
        i = end;
      } else if (text.charAt(i + 1) != ':') { // `dir::` is a wildcard, `dir:@x` an error
        throw new Malformed(Problem.EMPTY_NAME, i + 1, i + 1);
      }
    }

    String generated = null;
    if (i < n && text.charAt(i) == '#') {
      int end = scan(text, i + 1, "@:");
      if (end == i + 1) {
        throw new Malformed(Problem.EMPTY_GENERATED, i + 1, i + 1);
      }
      generated = text.substring(i + 1, end);
      i = end;
    }

    SortedMap<String, String> parameters = new TreeMap<>();
    if (i < n && text.charAt(i) == '@') {
      int start = ++i;
      while (true) {
        int end = parameterEnd(text, i);
        if (end < 0) {
          throw new Malformed(Problem.BAD_PARAMETERS, i, start);
        }
        String entry = text.substring(i, end);
        int eq = entry.indexOf('=');
        parameters.put(entry.substring(0, eq), entry.substring(eq + 1));
        i = end;
        if (i < n && text.charAt(i) == ',') {
          i++;
          continue;
        }
        break;
      }
    }

    String rest = text.substring(i);
    String wildcard = null;
    if (rest.equals("::") || rest.equals(":")) {
      wildcard = rest;
    } else if (!rest.isEmpty()) {
      // The PEG parser reports the furthest position it reached: past a `:` or `::` it took as
      // a wildcard.
      int at = rest.startsWith("::") ? i + 2 : rest.startsWith(":") ? i + 1 : i;
      throw new Malformed(Problem.TRAILING_TEXT, at, at);
    }
    return new Parts(path, name, generated, parameters, wildcard);
  }

  /** The end of a {@code key=value} entry starting at {@code from}, or -1 if there is none. */
  private static int parameterEnd(String text, int from) {
    int eq = scan(text, from, "=:");
    if (eq == from || eq >= text.length() || text.charAt(eq) != '=') {
      return -1;
    }
    return scan(text, eq + 1, ",:");
  }

  /** The first index at or after {@code from} holding one of {@code stops}, or the length. */
  private static int scan(String text, int from, String stops) {
    int i = from;
    while (i < text.length() && stops.indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }
}
