package dev.mirror.starlark.syntax;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a file's text into tokens, with INDENT/OUTDENT for block structure. Errors are recorded and
 * scanning goes on, so one run reports every lexical mistake of a file.
 */
final class Lexer {
  private static final Map<String, TokenKind> KEYWORDS = new HashMap<>();

  static {
    for (TokenKind kind : TokenKind.values()) {
      if (kind.isKeyword()) {
        KEYWORDS.put(kind.text, kind);
      }
    }
  }

  private final String text;
  private final FileLocations locs;
  private final Dialect dialect;
  private final List<SyntaxError> errors;
  private final List<Token> tokens = new ArrayList<>();
  private final int end;
  private int pos;
  private int parenDepth;
  private final List<Integer> indents = new ArrayList<>(List.of(0));
  /** The same levels measured with a tab as one column: Python's check of tabs against spaces. */
  private final List<Integer> altIndents = new ArrayList<>(List.of(0));

  /**
   * Scans {@code text[start, end)}; used with a sub-range for the expressions inside f-strings, so
   * their positions stay those of the file.
   */
  Lexer(FileLocations locs, int start, int end, Dialect dialect, List<SyntaxError> errors) {
    this.text = locs.text();
    this.locs = locs;
    this.dialect = dialect;
    this.errors = errors;
    this.pos = start;
    this.end = end;
  }

  static List<Token> scan(FileLocations locs, Dialect dialect, List<SyntaxError> errors) {
    Lexer lexer = new Lexer(locs, 0, locs.text().length(), dialect, errors);
    lexer.scanFile();
    return lexer.tokens;
  }

  /** Scans an expression embedded in an f-string: no indentation, newlines ignored. */
  static List<Token> scanExpression(
      FileLocations locs, int start, int end, Dialect dialect, List<SyntaxError> errors) {
    Lexer lexer = new Lexer(locs, start, end, dialect, errors);
    lexer.parenDepth = 1;
    lexer.scanTokens();
    lexer.tokens.add(new Token(TokenKind.EOF, end, end, null));
    return lexer.tokens;
  }

  private void error(int offset, String message) {
    errors.add(new SyntaxError(locs.at(offset), "syntax error: " + message));
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < end ? text.charAt(i) : '\0';
  }

  private void add(TokenKind kind, int start, Object value) {
    tokens.add(new Token(kind, start, pos, value));
  }

