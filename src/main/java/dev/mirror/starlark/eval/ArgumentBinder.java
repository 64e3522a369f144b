package dev.mirror.starlark.eval;

import dev.mirror.spelling.Spelling;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a call's arguments to parameters, for Starlark and Java functions alike, with Python's
 * messages. The result fills {@code out}: parameters in order, then the *args tuple, then the
 * **kwargs dict.
 */
final class ArgumentBinder {
  private ArgumentBinder() {}

  static void bind(
      String function,
      List<String> names,
      Object[] defaults,
      int positionalOnly,
      int positional,
      boolean hasVarargs,
      boolean hasKwargs,
      Object[] args,
      Object[] named,
      Mutability mutability,
      Object[] out) {
    int n = names.size();
    int given = args.length;
    if (given == n && named.length == 0 && positional == n && !hasVarargs && !hasKwargs) {
      System.arraycopy(args, 0, out, 0, n); // f(a, b) called with exactly its parameters
      return;
    }
    if (given > positional) {
      if (!hasVarargs) {
        throw new EvalException(function + "() "
            + (positional == 0 ? "does not accept positional arguments"
                : "accepts no more than " + positional + " positional argument"
                    + (positional == 1 ? "" : "s"))
            + " but got " + given);
      }
      Object[] rest = new Object[given - positional];
      System.arraycopy(args, positional, rest, 0, rest.length);
      out[n] = Tuple.wrap(rest);
      System.arraycopy(args, 0, out, 0, positional);
    } else {
      System.arraycopy(args, 0, out, 0, given);
      if (hasVarargs) {
        out[n] = Tuple.EMPTY;
      }
    }
    Dict kwargs = null;
    if (hasKwargs) {
      kwargs = new Dict(mutability);
      out[n + (hasVarargs ? 1 : 0)] = kwargs;
    }
    for (int i = 0; i < named.length; i += 2) {
      String name = (String) named[i];
      Object value = named[i + 1];
      int index = indexOf(names, name);
      if (index < 0 || index < positionalOnly) {
        if (kwargs != null) {
          if (kwargs.containsKey(name)) {
            throw new EvalException(function + "() got multiple values for keyword argument '"
                + name + "'");
          }
          kwargs.putUnchecked(name, value);
          continue;
        }
        if (index >= 0) {
          throw new EvalException(function + "() got some positional-only arguments passed as"
              + " keyword arguments: '" + name + "'");
        }
        String suggestion = Spelling.closest(name, names.subList(positionalOnly, n));
        throw new EvalException(function + "() got an unexpected keyword argument '" + name + "'"
            + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
      }
      if (out[index] != null) {
        throw new EvalException(function + "() got multiple values for argument '" + name + "'");
      }
      out[index] = value;
    }
    List<String> missingPositional = null;
    List<String> missingKeyword = null;
    for (int i = 0; i < n; i++) {
      if (out[i] == null) {
        Object d = defaults[i];
        if (d == null) {
          if (i < positional) {
            (missingPositional == null ? missingPositional = new ArrayList<>() : missingPositional)
                .add(names.get(i));
          } else {
            (missingKeyword == null ? missingKeyword = new ArrayList<>() : missingKeyword)
                .add(names.get(i));
          }
        } else {
          out[i] = d;
        }
      }
    }
    if (missingPositional != null) {
      throw missing(function, missingPositional, "positional");
    }
    if (missingKeyword != null) {
      throw missing(function, missingKeyword, "keyword-only");
    }
  }

  private static EvalException missing(String function, List<String> names, String kind) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(i == names.size() - 1 ? (names.size() > 2 ? ", and " : " and ") : ", ");
      }
      sb.append('\'').append(names.get(i)).append('\'');
    }
    return new EvalException(function + "() missing " + names.size()
        + (kind.equals("positional") ? "" : " " + kind) + " argument"
        + (names.size() == 1 ? "" : "s") + ": " + sb);
  }

  private static int indexOf(List<String> names, String name) {
    for (int i = 0, n = names.size(); i < n; i++) {
      if (names.get(i).equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
