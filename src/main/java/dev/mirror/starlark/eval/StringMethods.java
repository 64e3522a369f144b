package dev.mirror.starlark.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The methods of string values, as the spec defines them. */
final class StringMethods {
  private StringMethods() {}

  /** The [start, end) range a method's optional start and end arguments select. */
  private static int[] range(String s, Object start, Object end) {
    int[] b = Slices.bounds(start, end, Starlark.NONE, s.length());
    return new int[] {b[0], Math.max(b[0], b[1])};
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x1c || c == 0x1d || c == 0x1e
        || c == 0x1f || c == 0x85 || c == 0xa0 || Character.isWhitespace(c)
        || Character.isSpaceChar(c);
  }

  private static boolean matchesAffix(String s, Object affix, int[] r, boolean prefix, String fn) {
    if (affix instanceof Tuple t) {
      for (Object o : t.elems) {
        if (matchesAffix(s, Methods.toStr(o, fn), r, prefix, fn)) {
          return true;
        }
      }
      return false;
    }
    if (!(affix instanceof String a)) {
      throw new EvalException(fn + ": got " + Starlark.type(affix) + ", want string or tuple of"
          + " strings");
    }
    String sub = s.substring(r[0], r[1]);
    return prefix ? sub.startsWith(a) : sub.endsWith(a);
  }

  private static int find(String s, Object sub, Object start, Object end, boolean last, String fn) {
    String needle = Methods.toStr(sub, fn);
    int[] r = range(s, start, end);
    if (needle.length() > r[1] - r[0]) {
      return -1;
    }
    String hay = s.substring(r[0], r[1]);
    int i = last ? hay.lastIndexOf(needle) : hay.indexOf(needle);
    return i < 0 ? -1 : i + r[0];
  }