  private void scanFile() {
    boolean atLineStart = true;
    while (true) {
      if (atLineStart && parenDepth == 0) {
        if (!scanIndentation()) {
          break;
        }
      }
      atLineStart = scanLine();
      if (pos >= end) {
        break;
      }
    }
    int eof = end;
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() != TokenKind.NEWLINE) {
      tokens.add(new Token(TokenKind.NEWLINE, eof, eof, null));
    }
    while (indents.size() > 1) {
      indents.remove(indents.size() - 1);
      altIndents.remove(altIndents.size() - 1);
      tokens.add(new Token(TokenKind.OUTDENT, eof, eof, null));
    }
    tokens.add(new Token(TokenKind.EOF, eof, eof, null));
  }

  /**
   * Measures the indentation of the next non-blank line and emits INDENT/OUTDENT. Returns false at
   * end of input.
   *
   * <p>The spec allows spaces only. With {@code pythonLeniency} tabs count as Python counts them: a
   * tab advances to the next multiple of 8, a form feed starts the count again, and as in CPython's
   * tokenizer each line is also measured with a tab as one column ({@code alt}), and the two
   * measures must order the line against the enclosing levels alike; otherwise the mix of tabs
   * and spaces depends on the tab size, and Python rejects it (TabError).
   */
  private boolean scanIndentation() {
    boolean tabs = dialect.pythonLeniency();
    while (pos < end) {
      int lineStart = pos;
      int width = 0;
      int alt = 0;
      boolean tab = false;
      while (pos < end) {
        char c = text.charAt(pos);
        if (c == ' ') {
          width++;
          alt++;
        } else if (c == '\t') {
          tab = true;
          width += 8 - width % 8;
          alt++;
        } else if (c == '\f' && tabs) {
          width = 0;
          alt = 0;
        } else if (c == '\r' || c == '\f') {
          // ignored
        } else {
          break;
        }
        pos++;
      }
      char c = peek(0);
      if (pos >= end) {
        return false;
      }
      if (c == '\n') {
        pos++;
        continue; // blank line
      }
      if (c == '#') {
        while (pos < end && text.charAt(pos) != '\n') {
          pos++;
        }
        continue; // comment-only line
      }
      if (c == '\\' && peek(1) == '\n') {
        pos += 2;
        continue;
      }
      if (tab && !tabs) {
        error(lineStart, "tab characters are not allowed for indentation; use spaces");
      }
      int current = indents.get(indents.size() - 1);
      boolean consistent;
      if (width > current) {
        consistent = alt > altIndents.get(altIndents.size() - 1);
        // A line deeper only by one measure is an error already; it opens a block only where
        // one is due, so that the parser adds no second error.
        if (consistent || !tabs || afterColon()) {
          indents.add(width);
          altIndents.add(alt);
          tokens.add(new Token(TokenKind.INDENT, pos, pos, null));
        }
      } else {
        while (width < indents.get(indents.size() - 1)) {
          indents.remove(indents.size() - 1);
          altIndents.remove(altIndents.size() - 1);
          tokens.add(new Token(TokenKind.OUTDENT, pos, pos, null));
        }
        if (width != indents.get(indents.size() - 1)) {
          error(pos, "indentation does not match any outer level");
          consistent = true;
        } else {
          consistent = alt == altIndents.get(altIndents.size() - 1);
        }
      }
      if (!consistent && tabs) {
        error(lineStart, "inconsistent use of tabs and spaces in indentation");
      }
      return true;
    }
    return false;
  }

  /** Whether the last logical line ended with a colon, so a block is due. */
  private boolean afterColon() {
    int n = tokens.size();
    return n >= 2 && tokens.get(n - 1).kind() == TokenKind.NEWLINE
        && tokens.get(n - 2).kind() == TokenKind.COLON;
  }

  /** Scans tokens to the end of a logical line; returns true when a NEWLINE was emitted. */
  private boolean scanLine() {
    while (pos < end) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        if (parenDepth == 0) {
          tokens.add(new Token(TokenKind.NEWLINE, pos - 1, pos, null));
          return true;
        }
        continue;
      }
      if (!scanToken()) {
        return false;
      }
    }
    return false;
  }

  /** Scans everything up to {@code end} (f-string expressions). */
  private void scanTokens() {
    while (pos < end) {
      if (text.charAt(pos) == '\n') {
        pos++;
        continue;
      }
      scanToken();
    }
  }

  /** Scans one token, or skips blanks and comments; returns false only at end of input. */
  private boolean scanToken() {
    int start = pos;
    char c = text.charAt(pos);
    switch (c) {
      case ' ', '\t', '\r', '\f' -> {
        pos++;
        return true;
      }
      case '#' -> {
        while (pos < end && text.charAt(pos) != '\n') {
          pos++;
        }
        return true;
      }
      case '\\' -> {
        if (peek(1) == '\n') {
          pos += 2;
        } else if (peek(1) == '\r' && peek(2) == '\n') {
          pos += 3;
        } else {
          pos++;
          error(start, "stray '\\' in program");
        }
        return true;
      }
      case '\'', '"' -> {
        scanString(start, false, false, false);
        return true;
      }
      default -> {}
    }
    if (isIdentifierStart(c)) {
      // String prefixes: r, b, f and their combinations.
      int p = pos;
      boolean raw = false, bytes = false, fstring = false;
      int n = 0;
      while (n < 2 && p < end && "rRbBfF".indexOf(text.charAt(p)) >= 0) {
        char pc = Character.toLowerCase(text.charAt(p));
        if (pc == 'r') raw = true;
        if (pc == 'b') bytes = true;
        if (pc == 'f') fstring = true;
        p++;
        n++;
      }
      if (n > 0 && p < end && (text.charAt(p) == '\'' || text.charAt(p) == '"')
          && !(bytes && fstring) && !(n == 2 && (!raw || Character.toLowerCase(text.charAt(start))
              == Character.toLowerCase(text.charAt(start + 1))))) {
        if (fstring && !dialect.fStrings()) {
          error(start, "f-strings are not supported in the starlark dialect");
        }
        pos = p;
        scanString(start, raw, bytes, fstring);
        return true;
      }
      while (pos < end && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      TokenKind kw = KEYWORDS.get(word);
      if (kw != null) {
        add(kw, start, null);
      } else {
        add(TokenKind.IDENTIFIER, start, word);
      }
      return true;
    }
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
      scanNumber(start);
      return true;
    }
    pos++;
    char n1 = peek(0);
    char n2 = peek(1);
    TokenKind kind;
    switch (c) {
      case '+' -> kind = eq(n1, TokenKind.PLUS, TokenKind.PLUS_EQUALS);
      case '-' -> {
        if (n1 == '>') {
          pos++;
          kind = TokenKind.ARROW;
        } else {
          kind = eq(n1, TokenKind.MINUS, TokenKind.MINUS_EQUALS);
        }
      }
      case '*' -> {
        if (n1 == '*') {
          pos++;
          kind = TokenKind.STAR_STAR;
        } else {
          kind = eq(n1, TokenKind.STAR, TokenKind.STAR_EQUALS);
        }
      }
      case '/' -> {
        if (n1 == '/') {
          pos++;
          kind = eq(n2, TokenKind.SLASH_SLASH, TokenKind.SLASH_SLASH_EQUALS);
        } else {
          kind = eq(n1, TokenKind.SLASH, TokenKind.SLASH_EQUALS);
        }
      }
      case '%' -> kind = eq(n1, TokenKind.PERCENT, TokenKind.PERCENT_EQUALS);
      case '&' -> kind = eq(n1, TokenKind.AMPERSAND, TokenKind.AMPERSAND_EQUALS);
      case '|' -> kind = eq(n1, TokenKind.PIPE, TokenKind.PIPE_EQUALS);
      case '^' -> kind = eq(n1, TokenKind.CARET, TokenKind.CARET_EQUALS);
      case '~' -> kind = TokenKind.TILDE;
      case '.' -> kind = TokenKind.DOT;
      case ',' -> kind = TokenKind.COMMA;
      case ';' -> kind = TokenKind.SEMI;
      case ':' -> kind = TokenKind.COLON;
      case '@' -> kind = TokenKind.AT;
      case '(' -> {
        parenDepth++;
        kind = TokenKind.LPAREN;
      }
      case '[' -> {
        parenDepth++;
        kind = TokenKind.LBRACKET;
      }
      case '{' -> {
        parenDepth++;
        kind = TokenKind.LBRACE;
      }
      case ')' -> {
        parenDepth = Math.max(0, parenDepth - 1);
        kind = TokenKind.RPAREN;
      }
      case ']' -> {
        parenDepth = Math.max(0, parenDepth - 1);
        kind = TokenKind.RBRACKET;
      }
      case '}' -> {
        parenDepth = Math.max(0, parenDepth - 1);
        kind = TokenKind.RBRACE;
      }
      case '=' -> kind = eq(n1, TokenKind.EQUALS, TokenKind.EQUALS_EQUALS);
      case '!' -> {
        if (n1 == '=') {
          pos++;
          kind = TokenKind.NOT_EQUALS;
        } else {
          add(TokenKind.ILLEGAL, start, "invalid character '!'");
          return true;
        }
      }
      case '<' -> {
        if (n1 == '<') {
          pos++;
          kind = eq(n2, TokenKind.LESS_LESS, TokenKind.LESS_LESS_EQUALS);
        } else {
          kind = eq(n1, TokenKind.LESS, TokenKind.LESS_EQUALS);
        }
      }
      case '>' -> {
        if (n1 == '>') {
          pos++;
          kind = eq(n2, TokenKind.GREATER_GREATER, TokenKind.GREATER_GREATER_EQUALS);
        } else {
          kind = eq(n1, TokenKind.GREATER, TokenKind.GREATER_EQUALS);
        }
      }
      default -> {
        int cp = text.codePointAt(start);
        pos = start + Character.charCount(cp);
        // The parser reports it, so that one mistake makes one error.
        add(TokenKind.ILLEGAL, start,
            String.format("invalid character '%s' (U+%04X)", new String(Character.toChars(cp)), cp));
        return true;
      }
    }
    add(kind, start, null);
    return true;
  }

  /** Consumes a following '=' when present. */
  private TokenKind eq(char next, TokenKind plain, TokenKind withEquals) {
    if (next == '=') {
      pos++;
      return withEquals;
    }
    return plain;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
        || (c > 127 && Character.isLetter(c));
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c) || (c > 127 && Character.isLetterOrDigit(c));
  }

  private void scanNumber(int start) {
    char c = text.charAt(pos);
    if (c == '0' && pos + 1 < end && "xXoObB".indexOf(text.charAt(pos + 1)) >= 0) {
      char base = Character.toLowerCase(text.charAt(pos + 1));
      int radix = base == 'x' ? 16 : base == 'o' ? 8 : 2;
      pos += 2;
      int digits = pos;
      while (pos < end && (Character.digit(text.charAt(pos), 16) >= 0 || text.charAt(pos) == '_')) {
        pos++;
      }
      String body = text.substring(digits, pos).replace("_", "");
      if (body.length() > MAX_INT_DIGITS) {
        error(start, "int literal of " + body.length() + " digits is too long (at most "
            + MAX_INT_DIGITS + ")");
        add(TokenKind.INT, start, 0L);
        return;
      }
      try {
        if (body.isEmpty()) {
          throw new NumberFormatException();
        }
        add(TokenKind.INT, start, normalize(new BigInteger(body, radix)));
      } catch (NumberFormatException e) {
        error(start, "invalid int literal '" + text.substring(start, pos) + "'");
        add(TokenKind.INT, start, 0L);
      }
      return;
    }
    boolean isFloat = false;
    while (pos < end && (isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (pos < end && text.charAt(pos) == '.') {
      isFloat = true;
      pos++;
      while (pos < end && (isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
    }
    if (pos < end && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < end && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < end && isDigit(text.charAt(pos))) {
        isFloat = true;
        while (pos < end && isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    String literal = text.substring(start, pos).replace("_", "");
    if (pos < end && isIdentifierPart(text.charAt(pos))) {
      while (pos < end && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      error(start, "invalid number literal '" + text.substring(start, pos) + "'");
      add(TokenKind.INT, start, 0L);
      return;
    }
    if (isFloat) {
      double d = Double.parseDouble(literal);
      if (Double.isInfinite(d)) {
        error(start, "floating-point literal too large: " + literal);
      }
      add(TokenKind.FLOAT, start, d);
      return;
    }
    if (literal.length() > 1 && literal.charAt(0) == '0') {
      if (!literal.chars().allMatch(ch -> ch == '0')) {
        error(start, "invalid int literal '" + literal + "': use the 0o prefix for octal");
      }
      add(TokenKind.INT, start, 0L);
      return;
    }
    if (literal.length() > MAX_INT_DIGITS) {
      error(start, "int literal of " + literal.length() + " digits is too long (at most "
          + MAX_INT_DIGITS + ")");
      add(TokenKind.INT, start, 0L);
      return;
    }
    add(TokenKind.INT, start, normalize(new BigInteger(literal)));
  }

  /** Converting decimal digits is quadratic; Python bounds it at this length too. */
  private static final int MAX_INT_DIGITS = 4300;

  /** Ints are Long when they fit, BigInteger otherwise. */
  static Object normalize(BigInteger big) {
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private void scanString(int start, boolean raw, boolean bytes, boolean fstring) {
    char quote = text.charAt(pos);
    boolean triple = pos + 2 < end && text.charAt(pos + 1) == quote && text.charAt(pos + 2) == quote;
    pos += triple ? 3 : 1;
    int bodyStart = pos;
    StringBuilder sb = bytes ? null : new StringBuilder();
    ByteArrayOutputStream bb = bytes ? new ByteArrayOutputStream() : null;
    int bodyEnd = -1;
    while (true) {
      if (pos >= end) {
        bodyEnd = end;
        error(start, triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
        break;
      }
      char c = text.charAt(pos);
      if (c == quote) {
        if (!triple) {
          bodyEnd = pos;
          pos++;
          break;
        }
        if (peek(1) == quote && peek(2) == quote) {
          bodyEnd = pos;
          pos += 3;
          break;
        }
      }
      if (c == '\n' && !triple) {
        error(start, "unterminated string literal");
        bodyEnd = pos;
        break;
      }
      if (c == '\\' && !fstring) {
        if (raw) {
          // A backslash in a raw string escapes nothing, but still keeps a quote or newline
          // from ending the literal.
          append(sb, bb, c);
          pos++;
          if (pos < end) {
            append(sb, bb, text.charAt(pos));
            pos++;
          }
          continue;
        }
        pos++;
        scanEscape(sb, bb, pos - 1);
        continue;
      }
      if (c == '\\' && fstring) {
        // Escapes are decoded by the parser, part by part; keep the pair together here.
        pos = Math.min(end, pos + 2);
        continue;
      }
      if (c == '\r' && peek(1) == '\n') {
        pos++;
        continue; // CRLF in a triple-quoted string reads as LF
      }
      if (!fstring) {
        if (bytes && c > 127) {
          int cp = text.codePointAt(pos);
          bb.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
          pos += Character.charCount(cp);
          continue;
        }
        append(sb, bb, c);
      }
      pos++;
    }
    if (fstring) {
      add(TokenKind.FSTRING, start,
          new Token.FStringBody(text.substring(bodyStart, bodyEnd), bodyStart, raw));
    } else if (bytes) {
      add(TokenKind.BYTES, start, bb.toByteArray());
    } else {
      add(TokenKind.STRING, start, sb.toString());
    }
  }

  private static void append(StringBuilder sb, ByteArrayOutputStream bb, char c) {
    if (sb != null) {
      sb.append(c);
    } else {
      bb.write(c);
    }
  }

  /** Decodes one escape; {@code pos} is just after the backslash. */
  private void scanEscape(StringBuilder sb, ByteArrayOutputStream bb, int backslash) {
    if (pos >= end) {
      return;
    }
    char c = text.charAt(pos);
    pos++;
    switch (c) {
      case '\n' -> {}
      case '\r' -> {
        if (peek(0) == '\n') {
          pos++;
        }
      }
      case '\\', '\'', '"' -> append(sb, bb, c);
      case 'a' -> append(sb, bb, (char) 7);
      case 'b' -> append(sb, bb, '\b');
      case 'f' -> append(sb, bb, '\f');
      case 'n' -> append(sb, bb, '\n');
      case 'r' -> append(sb, bb, '\r');
      case 't' -> append(sb, bb, '\t');
      case 'v' -> append(sb, bb, (char) 11);
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        int value = c - '0';
        for (int i = 0; i < 2 && pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; i++) {
          value = value * 8 + (text.charAt(pos++) - '0');
        }
        if (value > 255) {
          error(backslash, "octal escape value > \\377");
        } else if (sb != null && value > 127 && !dialect.pythonLeniency()) {
          error(backslash, "non-ASCII octal escape \\" + Integer.toOctalString(value)
              + " (use \\u" + String.format("%04X", value) + " for the UTF-8 encoding)");
        }
        appendByteOrChar(sb, bb, value);
      }
      case 'x' -> {
        int value = hexDigits(2, backslash, "\\x");
        if (value < 0) {
          return;
        }
        if (sb != null && value > 127 && !dialect.pythonLeniency()) {
          error(backslash, "non-ASCII hex escape \\x" + String.format("%02x", value)
              + " (use \\u" + String.format("%04X", value) + " for the UTF-8 encoding)");
        }
        appendByteOrChar(sb, bb, value);
      }
      case 'u', 'U' -> {
        int value = hexDigits(c == 'u' ? 4 : 8, backslash, "\\" + c);
        if (value < 0) {
          return;
        }
        if (value > 0x10FFFF || (value >= 0xD800 && value < 0xE000)) {
          error(backslash, String.format("invalid Unicode code point U+%04X", value));
          return;
        }
        String s = new String(Character.toChars(value));
        if (sb != null) {
          sb.append(s);
        } else {
          bb.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
      }
      default -> {
        if (dialect.pythonLeniency()) {
          // Python keeps an unknown escape as written; real BUILD files rely on it in regexes.
          append(sb, bb, '\\');
          pos--;
        } else {
          error(backslash, "invalid escape sequence \\" + c
              + ". Use '\\\\' to insert '\\'.");
        }
      }
    }
  }

  private void appendByteOrChar(StringBuilder sb, ByteArrayOutputStream bb, int value) {
    if (sb != null) {
      sb.append((char) value);
    } else {
      bb.write(value);
    }
  }

  private int hexDigits(int count, int backslash, String escape) {
    if (pos + count > end) {
      error(backslash, "truncated escape sequence " + escape);
      pos = end;
      return -1;
    }
    int value = 0;
    for (int i = 0; i < count; i++) {
      int d = Character.digit(text.charAt(pos + i), 16);
      if (d < 0) {
        error(backslash, "invalid escape sequence " + escape + text.substring(pos, pos + count));
        pos += i;
        return -1;
      }
      value = value * 16 + d;
    }
    pos += count;
    return value;
  }

  /** Decodes the escapes of a literal part of a non-raw f-string. */
  static String decodeFStringPart(
      FileLocations locs, int start, int end, Dialect dialect, List<SyntaxError> errors) {
    Lexer lexer = new Lexer(locs, start, end, dialect, errors);
    StringBuilder sb = new StringBuilder();
    while (lexer.pos < end) {
      char c = lexer.text.charAt(lexer.pos++);
      if (c == '\\') {
        lexer.scanEscape(sb, null, lexer.pos - 1);
      } else if (c == '\r' && lexer.peek(0) == '\n') {
        // CRLF reads as LF
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
