package dev.mirror.starlark.robustness;

import dev.mirror.starlark.syntax.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random, syntactically plausible Starlark programs from a small grammar: literals of every type
 * (huge ints, nan and inf, escapes, bytes, unicode), operators between them, builtin and method
 * calls with random arguments, indexing and slicing, lambdas, comprehensions, {@code %} and
 * {@code format} formatting, f-strings in the Pants dialect, and statements (assignments,
 * {@code if}, {@code for}, {@code while}, {@code def}).
 *
 * <p>Names are drawn from fixed pools so that most programs resolve: globals {@code v0..v3}
 * (bound by a prelude), functions {@code f0} and {@code f1}, parameters {@code p0, p1} and locals
 * {@code l0, l1} inside functions, {@code q} in lambdas and {@code e} in comprehensions. Each
 * expression is built only from the names of its scope. Everything is made of jqwik combinators
 * (no flatMap), so failing programs shrink.
 */
final class ProgramArbitraries {

  // Scopes: a bit set of the name groups an expression may use.
  static final int LITERALS = 0;
  static final int GLOBALS = 1;
  static final int LOCALS = 2;
  static final int LAMBDA = 4;
  static final int COMPREHENSION = 8;

  static final String[] BUILTINS = {
      "abs", "all", "any", "bool", "bytes", "dict", "dir", "enumerate", "float", "getattr",
      "hasattr", "hash", "int", "len", "list", "max", "min", "print", "range", "repr",
      "reversed", "set", "sorted", "str", "tuple", "type", "zip", "fail"};

