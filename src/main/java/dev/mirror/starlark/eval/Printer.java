package dev.mirror.starlark.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code str} and {@code repr} text of values. It remembers the containers being
 * printed, so a list that contains itself prints as {@code [...]} instead of recursing forever.
 */
public final class Printer {
  private final StringBuilder sb = new StringBuilder();
  private final List<Object> path = new ArrayList<>();

  public Printer append(String s) {
    sb.append(s);
    return this;
  }

  public Printer append(char c) {
    sb.append(c);
    return this;
  }

  public Printer repr(Object x) {
    if (x instanceof String s) {
      Starlark.quote(sb, s);
    } else if (x instanceof StarlarkValue v) {
      for (Object p : path) {
        if (p == x) {
          sb.append("...");
          return this;
        }
      }
      path.add(x);
      try {
        v.repr(this);
      } finally {
        path.remove(path.size() - 1);
      }
    } else {
      Starlark.repr(sb, x);
    }
    return this;
  }

  public Printer str(Object x) {
    if (x instanceof String s) {
      sb.append(s);
    } else if (x instanceof StarlarkValue v) {
      v.str(this);
    } else {
      repr(x);
    }
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
