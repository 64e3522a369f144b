package dev.mirror.starlark.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lexer, table-driven: each case is an input and its tokens printed on one line, followed by
 * the lexical errors ({@code !! line:col: message}, without the common "syntax error: " prefix).
 *
 * <p>Tokens print as: identifiers and keywords as written, punctuation as its text, ints in
 * decimal, floats as Java prints a double, strings double-quoted with escapes ({@code \n},
 * {@code \t}, {@code \r}, {@code \\}, {@code \"}, {@code \xNN} for other control characters),
 * bytes as {@code b"..."} with {@code \xNN} for every byte outside printable ASCII, f-strings as
 * {@code f"body"} (undecoded; {@code rf} when raw), and {@code newline}, {@code indent},
 * {@code outdent}, {@code EOF}, {@code illegal(message)}.
 */
class LexerTest {

  // ---- helpers ----

  static String scan(String text, Dialect dialect) {
    FileLocations locs = new FileLocations("t.star", text);
    List<SyntaxError> errors = new ArrayList<>();
    List<Token> tokens = Lexer.scan(locs, dialect, errors);
    StringBuilder sb = new StringBuilder();
    for (Token t : tokens) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(render(t));
    }
    for (SyntaxError e : errors) {
      sb.append(" !! ").append(e.location().line()).append(':').append(e.location().column())
          .append(": ").append(e.message().replaceFirst("^syntax error: ", ""));
    }
    return sb.toString();
  }

  static String render(Token t) {
    return switch (t.kind()) {
      case EOF -> "EOF";
      case NEWLINE -> "newline";
      case INDENT -> "indent";
      case OUTDENT -> "outdent";
      case IDENTIFIER -> (String) t.value();
      case INT, FLOAT -> String.valueOf(t.value());
      case STRING -> quote((String) t.value());
      case BYTES -> quoteBytes((byte[]) t.value());
      case FSTRING -> {
        Token.FStringBody body = (Token.FStringBody) t.value();
        yield (body.raw() ? "rf" : "f") + quote(body.text());
      }
      case ILLEGAL -> "illegal(" + t.value() + ")";
      default -> t.kind().text;
    };
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  static String quoteBytes(byte[] bytes) {
    StringBuilder sb = new StringBuilder("b\"");
    for (byte b : bytes) {
      int v = b & 0xff;
      if (v == '"' || v == '\\') {
        sb.append('\\').append((char) v);
      } else if (v >= 0x20 && v < 0x7f) {
        sb.append((char) v);
      } else {
        sb.append(String.format("\\x%02x", v));
      }
    }
    return sb.append('"').toString();
  }

  private static Arguments c(String input, String want) {
    return Arguments.of(input, want);
  }

  // ---- both dialects ----

  static Stream<Arguments> common() {
    return Stream.of(
        // Files, lines and the implicit final newline.
        c("", "EOF"),
        c("\n\n", "EOF"),
        c("# only a comment", "EOF"),
        c("x", "x newline EOF"),
        c("x\n", "x newline EOF"),
        c("pass\n\n\npass", "pass newline pass newline EOF"),
        c("a\r\nb\r\n", "a newline b newline EOF"),
        c("a; b;", "a ; b ; newline EOF"),
        c("x = 1  # trailing comment\ny", "x = 1 newline y newline EOF"),
        c("x = 'a#b'  # c", "x = \"a#b\" newline EOF"),
        // Identifiers and keywords.
        c("_ _a a1 A_1 __x__", "_ _a a1 A_1 __x__ newline EOF"),
        c("chocolate.éclair", "chocolate . éclair newline EOF"),
        c("and break continue def elif else for if in lambda load not or pass return while",
            "and break continue def elif else for if in lambda load not or pass return while"
                + " newline EOF"),
        c("as assert async await class del except finally from global import is nonlocal raise"
                + " try with yield",
            "as assert async await class del except finally from global import is nonlocal raise"
                + " try with yield newline EOF"),
        c("True False None", "True False None newline EOF"),
        c("iff fore notin in_ lambda_", "iff fore notin in_ lambda_ newline EOF"),
        // Punctuation: longest match.
        c("+ - * / // % ** & | ^ ~ << >> . , ; : -> @",
            "+ - * / // % ** & | ^ ~ << >> . , ; : -> @ newline EOF"),
        c("= == != < > <= >=", "= == != < > <= >= newline EOF"),
        c("+= -= *= /= //= %= &= |= ^= <<= >>=", "+= -= *= /= //= %= &= |= ^= <<= >>= newline EOF"),
        c("///=", "// /= newline EOF"),
        c("**=", "** = newline EOF"),
        c("<<<", "<< < newline EOF"),
        c("a->b", "a -> b newline EOF"),
        c("x=-1", "x = - 1 newline EOF"),
        c("([{<>}])", "( [ { < > } ] ) newline EOF"),
        // Characters that are no token: the parser reports them, once.
        c("x ! 0", "x illegal(invalid character '!') 0 newline EOF"),
        c("a $ b", "a illegal(invalid character '$' (U+0024)) b newline EOF"),
        c("a ? b", "a illegal(invalid character '?' (U+003F)) b newline EOF"),
        c("€", "illegal(invalid character '€' (U+20AC)) newline EOF"),
        c("`x`", "illegal(invalid character '`' (U+0060)) x illegal(invalid character '`'"
            + " (U+0060)) newline EOF"),
        // Decimal ints.
        c("0", "0 newline EOF"),
        c("00 000", "0 0 newline EOF"),
        c("123", "123 newline EOF"),
        c("1_000_000", "1000000 newline EOF"),
        c("9223372036854775807", "9223372036854775807 newline EOF"),
        c("9223372036854775808", "9223372036854775808 newline EOF"),
        c("123456789012345678901234567890", "123456789012345678901234567890 newline EOF"),
        c("0123", "0 newline EOF !! 1:1: invalid int literal '0123': use the 0o prefix for octal"),
        c("x = 09", "x = 0 newline EOF !! 1:5: invalid int literal '09': use the 0o prefix for"
            + " octal"),
        c("123abc", "0 newline EOF !! 1:1: invalid number literal '123abc'"),
        c("1if x else 2", "0 x else 2 newline EOF !! 1:1: invalid number literal '1if'"),
        // Ints with a base prefix.
        c("0x1F 0XaB 0x_ff", "31 171 255 newline EOF"),
        c("0o17 0O7", "15 7 newline EOF"),
        c("0b101 0B1", "5 1 newline EOF"),
        c("0xffffffffffffffff", "18446744073709551615 newline EOF"),
        c("0x", "0 newline EOF !! 1:1: invalid int literal '0x'"),
        c("0o8", "0 newline EOF !! 1:1: invalid int literal '0o8'"),
        c("0b102", "0 newline EOF !! 1:1: invalid int literal '0b102'"),
        c("0x1.5", "1 0.5 newline EOF"),
        // Floats.
        c("1.5 1. .5 0.0 00.5", "1.5 1.0 0.5 0.0 0.5 newline EOF"),
        c("1e3 1E-2 1.5e+3 .5e1 1_0.5", "1000.0 0.01 1500.0 5.0 10.5 newline EOF"),
        c("1..2", "1.0 0.2 newline EOF"),
        c(".e1", ". e1 newline EOF"),
        c("x.1", "x 0.1 newline EOF"),
        c("1e", "0 newline EOF !! 1:1: invalid number literal '1e'"),
        c("1e400", "Infinity newline EOF !! 1:1: floating-point literal too large: 1e400"),
        c("1e-400", "0.0 newline EOF"),
        // Strings: quotes and the common escapes.
        c("'a' \"b\"", "\"a\" \"b\" newline EOF"),
        c("'' \"\"", "\"\" \"\" newline EOF"),
        c("'\"' \"'\"", "\"\\\"\" \"'\" newline EOF"),
        c("'\\'' \"\\\"\"", "\"'\" \"\\\"\" newline EOF"),
        c("'a\\nb\\tc\\rd'", "\"a\\nb\\tc\\rd\" newline EOF"),
        c("'\\\\'", "\"\\\\\" newline EOF"),
        c("'\\a\\b\\f\\v'", "\"\\x07\\x08\\x0c\\x0b\" newline EOF"),
        c("'\\0\\101\\1011'", "\"\\x00AA1\" newline EOF"),
        c("'\\x41\\x7f'", "\"A\\x7f\" newline EOF"),
        c("'\\u00e9\\U0001F600'", "\"é\uD83D\uDE00\" newline EOF"),
        c("'é\uD83D\uDE00'", "\"é\uD83D\uDE00\" newline EOF"),
        c("'a\\\nb'", "\"ab\" newline EOF"),
        c("'a\\\r\nb'", "\"ab\" newline EOF"),
        c("'\\400'", "\"Ā\" newline EOF !! 1:2: octal escape value > \\377"),
        c("'\\xZZ'", "\"ZZ\" newline EOF !! 1:2: invalid escape sequence \\xZZ"),
        c("'\\uD800'", "\"\" newline EOF !! 1:2: invalid Unicode code point U+D800"),
        c("'\\U00110000'", "\"\" newline EOF !! 1:2: invalid Unicode code point U+110000"),
        c("'\\x4", "\"\" newline EOF !! 1:2: truncated escape sequence \\x !! 1:1: unterminated"
            + " string literal"),
        // Raw strings: a backslash escapes nothing but still keeps a quote from ending them.
        c("r'a\\nb' R'c'", "\"a\\\\nb\" \"c\" newline EOF"),
        c("r'\\''", "\"\\\\'\" newline EOF"),
        c("r\"\\\"\"", "\"\\\\\\\"\" newline EOF"),
        c("r'\\q\\x'", "\"\\\\q\\\\x\" newline EOF"),
        c("r'a\\\nb'", "\"a\\\\\\nb\" newline EOF"),
        // Triple-quoted strings.
        c("'''a\nb'''", "\"a\\nb\" newline EOF"),
        c("\"\"\"a\"b\"\"\"", "\"a\\\"b\" newline EOF"),
        c("'''a'b''c'''", "\"a'b''c\" newline EOF"),
        c("'''\\''''", "\"'\" newline EOF"),
        c("'''a\r\nb'''", "\"a\\nb\" newline EOF"),
        c("r'''a\\'''b'''", "\"a\\\\'''b\" newline EOF"),
        c("x = '''\n  not indentation\n'''\ny", "x = \"\\n  not indentation\\n\" newline y newline"
            + " EOF"),
        c("''''''", "\"\" newline EOF"),
        c("'''''", "\"''\" newline EOF !! 1:1: unterminated triple-quoted string literal"),
        // Unterminated strings: reported at the opening quote.
        c("x = 'abc", "x = \"abc\" newline EOF !! 1:5: unterminated string literal"),
        c("x = 'abc\ny", "x = \"abc\" newline y newline EOF !! 1:5: unterminated string literal"),
        c("x = '''abc\n", "x = \"abc\\n\" newline EOF !! 1:5: unterminated triple-quoted string"
            + " literal"),
        c("x = r'abc\\", "x = \"abc\\\\\" newline EOF !! 1:5: unterminated string literal"),
        // Bytes.
        c("b'abc' B\"d\"", "b\"abc\" b\"d\" newline EOF"),
        c("b'\\xff\\x00\\377'", "b\"\\xff\\x00\\xff\" newline EOF"),
        c("b'é'", "b\"\\xc3\\xa9\" newline EOF"),
        c("b'\\u00e9'", "b\"\\xc3\\xa9\" newline EOF"),
        c("b'\\n\\\\'", "b\"\\x0a\\\\\" newline EOF"),
        c("rb'\\x' Rb'a' bR'b' BR'c'", "b\"\\\\x\" b\"a\" b\"b\" b\"c\" newline EOF"),
        c("b'''a\nb'''", "b\"a\\x0ab\" newline EOF"),
        // What is not a string prefix is an identifier.
        c("bf'x'", "bf \"x\" newline EOF"),
        c("bb'x' ff'x' u'x'", "bb \"x\" ff \"x\" u \"x\" newline EOF"),
        c("rr'x' RR'x' rR'x'", "rr \"x\" RR \"x\" rR \"x\" newline EOF"),
        c("rb", "rb newline EOF"),
        c("br", "br newline EOF"),
        // Line continuation.
        c("x = 1 + \\\n2", "x = 1 + 2 newline EOF"),
        c("x = 1 + \\\r\n2", "x = 1 + 2 newline EOF"),
        c("x = 1 \\ 2", "x = 1 2 newline EOF !! 1:7: stray '\\' in program"),
        // Newlines inside brackets are not tokens; neither is the indentation there.
        c("f(\n1,\n  2)\n", "f ( 1 , 2 ) newline EOF"),
        c("x = [\n    1,\n  2,\n]\ny", "x = [ 1 , 2 , ] newline y newline EOF"),
        c("x = {\n  # comment\n  'a': 1}\n", "x = { \"a\" : 1 } newline EOF"),
        c(")\n  x", ") newline indent x newline outdent EOF"),
        // Blocks.
        c("def f():\n  pass\n",
            "def f ( ) : newline indent pass newline outdent EOF"),
        c("def f():\n  pass", "def f ( ) : newline indent pass newline outdent EOF"),
        c("def f(): pass", "def f ( ) : pass newline EOF"),
        c("if a:\n  if b:\n    c\nd\n",
            "if a : newline indent if b : newline indent c newline outdent outdent d newline EOF"),
        c("if a:\n  if b:\n    c\n  d\ne\n", "if a : newline indent if b : newline indent c"
            + " newline outdent d newline outdent e newline EOF"),
        c("if a:\n  b\n\n    \n  c\n", "if a : newline indent b newline c newline outdent EOF"),
        c("if a:\n  b\n# comment\n      # comment\n  c\n",
            "if a : newline indent b newline c newline outdent EOF"),
        c("if a:\n  b\n  ", "if a : newline indent b newline outdent EOF"),
        c("if a:\n    b\n  c\n", "if a : newline indent b newline outdent c newline EOF"
            + " !! 3:3: indentation does not match any outer level"),
        c(" x\n", "indent x newline outdent EOF"),
        c("if a:\n  b\n\\\n  c\n", "if a : newline indent b newline c newline outdent EOF"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("common")
  void tokensInBothDialects(String input, String want) {
    assertEquals(want, scan(input, Dialect.STARLARK), "starlark dialect");
    assertEquals(want, scan(input, Dialect.PANTS), "pants dialect");
  }

  // ---- where the dialects differ ----

  static Stream<Arguments> starlarkOnly() {
    return Stream.of(
        c("'\\q'", "\"\" newline EOF !! 1:2: invalid escape sequence \\q. Use '\\\\' to insert"
            + " '\\'."),
        c("'\\d+'", "\"+\" newline EOF !! 1:2: invalid escape sequence \\d. Use '\\\\' to insert"
            + " '\\'."),
        c("'\\x80'", "\"\u0080\" newline EOF !! 1:2: non-ASCII hex escape \\x80 (use \\u0080 for the"
            + " UTF-8 encoding)"),
        c("'\\377'", "\"ÿ\" newline EOF !! 1:2: non-ASCII octal escape \\377 (use \\u00FF for the"
            + " UTF-8 encoding)"),
        c("f'x{y}'", "f\"x{y}\" newline EOF !! 1:1: f-strings are not supported in the starlark"
            + " dialect"),
        c("if a:\n\tb\n", "if a : newline indent b newline outdent EOF !! 2:1: tab characters are"
            + " not allowed for indentation; use spaces"),
        c("if a:\n        b\n\tc\n", "if a : newline indent b newline c newline outdent EOF"
            + " !! 3:1: tab characters are not allowed for indentation; use spaces"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("starlarkOnly")
  void tokensInTheStarlarkDialect(String input, String want) {
    assertEquals(want, scan(input, Dialect.STARLARK));
  }

  static Stream<Arguments> pantsOnly() {
    return Stream.of(
        // Python keeps an unknown escape as written, and \xNN is a code point.
        c("'\\q'", "\"\\\\q\" newline EOF"),
        c("'\\d+\\.\\w'", "\"\\\\d+\\\\.\\\\w\" newline EOF"),
        c("'\\x80\\377'", "\"\u0080ÿ\" newline EOF"),
        // f-strings: the body is kept undecoded for the parser.
        c("f'x{y}' F\"z\"", "f\"x{y}\" f\"z\" newline EOF"),
        c("f'a\\'{b}'", "f\"a\\\\'{b}\" newline EOF"),
        c("rf'\\d{x}' fR'y' Rf'z'", "rf\"\\\\d{x}\" rf\"y\" rf\"z\" newline EOF"),
        c("f'''a\n{b}'''", "f\"a\\n{b}\" newline EOF"),
        // Tabs count as in Python: to the next multiple of 8.
        c("if a:\n\tb\n", "if a : newline indent b newline outdent EOF"),
        c("if a:\n\tb\n\tc\n", "if a : newline indent b newline c newline outdent EOF"),
        c("if a:\n  \tb\n\tc\n", "if a : newline indent b newline c newline outdent EOF"
            + " !! 3:1: inconsistent use of tabs and spaces in indentation"),
        c("if a:\n\tb\n        c\n", "if a : newline indent b newline c newline outdent EOF"
            + " !! 3:1: inconsistent use of tabs and spaces in indentation"),
        c("if a:\n\tif b:\n\t\tc\n\td\n", "if a : newline indent if b : newline indent c newline"
            + " outdent d newline outdent EOF"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("pantsOnly")
  void tokensInThePantsDialect(String input, String want) {
    assertEquals(want, scan(input, Dialect.PANTS));
  }

  // ---- values and positions ----

  @Test
  void intsAreLongsWhenTheyFitAndBigIntegersOtherwise() {
    List<Token> tokens = Lexer.scan(new FileLocations("t.star",
        "9223372036854775807 9223372036854775808 0x7fffffffffffffff 0x8000000000000000"),
        Dialect.STARLARK, new ArrayList<>());
    assertEquals(Long.MAX_VALUE, tokens.get(0).value());
    assertEquals(new BigInteger("9223372036854775808"), tokens.get(1).value());
    assertEquals(Long.MAX_VALUE, tokens.get(2).value());
    assertEquals(BigInteger.ONE.shiftLeft(63), tokens.get(3).value());
  }

  @Test
  void intLiteralsAreBoundedAt4300Digits() {
    assertEquals("0 newline EOF !! 1:1: int literal of 4301 digits is too long (at most 4300)",
        scan("1".repeat(4301), Dialect.STARLARK));
    assertEquals("0 newline EOF !! 1:1: int literal of 4301 digits is too long (at most 4300)",
        scan("0x" + "f".repeat(4301), Dialect.STARLARK));
    List<Token> tokens = Lexer.scan(new FileLocations("t.star", "9".repeat(4300)),
        Dialect.STARLARK, new ArrayList<>());
    assertEquals(new BigInteger("9".repeat(4300)), tokens.get(0).value());
  }

  /** Each token's start and end offsets, as {@code text@start-end}. */
  private static String spans(String text) {
    List<Token> tokens = Lexer.scan(new FileLocations("t.star", text), Dialect.PANTS,
        new ArrayList<>());
    return tokens.stream()
        .map(t -> render(t) + "@" + t.start() + "-" + t.end())
        .collect(Collectors.joining(" "));
  }

  @Test
  void tokensKnowTheirOffsets() {
    assertEquals("x@0-1 =@2-3 12@4-6 newline@6-7 EOF@7-7", spans("x = 12\n"));
    assertEquals("\"a\"@0-3 b\"b\"@4-8 \"c\"@9-16 f\"d\"@17-21 newline@21-21 EOF@21-21",
        spans("'a' b'b' '''c''' f'd'"));
    assertEquals("if@0-2 a@3-4 :@4-5 newline@5-6 indent@8-8 b@8-9 newline@9-10 outdent@10-10"
        + " c@10-11 newline@11-11 EOF@11-11", spans("if a:\n  b\nc"));
    assertEquals("f@0-1 (@1-2 1@6-7 )@7-8 newline@8-9 EOF@9-9", spans("f(\\\n  1)\n"));
    assertEquals("<<=@0-3 ->@4-6 //@7-9 newline@9-9 EOF@9-9", spans("<<= -> //"));
  }

  @Test
  void errorsHaveLineAndColumn() {
    assertEquals("x = 1 newline y = \"\" newline EOF !! 2:5: unterminated string literal",
        scan("x = 1\ny = '", Dialect.STARLARK));
    assertEquals("a newline b newline \"\" newline EOF !! 3:2: invalid escape sequence \\q."
        + " Use '\\\\' to insert '\\'.", scan("a\nb\n'\\q'", Dialect.STARLARK));
    assertEquals("x newline \"\" newline EOF !! 2:2: truncated escape sequence \\u !! 2:1:"
        + " unterminated string literal", scan("x\n'\\u", Dialect.STARLARK));
  }

  @Test
  void theMessagesOfLexicalErrorsStartWithSyntaxError() {
    List<SyntaxError> errors = new ArrayList<>();
    Lexer.scan(new FileLocations("dir/t.star", "\n  x = 'abc"), Dialect.STARLARK, errors);
    assertEquals(1, errors.size());
    assertEquals("dir/t.star:2:7: syntax error: unterminated string literal",
        errors.get(0).toString());
  }

  /** Every lexical mistake of a file is reported, not just the first. */
  @Test
  void scanningGoesOnAfterAnError() {
    assertEquals("0 = \"ZZ\" newline 0 newline EOF !! 1:1: invalid int literal '01': use the 0o"
        + " prefix for octal !! 1:7: invalid escape sequence \\xZZ !! 2:1: invalid number literal"
        + " '9a'", scan("01 = '\\xZZ'\n9a", Dialect.STARLARK));
  }
}
