package dev.mirror.options;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list option written as a string, in the grammar of Pants' options parser
 * ({@code string_list_edits} in src/rust/engine/options/src/parse.rs):
 *
 * <ul>
 *   <li>{@code ['a', "b"]} or {@code ('a',)} replaces the list;
 *   <li>{@code +['a'],-['b']} adds and removes, in order;
 *   <li>anything else that does not start with whitespace is one element, added: {@code
 *       PANTS_TAG=-legacy,old} adds the single element {@code -legacy,old}.
 * </ul>
 *
 * Elements are Python string literals: single or double quotes, Python's backslash escapes. The
 * implicit element decodes the same escapes.
 */
final class ListEditParser {

  private final String text;
  private int pos;

  private ListEditParser(String text) {
    this.text = text;
  }

  /** The edits {@code text} stands for; throws IllegalArgumentException saying what was wrong. */
  static List<ListEdit> parse(String text) {
    if (isImplicitAdd(text)) {
      return List.of(ListEdit.add(List.of(unescape(text))));
    }
    ListEditParser parser = new ListEditParser(text);
    List<ListEdit> edits = parser.edits();
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.error("the end of the value");
    }
    return edits;
  }

  private static boolean isImplicitAdd(String text) {
    if (text.isEmpty() || isWhitespace(text.charAt(0))) {
      return false;
    }
    char first = text.charAt(0);
    if (first == '[' || first == '(') {
      return false;
    }
    boolean action = first == '+' || first == '-';
    return !(action && text.length() > 1 && (text.charAt(1) == '[' || text.charAt(1) == '('));
  }

  private List<ListEdit> edits() {
    skipWhitespace();
    if (pos < text.length() && (peek() == '[' || peek() == '(')) {
      return List.of(ListEdit.replace(items()));
    }
    List<ListEdit> edits = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        return edits;
      }
      char action = peek();
      if (action != '+' && action != '-') {
        throw error("'+' (add) or '-' (remove) before a list");
      }
      pos++;
      List<String> items = items();
      edits.add(action == '+' ? ListEdit.add(items) : ListEdit.remove(items));
      skipWhitespace();
      if (pos < text.length() && peek() == ',') {
        pos++;
      } else {
        return edits;
      }
    }
  }

  /** A bracketed list or a parenthesised tuple of quoted strings; a trailing comma is allowed. */
  private List<String> items() {
    skipWhitespace();
    if (pos >= text.length() || (peek() != '[' && peek() != '(')) {
      throw error("'[' or '('");
    }
    char close = text.charAt(pos++) == '[' ? ']' : ')';
    List<String> items = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos < text.length() && peek() == close) {
        pos++;
        return items;
      }
      items.add(quoted());
      skipWhitespace();
      if (pos < text.length() && peek() == ',') {
        pos++;
      } else if (pos < text.length() && peek() == close) {
        pos++;
        return items;
      } else {
        throw error("',' or '" + close + "'");
      }
    }
  }

  private String quoted() {
    if (pos >= text.length() || (peek() != '\'' && peek() != '"')) {
      throw error("a quoted string");
    }
    char quote = text.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != quote) {
      pos = appendCharacter(text, pos, out);
    }
    if (pos >= text.length()) {
      throw error("a closing " + quote);
    }
    pos++;
    return out.toString();
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      i = appendCharacter(text, i, out);
    }
    return out.toString();
  }

  /**
   * Appends the character at {@code i}, decoding a Python escape sequence there; a backslash
   * that starts no escape is kept. Returns the index after what was consumed.
   */
  private static int appendCharacter(String text, int i, StringBuilder out) {
    char c = text.charAt(i);
    if (c != '\\' || i + 1 >= text.length()) {
      out.append(c);
      return i + 1;
    }
    char e = text.charAt(i + 1);
    String simple = switch (e) {
      case '\\' -> "\\";
      case '\'' -> "'";
      case '"' -> "\"";
      case 'a' -> "\u0007";
      case 'b' -> "\b";
      case 'f' -> "\f";
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case 'v' -> "\u000b";
      default -> null;
    };
    if (simple != null) {
      out.append(simple);
      return i + 2;
    }
    if (e >= '0' && e <= '7') {
      int end = i + 1;
      while (end < text.length() && end < i + 4 && text.charAt(end) >= '0'
          && text.charAt(end) <= '7') {
        end++;
      }
      out.append((char) Integer.parseInt(text.substring(i + 1, end), 8));
      return end;
    }
    if (e == 'x') {
      // Python always takes the next two characters and fails if they are not hex.
      String hex = text.substring(i + 2, Math.min(i + 4, text.length()));
      if (hex.length() != 2 || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
        throw new IllegalArgumentException(
            "invalid \\x escape at column " + (i + 1) + ": expected two hex digits");
      }
      out.append((char) Integer.parseInt(hex, 16));
      return i + 4;
    }
    out.append(c);
    return i + 1;
  }

  private char peek() {
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length() && isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException(
        "expected " + expected + " at column " + (pos + 1) + " of `" + text + "`");
  }
}