  private static String strip(String s, Object cutset, boolean left, boolean right) {
    int start = 0, end = s.length();
    if (cutset == Starlark.NONE) {
      while (left && start < end && isWhitespace(s.charAt(start))) {
        start++;
      }
      while (right && end > start && isWhitespace(s.charAt(end - 1))) {
        end--;
      }
    } else {
      String cut = Methods.toStr(cutset, "strip");
      while (left && start < end && cut.indexOf(s.charAt(start)) >= 0) {
        start++;
      }
      while (right && end > start && cut.indexOf(s.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    return s.substring(start, end);
  }

  private static List<Object> splitWhitespace(String s, long maxsplit) {
    List<Object> out = new ArrayList<>();
    int i = 0, n = s.length();
    while (true) {
      while (i < n && isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (maxsplit >= 0 && out.size() == maxsplit) {
        out.add(s.substring(i));
        break;
      }
      int j = i;
      while (j < n && !isWhitespace(s.charAt(j))) {
        j++;
      }
      out.add(s.substring(i, j));
      i = j;
    }
    return out;
  }

  private static List<Object> rsplitWhitespace(String s, long maxsplit) {
    List<Object> out = new ArrayList<>();
    int j = s.length();
    while (true) {
      while (j > 0 && isWhitespace(s.charAt(j - 1))) {
        j--;
      }
      if (j <= 0) {
        break;
      }
      if (maxsplit >= 0 && out.size() == maxsplit) {
        out.add(0, s.substring(0, j));
        break;
      }
      int i = j;
      while (i > 0 && !isWhitespace(s.charAt(i - 1))) {
        i--;
      }
      out.add(0, s.substring(i, j));
      j = i;
    }
    return out;
  }

  private static String titleCase(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        sb.append(prevCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
        prevCased = true;
      } else {
        sb.append(c);
        prevCased = false;
      }
    }
    return sb.toString();
  }

  private static boolean isTitle(String s) {
    boolean cased = false, prevCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
        if (prevCased) {
          return false;
        }
        prevCased = true;
        cased = true;
      } else if (Character.isLowerCase(c)) {
        if (!prevCased) {
          return false;
        }
        prevCased = true;
        cased = true;
      } else {
        prevCased = false;
      }
    }
    return cased;
  }

  private interface CharTest {
    boolean test(char c);
  }

  private static boolean all(String s, CharTest t) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!t.test(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** islower/isupper: some cased character, and none of the other case. */
  private static boolean casedAll(String s, boolean upper) {
    boolean cased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (upper ? Character.isLowerCase(c) : (Character.isUpperCase(c) || Character.isTitleCase(c))) {
        return false;
      }
      if (upper ? Character.isUpperCase(c) : Character.isLowerCase(c)) {
        cased = true;
      }
    }
    return cased;
  }

  private static Tuple partition(String s, Object sepObj, boolean last, String fn) {
    String sep = Methods.toStr(sepObj, fn);
    if (sep.isEmpty()) {
      throw new EvalException(fn + ": empty separator");
    }
    int i = last ? s.lastIndexOf(sep) : s.indexOf(sep);
    if (i < 0) {
      return last ? Tuple.of("", "", s) : Tuple.of(s, "", "");
    }
    return Tuple.of(s.substring(0, i), sep, s.substring(i + sep.length()));
  }

  static final Map<String, BuiltinFunction> METHODS = Methods.table(
      BuiltinFunction.method("capitalize", "", (th, self, a) -> {
        String s = (String) self;
        if (s.isEmpty()) {
          return s;
        }
        return Character.toTitleCase(s.charAt(0)) + s.substring(1).toLowerCase();
      }),
      BuiltinFunction.method("count", "sub, start=None, end=None, /", (th, self, a) -> {
        String s = (String) self;
        String sub = Methods.toStr(a[0], "count");
        int[] r = range(s, a[1], a[2]);
        String hay = s.substring(r[0], r[1]);
        if (sub.isEmpty()) {
          return (long) hay.length() + 1;
        }
        long n = 0;
        for (int i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length())) {
          n++;
        }
        return n;
      }),
      BuiltinFunction.method("elems", "", (th, self, a) -> {
        String s = (String) self;
        Object[] out = new Object[s.length()];
        for (int i = 0; i < out.length; i++) {
          out[i] = String.valueOf(s.charAt(i));
        }
        return new Bytes.ElemsView(s, out);
      }),
      BuiltinFunction.method("endswith", "suffix, start=None, end=None, /", (th, self, a) ->
          matchesAffix((String) self, a[0], range((String) self, a[1], a[2]), false, "endswith")),
      BuiltinFunction.method("find", "sub, start=None, end=None, /", (th, self, a) ->
          (long) find((String) self, a[0], a[1], a[2], false, "find")),
      BuiltinFunction.method("format", "*args, **kwargs", (th, self, a) ->
          Formatter.format((String) self, (Tuple) a[0], (Dict) a[1])),
      BuiltinFunction.method("index", "sub, start=None, end=None, /", (th, self, a) -> {
        int i = find((String) self, a[0], a[1], a[2], false, "index");
        if (i < 0) {
          throw new EvalException("index: substring not found");
        }
        return (long) i;
      }),
      BuiltinFunction.method("isalnum", "", (th, self, a) ->
          all((String) self, Character::isLetterOrDigit)),
      BuiltinFunction.method("isalpha", "", (th, self, a) -> all((String) self, Character::isLetter)),
      BuiltinFunction.method("isdigit", "", (th, self, a) -> all((String) self, Character::isDigit)),
      BuiltinFunction.method("islower", "", (th, self, a) -> casedAll((String) self, false)),
      BuiltinFunction.method("isspace", "", (th, self, a) ->
          all((String) self, StringMethods::isWhitespace)),
      BuiltinFunction.method("istitle", "", (th, self, a) -> isTitle((String) self)),
      BuiltinFunction.method("isupper", "", (th, self, a) -> casedAll((String) self, true)),
      BuiltinFunction.method("join", "iterable, /", (th, self, a) -> {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object x : Starlark.iterate(a[0], th.dialect().iterableStrings())) {
          if (!(x instanceof String s)) {
            throw new EvalException("join: in list, want string, got " + Starlark.type(x));
          }
          if (!first) {
            sb.append((String) self);
          }
          first = false;
          sb.append(s);
          Limits.checkString(sb.length());
        }
        return sb.toString();
      }),
      BuiltinFunction.method("lower", "", (th, self, a) -> ((String) self).toLowerCase()),
      BuiltinFunction.method("lstrip", "cutset=None, /", (th, self, a) ->
          strip((String) self, a[0], true, false)),
      BuiltinFunction.method("partition", "sep, /", (th, self, a) ->
          partition((String) self, a[0], false, "partition")),
      BuiltinFunction.method("removeprefix", "prefix, /", (th, self, a) -> {
        String s = (String) self;
        String p = Methods.toStr(a[0], "removeprefix");
        return s.startsWith(p) ? s.substring(p.length()) : s;
      }),
      BuiltinFunction.method("removesuffix", "suffix, /", (th, self, a) -> {
        String s = (String) self;
        String p = Methods.toStr(a[0], "removesuffix");
        return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
      }),
      BuiltinFunction.method("replace", "old, new, count=-1, /", (th, self, a) -> {
        String s = (String) self;
        String old = Methods.toStr(a[0], "replace");
        String replacement = Methods.toStr(a[1], "replace");
        long count = Methods.toLong(a[2], "replace");
        if (count < 0) {
          count = Long.MAX_VALUE;
        }
        StringBuilder sb = new StringBuilder();
        if (old.isEmpty()) {
          long n = 0;
          for (int i = 0; i <= s.length(); i++) {
            Limits.checkString((long) sb.length() + replacement.length() + 1);
            if (n < count) {
              sb.append(replacement);
              n++;
            }
            if (i < s.length()) {
              sb.append(s.charAt(i));
            }
          }
          return sb.toString();
        }
        int from = 0;
        long n = 0;
        while (n < count) {
          int i = s.indexOf(old, from);
          if (i < 0) {
            break;
          }
          Limits.checkString((long) sb.length() + (i - from) + replacement.length());
          sb.append(s, from, i).append(replacement);
          from = i + old.length();
          n++;
        }
        return sb.append(s, from, s.length()).toString();
      }),
      BuiltinFunction.method("rfind", "sub, start=None, end=None, /", (th, self, a) ->
          (long) find((String) self, a[0], a[1], a[2], true, "rfind")),
      BuiltinFunction.method("rindex", "sub, start=None, end=None, /", (th, self, a) -> {
        int i = find((String) self, a[0], a[1], a[2], true, "rindex");
        if (i < 0) {
          throw new EvalException("rindex: substring not found");
        }
        return (long) i;
      }),
      BuiltinFunction.method("rpartition", "sep, /", (th, self, a) ->
          partition((String) self, a[0], true, "rpartition")),
      BuiltinFunction.method("rsplit", "sep=None, maxsplit=-1, /", (th, self, a) -> {
        String s = (String) self;
        long max = Methods.toLong(a[1], "rsplit");
        if (a[0] == Starlark.NONE) {
          return StarlarkList.copyOf(th.mutability(), rsplitWhitespace(s, max));
        }
        String sep = Methods.toStr(a[0], "rsplit");
        if (sep.isEmpty()) {
          throw new EvalException("rsplit: empty separator");
        }
        List<Object> out = new ArrayList<>();
        int end = s.length();
        while (max < 0 || out.size() < max) {
          int i = s.lastIndexOf(sep, end - sep.length());
          if (i < 0 || end - sep.length() < 0) {
            break;
          }
          out.add(0, s.substring(i + sep.length(), end));
          end = i;
        }
        out.add(0, s.substring(0, end));
        return StarlarkList.copyOf(th.mutability(), out);
      }),
      BuiltinFunction.method("rstrip", "cutset=None, /", (th, self, a) ->
          strip((String) self, a[0], false, true)),
      BuiltinFunction.method("split", "sep=None, maxsplit=-1, /", (th, self, a) -> {
        String s = (String) self;
        long max = Methods.toLong(a[1], "split");
        if (a[0] == Starlark.NONE) {
          return StarlarkList.copyOf(th.mutability(), splitWhitespace(s, max));
        }
        String sep = Methods.toStr(a[0], "split");
        if (sep.isEmpty()) {
          throw new EvalException("split: empty separator");
        }
        List<Object> out = new ArrayList<>();
        int from = 0;
        while (max < 0 || out.size() < max) {
          int i = s.indexOf(sep, from);
          if (i < 0) {
            break;
          }
          out.add(s.substring(from, i));
          from = i + sep.length();
        }
        out.add(s.substring(from));
        return StarlarkList.copyOf(th.mutability(), out);
      }),
      BuiltinFunction.method("splitlines", "keepends=False, /", (th, self, a) -> {
        String s = (String) self;
        boolean keep = Starlark.truth(a[0]);
        List<Object> out = new ArrayList<>();
        int start = 0, i = 0, n = s.length();
        while (i < n) {
          char c = s.charAt(i);
          if (c == '\n' || c == '\r') {
            int eol = i;
            i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
            out.add(s.substring(start, keep ? i : eol));
            start = i;
          } else {
            i++;
          }
        }
        if (start < n) {
          out.add(s.substring(start));
        }
        return StarlarkList.copyOf(th.mutability(), out);
      }),
      BuiltinFunction.method("startswith", "prefix, start=None, end=None, /", (th, self, a) ->
          matchesAffix((String) self, a[0], range((String) self, a[1], a[2]), true, "startswith")),
      BuiltinFunction.method("strip", "cutset=None, /", (th, self, a) ->
          strip((String) self, a[0], true, true)),
      BuiltinFunction.method("title", "", (th, self, a) -> titleCase((String) self)),
      BuiltinFunction.method("upper", "", (th, self, a) -> ((String) self).toUpperCase()));
}
