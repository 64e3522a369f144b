package dev.mirror.starlark.syntax;

/** The kinds of token the lexer produces. */
enum TokenKind {
  EOF("end of file"),
  NEWLINE("newline"),
  INDENT("indentation"),
  OUTDENT("outdent"),
  IDENTIFIER("identifier"),
  INT("int literal"),
  FLOAT("float literal"),
  STRING("string literal"),
  BYTES("bytes literal"),
  FSTRING("f-string"),
  ILLEGAL("invalid character"),
  // Punctuation.
  PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), SLASH_SLASH("//"), PERCENT("%"), STAR_STAR("**"),
  AMPERSAND("&"), PIPE("|"), CARET("^"), TILDE("~"), LESS_LESS("<<"), GREATER_GREATER(">>"),
  DOT("."), COMMA(","), SEMI(";"), COLON(":"), ARROW("->"), AT("@"),
  LPAREN("("), RPAREN(")"), LBRACKET("["), RBRACKET("]"), LBRACE("{"), RBRACE("}"),
  EQUALS("="), EQUALS_EQUALS("=="), NOT_EQUALS("!="), LESS("<"), GREATER(">"),
  LESS_EQUALS("<="), GREATER_EQUALS(">="),
  PLUS_EQUALS("+="), MINUS_EQUALS("-="), STAR_EQUALS("*="), SLASH_EQUALS("/="),
  SLASH_SLASH_EQUALS("//="), PERCENT_EQUALS("%="), AMPERSAND_EQUALS("&="), PIPE_EQUALS("|="),
  CARET_EQUALS("^="), LESS_LESS_EQUALS("<<="), GREATER_GREATER_EQUALS(">>="),
  // Keywords of Starlark.
  AND("and"), BREAK("break"), CONTINUE("continue"), DEF("def"), ELIF("elif"), ELSE("else"),
  FOR("for"), IF("if"), IN("in"), LAMBDA("lambda"), LOAD("load"), NOT("not"), OR("or"),
  PASS("pass"), RETURN("return"), WHILE("while"),
  // Python keywords: reserved in Starlark; some are statements of the Pants dialect.
  AS("as"), ASSERT("assert"), ASYNC("async"), AWAIT("await"), CLASS("class"), DEL("del"),
  EXCEPT("except"), FINALLY("finally"), FROM("from"), GLOBAL("global"), IMPORT("import"),
  IS("is"), NONLOCAL("nonlocal"), RAISE("raise"), TRY("try"), WITH("with"), YIELD("yield");

  final String text;

  TokenKind(String text) {
    this.text = text;
  }

  boolean isKeyword() {
    return compareTo(AND) >= 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
