package dev.mirror.starlark.syntax;

/** Unary and binary operators, as the evaluator sees them. */
public enum Operator {
  OR("or"), AND("and"), NOT("not"),
  EQUALS("=="), NOT_EQUALS("!="), LESS("<"), LESS_EQUALS("<="), GREATER(">"),
  GREATER_EQUALS(">="), IN("in"), NOT_IN("not in"), IS("is"), IS_NOT("is not"),
  PIPE("|"), CARET("^"), AMPERSAND("&"), SHIFT_LEFT("<<"), SHIFT_RIGHT(">>"),
  PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), SLASH_SLASH("//"), PERCENT("%"), TILDE("~");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
