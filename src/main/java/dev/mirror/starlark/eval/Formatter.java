package dev.mirror.starlark.eval;

import java.math.BigInteger;

/**
 * String formatting: the {@code %} operator, {@code str.format}, and the format-spec mini-language
 * of Python that f-strings and {@code format} fields use ({@code {x:>10}}, {@code {n:08.3f}}).
 */
final class Formatter {
  private Formatter() {}

  // ---- the % operator ----

  /**
   * {@code format % args}. With {@code lenient} (the Pants dialect) Python's flags, width and
   * precision are accepted; the spec allows none.
   */
  static String percent(String format, Object args, boolean lenient) {
    Object[] values;
    Dict mapping = null;
    if (args instanceof Tuple t) {
      values = t.elems;
    } else {
      values = new Object[] {args};
      if (args instanceof Dict d) {
        mapping = d;
      }
    }
    StringBuilder out = new StringBuilder();
    int next = 0;
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      i++;
      if (i >= n) {
        throw new EvalException("incomplete format");
      }
      Object value;
      boolean keyed = false;
      if (format.charAt(i) == '(') {
        int close = format.indexOf(')', i);
        if (close < 0) {
          throw new EvalException("incomplete format key");
        }
        if (mapping == null) {
          throw new EvalException("format requires a mapping");
        }
        String key = format.substring(i + 1, close);
        value = mapping.get(key);
        if (value == null) {
          throw new EvalException("key " + Starlark.repr(key) + " not found");
        }
        keyed = true;
        i = close + 1;
      } else {
        value = null;
      }
      // Flags, width and precision, as Python allows them.
      int specStart = i;
      while (i < n && "-+ #0".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      while (i < n && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i < n && format.charAt(i) == '.') {
        i++;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
      }
      if (i >= n) {
        throw new EvalException("incomplete format");
      }
      String flags = format.substring(specStart, i);
      char conv = format.charAt(i);
      if (!flags.isEmpty() && !lenient) {
        throw new EvalException("unsupported format conversion '%" + flags + conv + "': flags,"
            + " width and precision are not supported (only in the pants dialect)");
      }
      if (conv == '%') {
        out.append('%');
        continue;
      }
      if (!keyed) {
        if (next >= values.length) {
          throw new EvalException("not enough arguments for format string");
        }
        value = values[next++];
      }
      out.append(percentOne(conv, flags, value));
    }
    if (mapping == null && next < values.length) {
      throw new EvalException("too many arguments for format string");
    }
    return out.toString();
  }