  static final String[] STRING_METHODS = {
      "capitalize", "count", "elems", "endswith", "find", "format", "index", "isalnum", "isalpha",
      "isdigit", "islower", "isspace", "istitle", "isupper", "join", "lower", "lstrip",
      "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rpartition",
      "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "title", "upper"};

  static final String[] LIST_METHODS = {
      "append", "clear", "extend", "index", "insert", "pop", "remove"};

  static final String[] DICT_METHODS = {
      "clear", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"};

  static final String[] SET_METHODS = {
      "add", "clear", "difference", "difference_update", "discard", "intersection",
      "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove",
      "symmetric_difference", "symmetric_difference_update", "union", "update"};

  static final String[] METHODS = {
      // string
      "capitalize", "count", "elems", "endswith", "find", "format", "index", "isalnum", "isalpha",
      "isdigit", "islower", "isspace", "istitle", "isupper", "join", "lower", "lstrip",
      "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rpartition",
      "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "title", "upper",
      // list
      "append", "clear", "extend", "insert", "pop", "remove",
      // dict
      "get", "items", "keys", "popitem", "setdefault", "update", "values",
      // set
      "add", "difference", "difference_update", "discard", "intersection",
      "intersection_update", "isdisjoint", "issubset", "issuperset", "symmetric_difference",
      "symmetric_difference_update", "union",
      // none of these
      "nosuchmethod", "__len__"};

  static final String[] KEYWORDS = {
      "key", "reverse", "start", "sep", "default", "base", "x", "end", "maxsplit", "p0", "p1",
      "k", "keepends", "count", "fn"};

  static final String[] BINARY_OPS = {
      "+", "-", "*", "/", "//", "%", "|", "&", "^", "<<", ">>", "==", "!=", "<", "<=", ">",
      ">=", "in", "not in", "and", "or"};

  static final String[] PANTS_BINARY_OPS = {"is", "is not"};

  static final String[] AUGMENTED_OPS = {
      "+=", "-=", "*=", "/=", "//=", "%=", "|=", "&=", "^=", "<<=", ">>="};

  static final String[] INT_LITERALS = {
      "0", "1", "-1", "2", "3", "7", "10", "255", "256", "1000", "65535", "1114111", "1114112",
      "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808",
      "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890",
      "0x7fffffffffffffff", "0xffffffffffffffffff", "0xff", "0o777", "0b1011", "0O17", "0XAB",
      "100000000000000000000", "(1 << 64)", "(-(1 << 63))", "(1 << 200)", "00", "1_000"};

  static final String[] FLOAT_LITERALS = {
      "0.0", "-0.0", "1.5", "-2.5", "3.14159", "1e10", "1e308", "1.7976931348623157e308",
      "1e-308", "5e-324", "4.9e-324", "1E3", "1.", ".5", "0.1", "2.5e-3",
      "float('nan')", "float('inf')", "float('-inf')", "float('+inf')", "float('1e500')",
      "-float('nan')", "(1e308 * 10)", "float(1 << 1023)", "9007199254740993.0"};

  static final String[] STRING_PIECES = {
      "a", "b", "Z", "0", "9", " ", "  ", "%", "{", "}", "{}", "{0}", "%s", "%d", ".", "-", "_",
      "\\n", "\\t", "\\r", "\\\\", "\\'", "\\\"", "\\x41", "\\x00", "\\x7f", "\\u00e9",
      "\\u20ac", "\\U0001F600", "\\U0010FFFF", "\\0", "\\101", "\\177", "\\a", "\\v", "\\f",
      "é", "中", "😀", "ß", "İ", "ǅ", "\u00a0", "ﬀ", "Σ", "ς",
      "abc", "hello", "a,b,c", "1,2", "  x  ", "aaaa", "Hello World"};

  /** Literals the lexer must reject cleanly; rare, so that most programs still parse. */
  static final String[] INVALID_LITERALS = {
      "1e400", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\x4\"", "\"\\q\"", "b\"\\u00e9\\U0010FFFF\"",
      "\"\\U00110000\"", "\"\\777\"", "0x", "0b2", "0o8", "1__0", "09", "1e", "1.e+", "\"\"\"\"", "b'\\'",
      "\"\\N{DASH}\"", "\"\u2028\"", "'\u0000'"};

  /** Escapes Python accepts in strings, but the Starlark spec does not (non-ASCII \\x, octal). */
  static final String[] PANTS_STRING_PIECES = {"\\xff", "\\377", "\\xe9"};

  static final String[] BYTES_PIECES = {
      "a", "b", " ", "%", "\\x00", "\\xff", "\\x7f", "\\n", "\\\\", "\\'", "\\\"", "\\377",
      "\\0", "é", "😀", "abc", "\\u00e9"};

  static final String[] FORMAT_PIECES = {
      // % formatting
      "%s", "%r", "%d", "%i", "%x", "%X", "%o", "%e", "%E", "%f", "%F", "%g", "%G", "%c", "%%",
      "%(k)s", "%(x)d", "%(nokey)s", "%5d", "%-5d", "%05d", "%+d", "% d", "%.2f", "%10.3e",
      "%*d", "%.*f", "%#x", "%#o", "%ld", "%z", "%", "%(", "%(k", "%5", "%.", "%9999999d",
      "%.9999999f", "%2147483648d", "%.2147483648f", "%-2147483649d",
      // str.format
      "{}", "{0}", "{1}", "{2}", "{k}", "{x}", "{nokey}", "{0!r}", "{!s}", "{!a}", "{0!x}",
      "{:>10}", "{:<5}", "{:^7}", "{:*^9}", "{:x}", "{:X}", "{:o}", "{:b}", "{:c}", "{:e}",
      "{:.3f}", "{:,}", "{:_}", "{:+}", "{:=10}", "{:#x}", "{:010}", "{:%}", "{:n}", "{:s}",
      "{:d}", "{:.0}", "{:{}}", "{:.{}f}", "{0[0]}", "{0[k]}", "{0.x}", "{0:{1}}", "{-1}",
      "{99999999999999999999}", "{:2147483648}", "{:.2147483648f}", "{:9999999}",
      "{:.9999999}", "{", "}", "{{", "}}", "{0", "{:", "{!}", "{!r:}", "{:}",
      // plain text
      "a", " ", "x=", "é", "😀", "\\n"};

  static final String[] FSTRING_SPECS = {
      "", "", "", "!r", "!s", "!a", ":>10", ":<3", ":^5", ":x", ":X", ":b", ":o", ":e", ":.2f",
      ":,", ":_", ":+", ":=8", ":#x", ":05", ":%", ":c", ":s", ":d", ":n", ":.0", "!r:>8",
      ":>{1}", ":.{2}", ":z", ":", ":2147483648", ":.99999999999f"};

  private final Dialect dialect;
  private final boolean pants;
  private final boolean invalidLiterals;
  private final Map<Integer, Arbitrary<String>> memo = new HashMap<>();

  /**
   * @param invalidLiterals whether literals the lexer rejects may appear (rarely); they make the
   *     whole program a syntax error, so they suit short programs only
   */
  ProgramArbitraries(Dialect dialect, boolean invalidLiterals) {
    this.dialect = dialect;
    this.pants = dialect.fStrings();
    this.invalidLiterals = invalidLiterals;
  }

  Dialect dialect() {
    return dialect;
  }

  // ---- names ----

  static List<String> names(int scope) {
    List<String> names = new ArrayList<>();
    if ((scope & GLOBALS) != 0) {
      names.addAll(List.of("v0", "v1", "v2", "v3", "f0", "f1"));
    }
    if ((scope & LOCALS) != 0) {
      names.addAll(List.of("p0", "p1", "l0", "l1"));
    }
    if ((scope & LAMBDA) != 0) {
      names.add("q");
    }
    if ((scope & COMPREHENSION) != 0) {
      names.add("e");
    }
    return names;
  }

  // ---- literals ----

  Arbitrary<String> intLiteral() {
    return Arbitraries.frequencyOf(List.of(
        Tuple.of(4, Arbitraries.integers().between(-5, 300).map(ProgramArbitraries::signed)),
        Tuple.of(3, Arbitraries.of(INT_LITERALS)),
        Tuple.of(1, Arbitraries.longs().map(ProgramArbitraries::signed)),
        Tuple.of(1, Arbitraries.bigIntegers()
            .between(new java.math.BigInteger("-1" + "0".repeat(40)),
                new java.math.BigInteger("1" + "0".repeat(40)))
            .map(b -> b.signum() < 0 ? "(" + b + ")" : b.toString()))));
  }

  private static String signed(long v) {
    return v < 0 ? "(" + v + ")" : Long.toString(v);
  }

  Arbitrary<String> floatLiteral() {
    return Arbitraries.frequencyOf(List.of(
        Tuple.of(3, Arbitraries.of(FLOAT_LITERALS)),
        Tuple.of(1, Arbitraries.doubles().map(d -> {
          String s = Double.toString(d);
          if (Double.isNaN(d)) {
            return "float('nan')";
          }
          if (Double.isInfinite(d)) {
            return d > 0 ? "float('inf')" : "float('-inf')";
          }
          return d < 0 || s.startsWith("-") ? "(" + s + ")" : s;
        }))));
  }

  Arbitrary<String> stringLiteral() {
    List<String> pieces = new ArrayList<>(List.of(STRING_PIECES));
    if (pants) {
      pieces.addAll(List.of(PANTS_STRING_PIECES));
    }
    Arbitrary<String> content = Arbitraries.of(pieces).list().ofMaxSize(6)
        .map(l -> String.join("", l));
    return Combinators.combine(Arbitraries.of("\"", "'", "\"", "'", "\"\"\"", "r\"", "r'"), content)
        .as((quote, text) -> {
          if (quote.startsWith("r")) {
            // In a raw string a backslash still keeps a quote from ending it: drop the quotes,
            // and never end in a backslash.
            String body = text.replace("\"", "").replace("'", "");
            return quote + (body.endsWith("\\") ? body + "x" : body) + quote.substring(1);
          }
          return quote + text + quote;
        });
  }

  Arbitrary<String> bytesLiteral() {
    return Combinators.combine(Arbitraries.of("b\"", "b'", "rb\"", "br'"),
            Arbitraries.of(BYTES_PIECES).list().ofMaxSize(5).map(l -> String.join("", l)))
        .as((quote, text) -> quote + text + quote.substring(quote.length() - 1));
  }

  Arbitrary<String> formatString() {
    return Combinators.combine(Arbitraries.of("\"", "'"),
            Arbitraries.of(FORMAT_PIECES).list().ofMinSize(1).ofMaxSize(5)
                .map(l -> String.join("", l)))
        .as((q, text) -> q + text + q);
  }

  Arbitrary<String> literal() {
    List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>(List.of(
        Tuple.of(80, intLiteral()),
        Tuple.of(40, floatLiteral()),
        Tuple.of(60, stringLiteral()),
        Tuple.of(20, bytesLiteral()),
        Tuple.of(invalidLiterals ? 1 : 0, Arbitraries.of(INVALID_LITERALS).withoutEdgeCases()),
        Tuple.of(40, Arbitraries.of("None", "True", "False", "[]", "()", "{}", "set()",
            "range(10)", "range(-3, 30, 7)", "range(0)", "[1, 2, 3]", "(1, \"a\", None)",
            "{\"k\": 1, 2: \"x\"}", "set([1, 2, 3])", "[[1], [2, 3]]", "\"\"", "b\"\"",
            "{\"k\": [1], \"x\": {\"y\": 2}}", "dict(k=1, x=2)", "[None, True, 1.5]",
            "len", "sorted", "str.upper" /* not a value: resolver or runtime error */))));
    choices.removeIf(t -> t.get1() == 0);
    return Arbitraries.frequencyOf(choices);
  }

  // ---- expressions ----

  Arbitrary<String> expr(int scope, int depth) {
    int key = scope * 16 + depth;
    Arbitrary<String> a = memo.get(key);
    if (a == null) {
      a = Arbitraries.lazy(() -> buildExpr(scope, depth));
      memo.put(key, a);
    }
    return a;
  }

  private Arbitrary<String> atom(int scope) {
    List<String> names = names(scope);
    if (names.isEmpty()) {
      return literal();
    }
    return Arbitraries.frequencyOf(List.of(
        Tuple.of(3, literal()),
        Tuple.of(2, Arbitraries.of(names))));
  }

  private Arbitrary<String> buildExpr(int scope, int depth) {
    if (depth <= 0) {
      return atom(scope);
    }
    Arbitrary<String> sub = expr(scope, depth - 1);
    Arbitrary<String> lambdaBody = expr(scope | LAMBDA, depth - 1);
    Arbitrary<String> compBody = expr(scope | COMPREHENSION, depth - 1);
    Arbitrary<String> smallList = sub.list().ofMaxSize(3).map(l -> String.join(", ", l));
    Arbitrary<String> args = arguments(sub, scope);

    List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
    choices.add(Tuple.of(3, atom(scope)));
    List<String> ops = new ArrayList<>(List.of(BINARY_OPS));
    if (pants) {
      ops.addAll(List.of(PANTS_BINARY_OPS));
    }
    // binary operators (always parenthesized: comparisons do not chain in Starlark)
    choices.add(Tuple.of(6, Combinators.combine(sub, Arbitraries.of(ops), sub)
        .as((a, op, b) -> "(" + a + " " + op + " " + b + ")")));
    // chained comparison
    // unary
    choices.add(Tuple.of(2, Combinators.combine(Arbitraries.of("-", "+", "~", "not ", "- -", "not not "), sub)
        .as((op, a) -> "(" + op + a + ")")));
    // conditional
    choices.add(Tuple.of(1, Combinators.combine(sub, sub, sub)
        .as((a, c, b) -> "(" + a + " if " + c + " else " + b + ")")));
    // collections
    choices.add(Tuple.of(2, smallList.map(s -> "[" + s + "]")));
    choices.add(Tuple.of(1, sub.list().ofMaxSize(3).map(l -> switch (l.size()) {
      case 0 -> "()";
      case 1 -> "(" + l.get(0) + ",)";
      default -> "(" + String.join(", ", l) + ")";
    })));
    choices.add(Tuple.of(2, Combinators.combine(sub, sub).as((k, v) -> k + ": " + v)
        .list().ofMaxSize(3).map(l -> "{" + String.join(", ", l) + "}")));
    choices.add(Tuple.of(1, smallList.map(s -> "set([" + s + "])")));
    if (pants) {
      choices.add(Tuple.of(1, Combinators.combine(sub, sub).as((a, b) -> "[*" + a + ", " + b + "]")));
    }
    // indexing and slicing
    Arbitrary<String> index = Arbitraries.frequencyOf(List.of(
        Tuple.of(3, sub), Tuple.of(2, intLiteral())));
    Arbitrary<String> optIndex = Arbitraries.frequencyOf(List.of(
        Tuple.of(1, Arbitraries.just("")), Tuple.of(3, index)));
    choices.add(Tuple.of(3, Combinators.combine(sub, index).as((a, i) -> a + "[" + i + "]")));
    choices.add(Tuple.of(2, Combinators.combine(sub, optIndex, optIndex, optIndex, Arbitraries.of(true, false))
        .as((a, i, j, k, step) -> a + "[" + i + ":" + j + (step ? ":" + k : "") + "]")));
    // builtin calls
    choices.add(Tuple.of(4, Combinators.combine(Arbitraries.of(BUILTINS), args)
        .as((f, a) -> f + "(" + a + ")")));
    // method calls on any value or on a value of the right type
    Arbitrary<String> receiverAndMethod = Arbitraries.frequencyOf(List.of(
        Tuple.of(2, Combinators.combine(sub, Arbitraries.of(METHODS)).as((r, m) -> r + ")." + m)),
        Tuple.of(3, Combinators.combine(Arbitraries.frequencyOf(List.of(Tuple.of(2, stringLiteral()),
                Tuple.of(1, formatString()), Tuple.of(1, sub))), Arbitraries.of(STRING_METHODS))
            .as((r, m) -> r + ")." + m)),
        Tuple.of(2, Combinators.combine(smallList, Arbitraries.of(LIST_METHODS))
            .as((r, m) -> "[" + r + "])." + m)),
        Tuple.of(2, Combinators.combine(sub.list().ofMaxSize(3), Arbitraries.of(DICT_METHODS))
            .as((ks, m) -> {
              StringBuilder d = new StringBuilder("{");
              for (int i = 0; i < ks.size(); i++) {
                d.append(i == 0 ? "" : ", ").append(ks.get(i)).append(": ").append(i);
              }
              return d.append("})." + m).toString();
            })),
        Tuple.of(2, Combinators.combine(smallList, Arbitraries.of(SET_METHODS))
            .as((r, m) -> "set([" + r + "]))." + m)),
        Tuple.of(1, Combinators.combine(bytesLiteral(), Arbitraries.of("elems", "decode", "hex")).as((r, m) -> r + ")." + m))));
    choices.add(Tuple.of(6, Combinators.combine(receiverAndMethod, args)
        .as((rm, a) -> "(" + rm + "(" + a + ")")));
    choices.add(Tuple.of(1, Combinators.combine(sub, Arbitraries.of(METHODS))
        .as((r, m) -> "(" + r + ")." + m)));
    // getattr-style and star-argument calls
    choices.add(Tuple.of(1, Combinators.combine(Arbitraries.of(BUILTINS), sub, sub)
        .as((f, a, b) -> f + "(*" + a + ", **" + b + ")")));
    // lambdas
    choices.add(Tuple.of(2, Combinators.combine(lambdaBody, sub, Arbitraries.integers().between(0, 3))
        .as((body, arg, form) -> switch (form) {
          case 0 -> "(lambda q: " + body + ")(" + arg + ")";
          case 1 -> "(lambda q=" + arg + ": " + body + ")()";
          case 2 -> "sorted(" + arg + ", key=lambda q: " + body + ")";
          default -> "(lambda *q: " + body + ")(" + arg + ", " + arg + ")";
        })));
    // comprehensions
    choices.add(Tuple.of(2, Combinators.combine(compBody, sub, compBody, Arbitraries.integers().between(0, 4))
        .as((elem, iter, cond, form) -> switch (form) {
          case 0 -> "[" + elem + " for e in " + iter + "]";
          case 1 -> "[" + elem + " for e in " + iter + " if " + cond + "]";
          case 2 -> "{" + elem + ": " + cond + " for e in " + iter + "}";
          case 3 -> "[" + elem + " for e in " + iter + " for e in " + iter + "]";
          default -> pants ? "any(" + elem + " for e in " + iter + ")"
              : "[e for e in " + iter + " if " + cond + "]";
        })));
    // formatting
    choices.add(Tuple.of(3, Combinators.combine(formatString(), sub, sub, Arbitraries.integers().between(0, 3))
        .as((fmt, a, b, form) -> switch (form) {
          case 0 -> fmt + " % " + a;
          case 1 -> fmt + " % (" + a + ", " + b + ")";
          case 2 -> fmt + " % {\"k\": " + a + ", \"x\": " + b + "}";
          default -> fmt + " % (" + a + ",)";
        })));
    choices.add(Tuple.of(3, Combinators.combine(formatString(), args)
        .as((fmt, a) -> fmt + ".format(" + a + ")")));
    if (pants) {
      choices.add(Tuple.of(3, fString(scope)));
    }
    // user functions
    choices.add(Tuple.of((scope & GLOBALS) != 0 ? 2 : 0, Combinators.combine(Arbitraries.of("f0", "f1"), args)
        .as((f, a) -> f + "(" + a + ")")));
    // large repetitions and shifts
    choices.add(Tuple.of(1, Combinators.combine(sub, Arbitraries.of("*", "<<", ">>", "%", "//"), intLiteral())
        .as((a, op, n) -> "(" + a + " " + op + " " + n + ")")));
    choices.removeIf(t -> t.get1() == 0);
    return Arbitraries.frequencyOf(choices);
  }

  /** An argument list: some positional, some keyword arguments. */
  private Arbitrary<String> arguments(Arbitrary<String> value, int scope) {
    Arbitrary<String> keyword = Combinators.combine(Arbitraries.of(KEYWORDS), value)
        .as((k, v) -> k + "=" + v);
    return Combinators.combine(value.list().ofMaxSize(3),
            keyword.list().ofMaxSize(2).uniqueElements(kv -> kv.substring(0, kv.indexOf('='))))
        .as((pos, kw) -> {
          List<String> all = new ArrayList<>(pos);
          all.addAll(kw);
          return String.join(", ", all);
        });
  }

  /** An f-string (Pants dialect) whose fields are simple expressions of the scope. */
  Arbitrary<String> fString(int scope) {
    List<String> names = names(scope);
    Arbitrary<String> simple = names.isEmpty()
        ? Arbitraries.of("1", "2.5", "None", "[1, 2]", "\u0001s\u0001")
        : Arbitraries.frequencyOf(List.of(
            Tuple.of(3, Arbitraries.of(names)),
            Tuple.of(1, Arbitraries.of("1", "2.5", "None", "[1, 2]", "\u0001s\u0001", "(1, 2)",
                "float(\u0001nan\u0001)", "(1 << 100)", "dict()", "b\u0001x\u0001"))));
    Arbitrary<String> fieldExpr = Arbitraries.frequencyOf(List.of(
        Tuple.of(3, simple),
        Tuple.of(1, Combinators.combine(simple, Arbitraries.of(BINARY_OPS), simple)
            .as((a, op, b) -> a + " " + op + " " + b)),
        Tuple.of(1, Combinators.combine(simple, simple).as((a, i) -> a + "[" + i + "]")),
        Tuple.of(1, simple.map(a -> a + "="))));
    Arbitrary<String> spec = names.isEmpty() ? Arbitraries.of(FSTRING_SPECS)
        : Arbitraries.frequencyOf(List.of(
            Tuple.of(8, Arbitraries.of(FSTRING_SPECS)),
            Tuple.of(1, Arbitraries.of(names).map(n -> ":{" + n + "}"))));
    Arbitrary<String> field = Combinators.combine(fieldExpr, spec)
        .as((e, sp) -> "{" + e + sp + "}");
    Arbitrary<String> piece = Arbitraries.frequencyOf(List.of(
        Tuple.of(3, field),
        Tuple.of(2, Arbitraries.of("a", " ", "x=", "{{", "}}", "%s", "\\n", "é", "😀", "\\\\",
            "\\x41", "\u0002"))));
    return Combinators.combine(Arbitraries.of("f\"", "F\"", "rf\"", "f'"), piece.list().ofMaxSize(4))
        .as((prefix, pieces) -> {
          String q = prefix.substring(prefix.length() - 1);
          String body = String.join("", pieces);
          // U+0001 marks a quote inside a field, U+0002 a quote in the text: both must differ
          // from the f-string's own quote (or, in the text, be escaped).
          if (q.equals("'")) {
            body = body.replace("\u0001", "\"").replace("\u0002", "\\'");
          } else {
            body = body.replace("\u0001", "'").replace("\u0002", "'");
          }
          return prefix + body + q;
        });
  }

  // ---- statements ----

  private final Map<Integer, Arbitrary<String>> statementMemo = new HashMap<>();

  /** A block of statements (not indented), in a function if {@code scope} has LOCALS. */
  Arbitrary<String> block(int scope, int depth, boolean inLoop) {
    return statement(scope, depth, inLoop).list().ofMinSize(1).ofMaxSize(4)
        .map(l -> String.join("\n", l));
  }

  Arbitrary<String> statement(int scope, int depth, boolean inLoop) {
    int key = (scope * 16 + depth) * 2 + (inLoop ? 1 : 0);
    Arbitrary<String> a = statementMemo.get(key);
    if (a == null) {
      a = Arbitraries.lazy(() -> buildStatement(scope, depth, inLoop));
      statementMemo.put(key, a);
    }
    return a;
  }

  private Arbitrary<String> buildStatement(int scope, int depth, boolean inLoop) {
    boolean inFunction = (scope & LOCALS) != 0;
    Arbitrary<String> e = expr(scope, 2);
    Arbitrary<String> target = inFunction ? Arbitraries.of("l0", "l1", "p0", "p1")
        : Arbitraries.of("v0", "v1", "v2", "v3");
    List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
    choices.add(Tuple.of(4, Combinators.combine(target, e).as((t, v) -> t + " = " + v)));
    choices.add(Tuple.of(2, Combinators.combine(target, Arbitraries.of(AUGMENTED_OPS), e)
        .as((t, op, v) -> t + " " + op + " " + v)));
    choices.add(Tuple.of(2, Combinators.combine(target, e, e).as((t, i, v) -> t + "[" + i + "] = " + v)));
    choices.add(Tuple.of(1, Combinators.combine(target, target, e)
        .as((t1, t2, v) -> t1 + ", " + t2 + " = " + v)));
    choices.add(Tuple.of(1, Combinators.combine(target, target, e)
        .as((t1, t2, v) -> "[" + t1 + ", (" + t2 + ",)] = " + v)));
    choices.add(Tuple.of(3, e));
    choices.add(Tuple.of(3, e.map(x -> "probe(lambda: " + x + ")")));
    choices.add(Tuple.of(1, e.map(x -> "print(" + x + ")")));
    choices.add(Tuple.of(1, Arbitraries.just("pass")));
    if (inFunction) {
      choices.add(Tuple.of(1, e.map(x -> "return " + x)));
    }
    if (inLoop) {
      choices.add(Tuple.of(1, Arbitraries.of("break", "continue")));
    }
    if (pants) {
      choices.add(Tuple.of(1, Combinators.combine(e, e).as((c, m) -> "assert " + c + ", " + m)));
      choices.add(Tuple.of(1, e.map(x -> "raise ValueError(" + x + ")")));
    }
    if (depth > 0) {
      Arbitrary<String> body = block(scope, depth - 1, inLoop);
      Arbitrary<String> loopBody = block(scope, depth - 1, true);
      choices.add(Tuple.of(3, Combinators.combine(e, body, body, Arbitraries.integers().between(0, 2))
          .as((c, then, other, form) -> switch (form) {
            case 0 -> "if " + c + ":\n" + indent(then);
            case 1 -> "if " + c + ":\n" + indent(then) + "\nelse:\n" + indent(other);
            default -> "if " + c + ":\n" + indent(then) + "\nelif " + c + ":\n" + indent(other);
          })));
      Arbitrary<String> loopVar = inFunction ? Arbitraries.of("l0", "l1", "l0, l1")
          : Arbitraries.of("v0", "v1", "v0, v1");
      choices.add(Tuple.of(3, Combinators.combine(loopVar, e, loopBody)
          .as((v, iter, b) -> "for " + v + " in " + iter + ":\n" + indent(b))));
      if (pants) {
        choices.add(Tuple.of(1, Combinators.combine(e, loopBody)
            .as((c, b) -> "while " + c + ":\n" + indent(b))));
      }
    }
    return Arbitraries.frequencyOf(choices);
  }

  static String indent(String block) {
    return "    " + block.replace("\n", "\n    ");
  }

  // ---- programs ----

  /**
   * A whole program: a prelude binding v0..v3 to literals, two functions f0 and f1 whose bodies
   * are random blocks, then top-level statements (in the Starlark dialect, where control flow
   * is not allowed at top level, only calls and probes).
   */
  Arbitrary<String> program() {
    Arbitrary<String> prelude = expr(LITERALS, 2).list().ofSize(4).map(values -> {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < values.size(); i++) {
        sb.append("v").append(i).append(" = probe(lambda: ").append(values.get(i)).append(")\n");
      }
      return sb.toString();
    });
    Arbitrary<String> functionBody = block(GLOBALS | LOCALS, 2, false);
    Arbitrary<String> defaultValue = expr(LITERALS, 1);
    Arbitrary<String> function = Combinators.combine(defaultValue, functionBody)
        .as((d, body) -> "(p0, p1=" + d + "):\n    l0 = p0\n    l1 = p1\n" + indent(body)
            + "\n    return l0\n");
    Arbitrary<String> call = Combinators.combine(Arbitraries.of("f0", "f1"), expr(GLOBALS, 2), expr(GLOBALS, 1))
        .as((f, a, b) -> "probe(lambda: " + f + "(" + a + ", " + b + "))");
    Arbitrary<String> top = pants
        ? Arbitraries.frequencyOf(List.of(
            Tuple.of(3, statement(GLOBALS, 2, false)),
            Tuple.of(2, call),
            Tuple.of(2, expr(GLOBALS, 3).map(x -> "probe(lambda: " + x + ")"))))
        : Arbitraries.frequencyOf(List.of(
            Tuple.of(2, call),
            Tuple.of(3, expr(GLOBALS, 3).map(x -> "probe(lambda: " + x + ")")),
            Tuple.of(1, expr(GLOBALS, 2))));
    return Combinators.combine(prelude, function, function, top.list().ofMinSize(1).ofMaxSize(5))
        .as((p, def0, def1, stmts) -> p + "def f0" + def0 + "def f1" + def1
            + String.join("\n", stmts) + "\n");
  }

  /** A single expression over literals, evaluated under probe so both operands get used. */
  Arbitrary<String> expressionProgram() {
    return expr(LITERALS, 3).list().ofMinSize(1).ofMaxSize(4).map(l -> {
      StringBuilder sb = new StringBuilder();
      for (String x : l) {
        sb.append("probe(lambda: ").append(x).append(")\n");
      }
      return sb.toString();
    });
  }
}
