package dev.mirror.goals;

import dev.mirror.targets.Target;
import java.util.List;

/** {@code list}: one address per line, or with {@code --documented} each with its description. */
public final class ListGoal {
  private ListGoal() {}

  /**
   * The text {@code list} prints: each address followed by {@code sep} (the last one too), as
   * Pants does. {@code sep} is given as written in options ({@code \n} as two characters).
   */
  public static String render(List<Target> targets, boolean documented, String sep) {
    String separator = unescape(sep);
    StringBuilder out = new StringBuilder();
    for (Target t : targets) {
      if (documented) {
        String description = t.description();
        if (description == null) {
          continue;
        }
        out.append(t.address()).append('\n')
            .append("  ").append(description.strip().replace("\n", "\n  "))
            .append(separator);
      } else {
        out.append(t.address()).append(separator);
      }
    }
    return out.toString();
  }

  /** Decodes the backslash escapes Pants decodes in {@code [list].sep}. */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '0' -> out.append('\0');
          case '\\' -> out.append('\\');
          default -> out.append('\\').append(n);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