  private static String percentOne(char conv, String flags, Object value) {
    String spec = percentSpecToFormatSpec(flags);
    switch (conv) {
      case 's' -> {
        return pad(Starlark.str(value), spec, '<');
      }
      case 'r' -> {
        return pad(Starlark.repr(value), spec, '<');
      }
      case 'd', 'i' -> {
        Object i = toIntegral(value, conv);
        return formatSpec(i, spec + "d");
      }
      case 'o', 'x', 'X' -> {
        value = toIntegral(value, conv);
        String s = formatSpec(value, spec.replace("#", "") + conv);
        if (flags.contains("#")) {
          s = s.replaceFirst("^(\\s*-?)", "$1" + (conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X"));
        }
        return s;
      }
      case 'e', 'E', 'f', 'F', 'g', 'G' -> {
        if (!(value instanceof Double) && !Starlark.isInt(value)) {
          throw new EvalException("%" + conv + " format requires float: " + Starlark.type(value));
        }
        if ((conv == 'g' || conv == 'G') && !flags.contains(".")) {
          // Without a precision, %g prints the shortest form, as str() does.
          String s = Floats.repr(Ints.toDouble(value));
          s = s.startsWith("+") ? s.substring(1) : s;
          return pad(conv == 'G' ? s.toUpperCase() : s, spec, '<');
        }
        String s = spec;
        if (!flags.contains(".")) {
          s = s + ".6";
        }
        return formatSpec(Ints.toDouble(value), s + conv);
      }
      case 'c' -> {
        if (value instanceof String s) {
          if (s.codePointCount(0, s.length()) != 1) {
            throw new EvalException("%c requires a single-character string");
          }
          return pad(s, spec, '<');
        }
        long cp = Methods.toLong(value, "%c");
        if (cp < 0 || cp > 0x10FFFF) {
          throw new EvalException("%c: invalid Unicode code point " + cp);
        }
        return pad(new String(Character.toChars((int) cp)), spec, '<');
      }
      default -> throw new EvalException("unsupported format character '" + conv + "'");
    }
  }

  private static Object toIntegral(Object value, char conv) {
    if (Starlark.isInt(value)) {
      return value;
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new EvalException("cannot convert float " + Floats.repr(d) + " to integer");
      }
      return Ints.normalize(Ints.toBig(d));
    }
    throw new EvalException("%" + conv + " format requires integer: " + Starlark.type(value));
  }

  /** Rewrites %-style flags ({@code -08.3}) into a format spec ({@code <08.3}). */
  private static String percentSpecToFormatSpec(String flags) {
    StringBuilder sb = new StringBuilder();
    boolean left = flags.contains("-");
    int i = 0;
    String signs = "";
    boolean zero = false, alt = false;
    while (i < flags.length() && "-+ #0".indexOf(flags.charAt(i)) >= 0) {
      char f = flags.charAt(i++);
      if (f == '+') {
        signs = "+";
      } else if (f == ' ' && signs.isEmpty()) {
        signs = " ";
      } else if (f == '0') {
        zero = true;
      } else if (f == '#') {
        alt = true;
      }
    }
    if (left) {
      sb.append('<');
    }
    sb.append(signs);
    if (alt) {
      sb.append('#');
    }
    if (zero && !left) {
      sb.append('0');
    }
    sb.append(flags.substring(i));
    return sb.toString();
  }

  // ---- str.format ----

  static String format(String format, Tuple args, Dict kwargs) {
    StringBuilder out = new StringBuilder();
    int auto = 0;
    boolean usedAuto = false, usedManual = false;
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c == '}') {
        if (i + 1 < n && format.charAt(i + 1) == '}') {
          out.append('}');
          i++;
          continue;
        }
        throw new EvalException("format: single '}' in format");
      }
      if (c != '{') {
        out.append(c);
        continue;
      }
      if (i + 1 < n && format.charAt(i + 1) == '{') {
        out.append('{');
        i++;
        continue;
      }
      int depth = 1;
      int j = i + 1;
      while (j < n && depth > 0) {
        char d = format.charAt(j);
        if (d == '{') {
          depth++;
        } else if (d == '}') {
          depth--;
        }
        if (depth > 0) {
          j++;
        }
      }
      if (j >= n) {
        throw new EvalException("format: unmatched '{' in format");
      }
      String field = format.substring(i + 1, j);
      i = j;
      String name = field, conversion = null, spec = "";
      int colon = indexOutsideBrackets(field, ':');
      if (colon >= 0) {
        spec = field.substring(colon + 1);
        name = field.substring(0, colon);
      }
      int bang = name.indexOf('!');
      if (bang >= 0) {
        conversion = name.substring(bang + 1);
        name = name.substring(0, bang);
        if (!conversion.equals("s") && !conversion.equals("r")) {
          throw new EvalException("format: unknown conversion \"!" + conversion + "\"");
        }
      }
      Object value;
      if (name.isEmpty()) {
        if (usedManual) {
          throw new EvalException("format: cannot switch from manual field specification to"
              + " automatic field numbering");
        }
        usedAuto = true;
        if (auto >= args.size()) {
          throw new EvalException("format: tuple index out of range");
        }
        value = args.get(auto++);
      } else if (Character.isDigit(name.charAt(0))) {
        if (usedAuto) {
          throw new EvalException("format: cannot switch from automatic field numbering to"
              + " manual field specification");
        }
        usedManual = true;
        int index;
        try {
          index = Integer.parseInt(name);
        } catch (NumberFormatException e) {
          throw new EvalException("format: invalid field name \"" + name + "\"");
        }
        if (index >= args.size()) {
          throw new EvalException("format: tuple index out of range");
        }
        value = args.get(index);
      } else {
        if (name.contains(".") || name.contains("[")) {
          throw new EvalException("format: attribute and element access in fields is not"
              + " supported: \"" + name + "\"");
        }
        value = kwargs.get(name);
        if (value == null) {
          throw new EvalException("format: keyword " + name + " not found");
        }
      }
      if (spec.contains("{")) {
        spec = format(spec, args, kwargs);
      }
      if ("r".equals(conversion)) {
        value = Starlark.repr(value);
      } else if ("s".equals(conversion)) {
        value = Starlark.str(value);
      }
      out.append(formatSpec(value, spec));
    }
    return out.toString();
  }

  private static int indexOutsideBrackets(String s, char c) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char d = s.charAt(i);
      if (d == '[') {
        depth++;
      } else if (d == ']') {
        depth--;
      } else if (d == c && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  // ---- the format-spec mini-language ----

  /** A parsed {@code [[fill]align][sign][#][0][width][,|_][.precision][type]}. */
  private record Spec(char fill, char align, char sign, boolean alternate, int width,
      char grouping, int precision, char type) {}

  private static Spec parse(String spec) {
    int i = 0, n = spec.length();
    char fill = ' ', align = 0, sign = 0, grouping = 0, type = 0;
    boolean alternate = false;
    int width = -1, precision = -1;
    if (n >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
      fill = spec.charAt(0);
      align = spec.charAt(1);
      i = 2;
    } else if (n >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) {
      align = spec.charAt(0);
      i = 1;
    }
    if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) {
      sign = spec.charAt(i++);
    }
    if (i < n && spec.charAt(i) == 'z') {
      i++;
    }
    if (i < n && spec.charAt(i) == '#') {
      alternate = true;
      i++;
    }
    if (i < n && spec.charAt(i) == '0') {
      if (align == 0) {
        fill = '0';
        align = '=';
      }
      i++;
    }
    int start = i;
    while (i < n && Character.isDigit(spec.charAt(i))) {
      i++;
    }
    if (i > start) {
      width = boundedNumber(spec.substring(start, i), "width");
    }
    if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
      grouping = spec.charAt(i++);
    }
    if (i < n && spec.charAt(i) == '.') {
      i++;
      start = i;
      while (i < n && Character.isDigit(spec.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw new EvalException("format spec: missing precision in \"" + spec + "\"");
      }
      precision = boundedNumber(spec.substring(start, i), "precision");
    }
    if (i < n) {
      type = spec.charAt(i++);
    }
    if (i < n) {
      throw new EvalException("invalid format specifier \"" + spec + "\"");
    }
    return new Spec(fill, align, sign, alternate, width, grouping, precision, type);
  }

  private static int boundedNumber(String digits, String what) {
    if (digits.length() > 6 || Integer.parseInt(digits) > Limits.MAX_FORMAT_WIDTH) {
      throw new EvalException("format spec: " + what + " " + digits + " is too large (at most "
          + Limits.MAX_FORMAT_WIDTH + ")");
    }
    return Integer.parseInt(digits);
  }

  /** Formats one value with a format spec, as Python's {@code format(value, spec)} does. */
  static String formatSpec(Object value, String specText) {
    if (specText.isEmpty()) {
      return Starlark.str(value);
    }
    Spec spec = parse(specText);
    char type = spec.type();
    if (value instanceof Boolean b && (type == 0 || type == 's')) {
      value = b ? "True" : "False";
    }
    if (value instanceof String s) {
      if (type != 0 && type != 's') {
        throw new EvalException("unknown format code '" + type + "' for object of type 'string'");
      }
      if (spec.sign() != 0 || spec.align() == '=') {
        throw new EvalException("sign and '=' alignment are not allowed in string format specifier");
      }
      String text = spec.precision() >= 0 && spec.precision() < s.length()
          ? s.substring(0, spec.precision()) : s;
      return align(text, spec, '<');
    }
    if (value instanceof Boolean b) {
      value = b ? 1L : 0L;
    }
    if (Starlark.isInt(value)) {
      if ("eEfFgG%".indexOf(type) >= 0) {
        return formatFloat(Ints.toDouble(value), spec);
      }
      return formatInt(Ints.toBig(value), spec);
    }
    if (value instanceof Double d) {
      if ("dbcoxXn".indexOf(type) >= 0 && type != 0) {
        throw new EvalException("unknown format code '" + type + "' for object of type 'float'");
      }
      return formatFloat(d, spec);
    }
    if (type != 0 && type != 's') {
      throw new EvalException("unknown format code '" + type + "' for object of type '"
          + Starlark.type(value) + "'");
    }
    return align(Starlark.str(value), spec, '<');
  }

  private static String formatInt(BigInteger v, Spec spec) {
    char type = spec.type() == 0 ? 'd' : spec.type();
    String digits;
    String prefix = "";
    BigInteger abs = v.abs();
    switch (type) {
      case 'd', 'n' -> digits = abs.toString();
      case 'b' -> {
        digits = abs.toString(2);
        prefix = spec.alternate() ? "0b" : "";
      }
      case 'o' -> {
        digits = abs.toString(8);
        prefix = spec.alternate() ? "0o" : "";
      }
      case 'x' -> {
        digits = abs.toString(16);
        prefix = spec.alternate() ? "0x" : "";
      }
      case 'X' -> {
        digits = abs.toString(16).toUpperCase();
        prefix = spec.alternate() ? "0X" : "";
      }
      case 'c' -> {
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(0x10FFFF)) > 0) {
          throw new EvalException("format spec 'c': " + v + " is not a Unicode code point"
              + " (0 to 0x10FFFF)");
        }
        return align(new String(Character.toChars(v.intValue())), spec, '<');
      }
      case 's' -> throw new EvalException("unknown format code 's' for object of type 'int'");
      default -> throw new EvalException("unknown format code '" + type + "' for object of type 'int'");
    }
    if (spec.grouping() != 0) {
      digits = group(digits, spec.grouping(), type == 'd' || type == 'n' ? 3 : 4);
    }
    return signAndAlign(v.signum() < 0, prefix + digits, prefix.length(), spec);
  }

  private static String formatFloat(double d, Spec spec) {
    char type = spec.type();
    int precision = spec.precision() < 0 ? 6 : spec.precision();
    boolean negative = d < 0 || (d == 0 && 1 / d < 0);
    double a = Math.abs(d);
    String body;
    switch (type) {
      case 'f', 'F' -> body = Floats.formatF(a, precision);
      case 'e', 'E' -> body = Floats.formatE(a, precision);
      case 'g', 'G' -> body = Floats.formatG(a, precision, spec.alternate());
      case '%' -> body = Floats.formatF(a * 100, precision) + "%";
      case 0 -> {
        if (spec.precision() >= 0) {
          body = Floats.formatG(a, precision, spec.alternate());
          if (!body.contains(".") && !body.contains("e") && !body.contains("n") && !body.contains("i")) {
            body = body + (spec.alternate() ? "." : "");
          }
        } else {
          body = Floats.repr(a);
          if (body.startsWith("+")) {
            body = body.substring(1);
          }
        }
      }
      default -> throw new EvalException("unknown format code '" + type + "' for object of type 'float'");
    }
    if (Character.isUpperCase(type)) {
      body = body.toUpperCase();
    }
    if (spec.grouping() != 0 && !Double.isNaN(a) && !Double.isInfinite(a)) {
      int dot = body.indexOf('.');
      int e = body.indexOf('e');
      int intEnd = dot >= 0 ? dot : (e >= 0 ? e : (body.endsWith("%") ? body.length() - 1 : body.length()));
      body = group(body.substring(0, intEnd), spec.grouping(), 3) + body.substring(intEnd);
    }
    return signAndAlign(negative && !Double.isNaN(d), body, 0, spec);
  }

  private static String group(String digits, char separator, int size) {
    StringBuilder sb = new StringBuilder();
    int n = digits.length();
    for (int i = 0; i < n; i++) {
      if (i > 0 && (n - i) % size == 0) {
        sb.append(separator);
      }
      sb.append(digits.charAt(i));
    }
    return sb.toString();
  }

  private static String signAndAlign(boolean negative, String body, int prefixLength, Spec spec) {
    String sign = negative ? "-" : spec.sign() == '+' ? "+" : spec.sign() == ' ' ? " " : "";
    if (spec.align() == '=' && spec.width() > sign.length() + body.length()) {
      int padding = spec.width() - sign.length() - body.length();
      String prefix = body.substring(0, prefixLength);
      String rest = body.substring(prefixLength);
      String fill = String.valueOf(spec.fill()).repeat(padding);
      if (spec.fill() == '0' && spec.grouping() != 0) {
        // Zero padding takes part in grouping, as Python does: 0,001,234.
        String digits = (fill + rest.replace(String.valueOf(spec.grouping()), ""));
        int intEnd = 0;
        while (intEnd < digits.length() && Character.isDigit(digits.charAt(intEnd))) {
          intEnd++;
        }
        String grouped = group(digits.substring(0, intEnd), spec.grouping(), 3);
        int excess = grouped.length() + (digits.length() - intEnd) - rest.length() - padding;
        while (excess > 0 && grouped.length() > 1 && (grouped.charAt(0) == '0'
            || grouped.charAt(0) == spec.grouping())) {
          grouped = grouped.substring(1);
          excess--;
        }
        if (grouped.charAt(0) == spec.grouping()) {
          grouped = "0" + grouped;
        }
        return sign + prefix + grouped + digits.substring(intEnd);
      }
      return sign + prefix + fill + rest;
    }
    return align(sign + body, spec, '>');
  }

  private static String align(String text, Spec spec, char defaultAlign) {
    int width = spec.width();
    int length = text.codePointCount(0, text.length());
    if (width <= length) {
      return text;
    }
    int padding = width - length;
    String fill = String.valueOf(spec.fill());
    char align = spec.align() == 0 || spec.align() == '=' ? defaultAlign : spec.align();
    return switch (align) {
      case '<' -> text + fill.repeat(padding);
      case '^' -> fill.repeat(padding / 2) + text + fill.repeat(padding - padding / 2);
      default -> fill.repeat(padding) + text;
    };
  }

  /** For %s and friends: width and '-' flag only. */
  private static String pad(String text, String spec, char defaultAlign) {
    if (spec.isEmpty()) {
      return text;
    }
    Spec s = parse(spec.replace("+", "").replace(" ", "").replace("#", ""));
    int precision = s.precision();
    if (precision >= 0 && precision < text.length()) {
      text = text.substring(0, precision);
    }
    return align(text, new Spec(' ', s.align() == '=' ? 0 : s.align(), (char) 0, false, s.width(),
        (char) 0, -1, (char) 0), defaultAlign == '<' && s.align() == 0 ? '>' : defaultAlign);
  }
}
