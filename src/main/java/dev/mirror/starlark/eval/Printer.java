package dev.mirror.starlark.eval;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Builds the {@code str} and {@code repr} text of values in one pass. It remembers the values
 * being printed, so a list that contains itself prints as {@code [1, [...]]} instead of recursing
 * forever; how deep it may go and how long the text may grow are bounded by {@link Limits}.
 */
public final class Printer {
  private final StringBuilder sb = new StringBuilder();
  /** The values being printed, outermost first: a set, so that the cycle check is O(1). */
  private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

  public Printer append(String s) {
    Limits.checkString((long) sb.length() + s.length());
    sb.append(s);
    return this;
  }

  public Printer append(char c) {
    sb.append(c);
    return this;
  }

  public Printer repr(Object x) {
    if (x instanceof String s) {
      Limits.checkString((long) sb.length() + s.length());
      Starlark.quote(sb, s);
    } else if (x instanceof StarlarkValue v) {
      print(v, true);
    } else {
      Starlark.repr(sb, x);
    }
    return this;
  }

  public Printer str(Object x) {
    if (x instanceof String s) {
      append(s);
    } else if (x instanceof StarlarkValue v) {
      print(v, false);
    } else {
      repr(x);
    }
    return this;
  }

  /**
   * Prints a value unless it is already being printed: then, as in Python and starlark-go, a
   * list shows as {@code [...]} and a dict as {@code {...}} (only they can contain themselves).
   */
  private void print(StarlarkValue v, boolean repr) {
    if (path.contains(v)) {
      sb.append(v instanceof StarlarkList ? "[...]" : v instanceof Dict ? "{...}" : "...");
      return;
    }
    Limits.checkNesting(path.size(), "print");
    Limits.checkString(sb.length());
    path.add(v);
    try {
      if (repr) {
        v.repr(this);
      } else {
        v.str(this);
      }
    } finally {
      path.remove(v);
    }
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
