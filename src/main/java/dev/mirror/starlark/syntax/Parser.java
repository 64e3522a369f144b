package dev.mirror.starlark.syntax;

import dev.mirror.starlark.syntax.Expression.Comprehension;
import dev.mirror.starlark.syntax.Expression.DictLiteral;
import dev.mirror.starlark.syntax.Expression.FString;
import dev.mirror.starlark.syntax.Expression.Identifier;
import dev.mirror.starlark.syntax.Expression.ListLiteral;
import dev.mirror.starlark.syntax.Expression.Literal;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser from tokens to the syntax tree. Errors are recorded; after one, the
 * parser skips to the next statement, so a file's independent mistakes are all reported.
 */
final class Parser {
  /** Bounds recursion in the parser, the resolver and the evaluator. */
  static final int MAX_NESTING = 100;

  static final int MAX_DEPTH = 1000;

  /** Thrown to abandon the current statement after its first error. */
  private static final class Abort extends RuntimeException {
    Abort() {
      super(null, null, false, false);
    }
  }

  private final FileLocations locs;
  private final Dialect dialect;
  private final List<SyntaxError> errors;
  private final List<Token> tokens;
  private int pos;
  private int nesting;
  private int blockDepth;

  private Parser(FileLocations locs, List<Token> tokens, Dialect dialect, List<SyntaxError> errors) {
    this.locs = locs;
    this.tokens = tokens;
    this.dialect = dialect;
    this.errors = errors;
  }

  static List<Statement> parseFile(FileLocations locs, Dialect dialect, List<SyntaxError> errors) {
    List<Token> tokens = Lexer.scan(locs, dialect, errors);
    Parser parser = new Parser(locs, tokens, dialect, errors);
    return parser.parseStatements();
  }

  static Expression parseExpression(
      FileLocations locs, Dialect dialect, List<SyntaxError> errors) {
    List<Token> tokens = Lexer.scanExpression(locs, 0, locs.text().length(), dialect, errors);
    Parser parser = new Parser(locs, tokens, dialect, errors);
    try {
      Expression e = parser.parseExpressionList(false);
      parser.expect(TokenKind.EOF);
      return e;
    } catch (Abort abort) {
      return null;
    }
  }

  // ---- tokens ----

  private Token token() {
    return tokens.get(pos);
  }

  private TokenKind kind() {
    return tokens.get(pos).kind();
  }

  private TokenKind kindAt(int ahead) {
    int i = Math.min(pos + ahead, tokens.size() - 1);
    return tokens.get(i).kind();
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != TokenKind.EOF) {
      pos++;
    }
    return t;
  }

  private boolean accept(TokenKind kind) {
    if (kind() == kind) {
      next();
      return true;
    }
    return false;
  }

  private Token expect(TokenKind kind) {
    if (kind() != kind) {
      throw syntaxError(token().start(), "got " + describe(token()) + ", want " + kind);
    }
    return next();
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case IDENTIFIER -> "identifier '" + t.value() + "'";
      case STRING, BYTES, FSTRING, INT, FLOAT, EOF, NEWLINE, INDENT, OUTDENT -> t.kind().text;
      default -> "'" + t.kind().text + "'";
    };
  }

  private Abort syntaxError(int offset, String message) {
    error(offset, message);
    return new Abort();
  }

  private void error(int offset, String message) {
    errors.add(new SyntaxError(locs.at(offset), "syntax error: " + message));
  }

  /** After an error: skip the rest of the statement, and the block it opens, if any. */
  private void recover() {
    while (kind() != TokenKind.NEWLINE && kind() != TokenKind.EOF) {
      if (kind() == TokenKind.INDENT) {
        skipBlock();
        return;
      }
      next();
    }
    accept(TokenKind.NEWLINE);
    if (kind() == TokenKind.INDENT) {
      skipBlock();
    }
  }

  private void skipBlock() {
    int depth = 0;
    do {
      TokenKind k = next().kind();
      if (k == TokenKind.INDENT) {
        depth++;
      } else if (k == TokenKind.OUTDENT) {
        depth--;
      } else if (k == TokenKind.EOF) {
        return;
      }
    } while (depth > 0);
  }

  private <E extends Expression> E finish(E e, Expression... children) {
    int d = 0;
    for (Expression c : children) {
      if (c != null && c.depth > d) {
        d = c.depth;
      }
    }
    e.depth = d + 1;
    if (e.depth > MAX_DEPTH) {
      throw syntaxError(e.offset(), "expression is nested too deeply (more than " + MAX_DEPTH
          + " levels)");
    }
    return e;
  }

  private <E extends Expression> E finish(E e, List<? extends Expression> children) {
    return finish(e, children.toArray(new Expression[0]));
  }

  // ---- statements ----

  private List<Statement> parseStatements() {
    List<Statement> statements = new ArrayList<>();
    while (kind() != TokenKind.EOF) {
      if (accept(TokenKind.NEWLINE)) {
        continue;
      }
      if (kind() == TokenKind.INDENT) {
        error(token().start(), "unexpected indentation");
        skipBlock();
        continue;
      }
      if (kind() == TokenKind.OUTDENT) {
        next();
        continue;
      }
      parseStatementInto(statements, true);
    }
    return statements;
  }

  private void parseStatementInto(List<Statement> out, boolean topLevel) {
    int errorCount = errors.size();
    try {
      if (kind().isKeyword() && (kindAt(1) == TokenKind.EQUALS || augmentedOperator(kindAt(1)) != null)) {
        throw syntaxError(token().start(), "keyword '" + kind().text
            + "' cannot be used as an identifier");
      }
      switch (kind()) {
        case DEF -> out.add(parseDef());
        case IF -> out.add(parseIf(topLevel));
        case FOR -> out.add(parseFor(topLevel));
        case WHILE -> out.add(parseWhile(topLevel));
        case CLASS -> out.add(parseClass());
        case AT -> throw syntaxError(token().start(), "decorators are not supported");
        case TRY, EXCEPT, FINALLY -> throw syntaxError(token().start(),
            "'" + kind().text + "' is not supported: BUILD files and Starlark have no exceptions to catch");
        case WITH -> throw syntaxError(token().start(),
            "'with' statements are not supported in BUILD files or Starlark");
        default -> parseSimpleStatements(out);
      }
    } catch (Abort abort) {
      if (errors.size() == errorCount) {
        error(token().start(), "invalid syntax");
      }
      boolean tryStatement = kind() == TokenKind.TRY;
      recover();
      // The clauses of a rejected try statement would only repeat the error.
      while (tryStatement && (kind() == TokenKind.EXCEPT || kind() == TokenKind.FINALLY
          || kind() == TokenKind.ELSE)) {
        recover();
      }
    }
  }

  private void parseSimpleStatements(List<Statement> out) {
    while (true) {
      out.add(parseSimpleStatement());
      if (!accept(TokenKind.SEMI)) {
        break;
      }
      if (kind() == TokenKind.NEWLINE || kind() == TokenKind.EOF) {
        break;
      }
    }
    if (kind() != TokenKind.EOF) {
      expect(TokenKind.NEWLINE);
    }
  }

  private Statement parseSimpleStatement() {
    Token t = token();
    int start = t.start();
    switch (t.kind()) {
      case PASS -> {
        next();
        return new Statement.Flow(start, Statement.Kind.PASS);
      }
      case BREAK -> {
        next();
        return new Statement.Flow(start, Statement.Kind.BREAK);
      }
      case CONTINUE -> {
        next();
        return new Statement.Flow(start, Statement.Kind.CONTINUE);
      }
      case RETURN -> {
        next();
        Expression value = null;
        if (kind() != TokenKind.NEWLINE && kind() != TokenKind.SEMI && kind() != TokenKind.EOF) {
          value = parseExpressionList(false);
        }
        return new Statement.Return(start, value);
      }
      case LOAD -> {
        return parseLoad();
      }
      case ASSERT -> {
        if (!dialect.assertStatement()) {
          throw syntaxError(start, "'assert' is not supported in the starlark dialect");
        }
        next();
        Expression condition = parseTest();
        Expression message = accept(TokenKind.COMMA) ? parseTest() : null;
        return new Statement.Assert(start, condition, message);
      }
      case RAISE -> {
        if (!dialect.raiseStatement()) {
          throw syntaxError(start, "'raise' is not supported in the starlark dialect");
        }
        next();
        Expression exception = null;
        if (kind() != TokenKind.NEWLINE && kind() != TokenKind.SEMI && kind() != TokenKind.EOF) {
          exception = parseTest();
          if (kind() == TokenKind.FROM) {
            next();
            parseTest(); // `raise X from Y`: the cause adds nothing a BUILD file can use
          }
        }
        return new Statement.Raise(start, exception);
      }
      case IMPORT, FROM -> throw syntaxError(start,
          "'import' is not supported in BUILD files or Starlark (Pants BUILD files cannot import"
              + " modules; share code through prelude files)");
      case GLOBAL, NONLOCAL, DEL, YIELD, ASYNC, AWAIT, AS, IS, ELIF, ELSE, IN, EXCEPT, FINALLY ->
          throw syntaxError(start, "unexpected keyword '" + t.kind().text + "'"
              + (t.kind() == TokenKind.ELIF || t.kind() == TokenKind.ELSE || t.kind() == TokenKind.IN
                  ? "" : " ('" + t.kind().text + "' statements are not supported)"));
      default -> {}
    }
    Expression lhs = parseExpressionList(true);
    if (kind() == TokenKind.COLON && dialect.annotations() && isAnnotatable(lhs)) {
      // `x: T` or `x: T = value`: the annotation is parsed and dropped.
      next();
      parseTest();
      if (!accept(TokenKind.EQUALS)) {
        return new Statement.Flow(start, Statement.Kind.PASS);
      }
      Expression rhs = parseExpressionList(true);
      checkAssignable(lhs, false);
      return new Statement.Assign(lhs.offset(), lhs, rhs);
    }
    if (kind() == TokenKind.EQUALS) {
      Token eq = next();
      Expression rhs = parseExpressionList(true);
      if (kind() == TokenKind.EQUALS) {
        // a = b = c
        List<Expression> targets = new ArrayList<>(List.of(lhs, rhs));
        while (accept(TokenKind.EQUALS)) {
          targets.add(parseExpressionList(true));
        }
        throw syntaxError(eq.start(), "chained assignment (a = b = c) is not supported");
      }
      checkAssignable(lhs, false);
      return new Statement.Assign(eq.start(), lhs, rhs);
    }
    Operator augmented = augmentedOperator(kind());
    if (augmented != null) {
      Token op = next();
      Expression rhs = parseExpressionList(false);
      checkAssignable(lhs, true);
      return new Statement.AugmentedAssign(op.start(), lhs, augmented, rhs);
    }
    return new Statement.ExpressionStatement(lhs);
  }

  private static boolean isAnnotatable(Expression e) {
    return e instanceof Identifier || e instanceof Expression.Dot || e instanceof Expression.Index;
  }

  private static Operator augmentedOperator(TokenKind kind) {
    return switch (kind) {
      case PLUS_EQUALS -> Operator.PLUS;
      case MINUS_EQUALS -> Operator.MINUS;
      case STAR_EQUALS -> Operator.STAR;
      case SLASH_EQUALS -> Operator.SLASH;
      case SLASH_SLASH_EQUALS -> Operator.SLASH_SLASH;
      case PERCENT_EQUALS -> Operator.PERCENT;
      case AMPERSAND_EQUALS -> Operator.AMPERSAND;
      case PIPE_EQUALS -> Operator.PIPE;
      case CARET_EQUALS -> Operator.CARET;
      case LESS_LESS_EQUALS -> Operator.SHIFT_LEFT;
      case GREATER_GREATER_EQUALS -> Operator.SHIFT_RIGHT;
      default -> null;
    };
  }

  private void checkAssignable(Expression lhs, boolean augmented) {
    switch (lhs.kind()) {
      case IDENTIFIER, INDEX, DOT -> {}
      case LIST, TUPLE -> {
        if (augmented) {
          throw syntaxError(lhs.offset(), "cannot perform augmented assignment on a "
              + (lhs.kind() == Expression.Kind.LIST ? "list" : "tuple") + " expression");
        }
        ListLiteral list = (ListLiteral) lhs;
        for (Expression e : list.elements()) {
          checkAssignable(e, false);
        }
      }
      default -> throw syntaxError(lhs.offset(), "cannot assign to " + describe(lhs));
    }
  }

  private static String describe(Expression e) {
    return switch (e.kind()) {
      case CALL -> "function call";
      case LITERAL, FSTRING -> "literal";
      case SLICE -> "slice";
      case COMPREHENSION -> "comprehension";
      case BINARY, UNARY -> "operator expression";
      case CONDITIONAL -> "conditional expression";
      case LAMBDA -> "lambda";
      case DICT -> "dict literal";
      case UNPACK -> "starred expression";
      default -> "expression";
    };
  }

  private Statement parseLoad() {
    int start = expect(TokenKind.LOAD).start();
    expect(TokenKind.LPAREN);
    Token module = token();
    if (module.kind() != TokenKind.STRING) {
      throw syntaxError(module.start(), "first argument to load must be a string literal");
    }
    next();
    List<Statement.Load.Binding> bindings = new ArrayList<>();
    while (accept(TokenKind.COMMA)) {
      if (kind() == TokenKind.RPAREN) {
        break;
      }
      Token t = token();
      if (t.kind() == TokenKind.STRING) {
        next();
        String name = (String) t.value();
        if (!isIdentifier(name)) {
          throw syntaxError(t.start(), "load: invalid identifier '" + name + "'");
        }
        checkLoadable(t.start(), name);
        bindings.add(new Statement.Load.Binding(new Identifier(t.start(), name), name, t.start()));
      } else if (t.kind() == TokenKind.IDENTIFIER && kindAt(1) == TokenKind.EQUALS) {
        next();
        next();
        Token orig = token();
        if (orig.kind() != TokenKind.STRING) {
          throw syntaxError(orig.start(), "load: a local name must be given a string literal");
        }
        next();
        checkLoadable(orig.start(), (String) orig.value());
        bindings.add(new Statement.Load.Binding(
            new Identifier(t.start(), (String) t.value()), (String) orig.value(), t.start()));
      } else {
        throw syntaxError(t.start(), "load: arguments must be string literals or name=\"symbol\"");
      }
    }
    expect(TokenKind.RPAREN);
    if (bindings.isEmpty()) {
      throw syntaxError(start, "load statement must import at least 1 symbol");
    }
    return new Statement.Load(start, (String) module.value(), bindings);
  }

  /** Names that start with an underscore are private to their module. */
  private void checkLoadable(int offset, String name) {
    if (name.startsWith("_")) {
      throw syntaxError(offset, "load: symbol '" + name + "' is private (its name starts with an"
          + " underscore) and cannot be loaded");
    }
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private List<Statement> parseSuite() {
    expect(TokenKind.COLON);
    List<Statement> body = new ArrayList<>();
    if (kind() != TokenKind.NEWLINE) {
      // One-line suite: `if x: return y`.
      parseSimpleStatements(body);
      return body;
    }
    expect(TokenKind.NEWLINE);
    if (kind() != TokenKind.INDENT) {
      throw syntaxError(token().start(), "expected an indented block");
    }
    next();
    if (++blockDepth > MAX_NESTING) {
      throw syntaxError(token().start(), "blocks are nested too deeply (more than "
          + MAX_NESTING + " levels)");
    }
    try {
      while (kind() != TokenKind.OUTDENT && kind() != TokenKind.EOF) {
        if (accept(TokenKind.NEWLINE)) {
          continue;
        }
        if (kind() == TokenKind.INDENT) {
          error(token().start(), "unexpected indentation");
          skipBlock();
          continue;
        }
        parseStatementInto(body, false);
      }
      accept(TokenKind.OUTDENT);
    } finally {
      blockDepth--;
    }
    return body;
  }

  private Statement parseDef() {
    int start = expect(TokenKind.DEF).start();
    Token name = expect(TokenKind.IDENTIFIER);
    expect(TokenKind.LPAREN);
    List<Parameter> params = parseParameters(TokenKind.RPAREN, true);
    expect(TokenKind.RPAREN);
    if (kind() == TokenKind.ARROW) {
      if (!dialect.annotations()) {
        throw syntaxError(token().start(), "return type annotations are not supported in the starlark dialect");
      }
      next();
      parseTest();
    }
    List<Statement> body = parseSuite();
    Identifier id = new Identifier(name.start(), (String) name.value());
    return new Statement.Def(start, id, new Function(id.name(), start, params, body));
  }

  private Statement parseClass() {
    int start = token().start();
    if (!dialect.classes()) {
      throw syntaxError(start, "'class' is not supported in the starlark dialect");
    }
    next();
    Token name = expect(TokenKind.IDENTIFIER);
    if (accept(TokenKind.LPAREN)) {
      if (kind() != TokenKind.RPAREN) {
        throw syntaxError(token().start(), "class inheritance is not supported");
      }
      next();
    }
    List<Statement> body = parseSuite();
    Identifier id = new Identifier(name.start(), (String) name.value());
    return new Statement.ClassDef(start, id, new Function(id.name(), start, List.of(), body));
  }

  /** Parameters of a def (annotations allowed) or lambda, up to {@code end}. */
  private List<Parameter> parseParameters(TokenKind end, boolean def) {
    List<Parameter> params = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean sawStar = false, sawStarStar = false, sawOptional = false;
    while (kind() != end) {
      Token t = token();
      if (sawStarStar) {
        throw syntaxError(t.start(), "parameter may not follow **kwargs");
      }
      Parameter p;
      if (accept(TokenKind.STAR_STAR)) {
        Token n = expect(TokenKind.IDENTIFIER);
        annotation(def);
        p = new Parameter(Parameter.Kind.STAR_STAR, new Identifier(n.start(), (String) n.value()), null);
        sawStarStar = true;
      } else if (accept(TokenKind.STAR)) {
        if (sawStar) {
          throw syntaxError(t.start(), "multiple * parameters not allowed");
        }
        sawStar = true;
        Identifier id = null;
        if (kind() == TokenKind.IDENTIFIER) {
          Token n = next();
          id = new Identifier(n.start(), (String) n.value());
          annotation(def);
        }
        p = new Parameter(Parameter.Kind.STAR, id, null);
      } else {
        Token n = expect(TokenKind.IDENTIFIER);
        annotation(def);
        Identifier id = new Identifier(n.start(), (String) n.value());
        if (accept(TokenKind.EQUALS)) {
          p = new Parameter(Parameter.Kind.OPTIONAL, id, parseTest());
          if (!sawStar) {
            sawOptional = true;
          }
        } else {
          if (sawOptional && !sawStar) {
            throw syntaxError(n.start(), "required parameter may not follow optional");
          }
          p = new Parameter(Parameter.Kind.MANDATORY, id, null);
        }
      }
      if (p.name() != null && !seen.add(p.name())) {
        throw syntaxError(p.identifier().offset(), "duplicate parameter: " + p.name());
      }
      params.add(p);
      if (!accept(TokenKind.COMMA)) {
        break;
      }
    }
    // A bare `*` must be followed by keyword-only parameters.
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      if (p.kind() == Parameter.Kind.STAR && p.identifier() == null) {
        boolean hasKeywordOnly = i + 1 < params.size()
            && params.get(i + 1).kind() != Parameter.Kind.STAR_STAR;
        if (!hasKeywordOnly) {
          throw syntaxError(token().start(), "bare * must be followed by keyword-only parameters");
        }
      }
    }
    return params;
  }

  private void annotation(boolean def) {
    if (kind() == TokenKind.COLON && def) {
      if (!dialect.annotations()) {
        throw syntaxError(token().start(), "type annotations are not supported in the starlark dialect");
      }
      next();
      parseTest();
    }
  }

  private void checkTopLevel(boolean topLevel, int offset, String what) {
    if (topLevel && !dialect.topLevelControl()) {
      error(offset, what + " not within a function (top-level " + what
          + " is allowed in the pants dialect only)");
    }
  }

  private Statement parseIf(boolean topLevel) {
    int start = token().start();
    checkTopLevel(topLevel, start, "if statement");
    next();
    Expression condition = parseTest();
    List<Statement> then = parseSuite();
    List<Statement> otherwise = List.of();
    if (kind() == TokenKind.ELIF) {
      otherwise = List.of(parseIf(false));
    } else if (accept(TokenKind.ELSE)) {
      otherwise = parseSuite();
    }
    return new Statement.If(start, condition, then, otherwise);
  }

  private Statement parseFor(boolean topLevel) {
    int start = token().start();
    checkTopLevel(topLevel, start, "for loop");
    next();
    Expression vars = parseLoopVariables();
    expect(TokenKind.IN);
    Expression iterable = parseExpressionList(false);
    List<Statement> body = parseSuite();
    return new Statement.For(start, vars, iterable, body);
  }

  private Statement parseWhile(boolean topLevel) {
    int start = token().start();
    if (!dialect.whileLoops()) {
      throw syntaxError(start, "while loops are not supported in the starlark dialect");
    }
    next();
    Expression condition = parseTest();
    List<Statement> body = parseSuite();
    return new Statement.While(start, condition, body);
  }

  /** {@code x}, {@code x, y}, {@code (x, y)}, {@code a[i]}: primary expressions. */
  private Expression parseLoopVariables() {
    int start = token().start();
    Expression first = parsePrimaryWithSuffixes();
    if (kind() != TokenKind.COMMA) {
      checkAssignable(first, false);
      return first;
    }
    List<Expression> vars = new ArrayList<>(List.of(first));
    while (accept(TokenKind.COMMA)) {
      if (kind() == TokenKind.IN) {
        if (!dialect.pythonLeniency()) {
          throw syntaxError(token().start(), "trailing comma in an unparenthesized tuple of loop"
              + " variables");
        }
        break;
      }
      vars.add(parsePrimaryWithSuffixes());
    }
    Expression tuple = finish(new ListLiteral(start, true, vars), vars);
    checkAssignable(tuple, false);
    return tuple;
  }

  // ---- expressions ----

  /** Test {, Test} [,] — a tuple when there is a comma. */
  private Expression parseExpressionList(boolean allowUnpack) {
    int start = token().start();
    Expression first = parseTestOrUnpack(allowUnpack);
    if (kind() != TokenKind.COMMA) {
      if (first instanceof Expression.Unpack) {
        throw syntaxError(first.offset(), "starred expression is only allowed in a tuple, list or call");
      }
      return first;
    }
    List<Expression> elements = new ArrayList<>(List.of(first));
    while (accept(TokenKind.COMMA)) {
      if (!startsExpression(kind())) {
        if (!dialect.pythonLeniency()) {
          throw syntaxError(tokens.get(pos - 1).start(), "trailing comma in an unparenthesized"
              + " tuple; add parentheses");
        }
        break;
      }
      elements.add(parseTestOrUnpack(allowUnpack));
    }
    return finish(new ListLiteral(start, true, elements), elements);
  }

  private Expression parseTestOrUnpack(boolean allowUnpack) {
    if (kind() == TokenKind.STAR && allowUnpack && dialect.starInLiterals()) {
      int start = next().start();
      Expression value = parseBinary(PREC_BITOR);
      return finish(new Expression.Unpack(start, value), value);
    }
    return parseTest();
  }

  private static boolean startsExpression(TokenKind k) {
    return switch (k) {
      case IDENTIFIER, INT, FLOAT, STRING, BYTES, FSTRING, LPAREN, LBRACKET, LBRACE, MINUS, PLUS,
          TILDE, NOT, LAMBDA, STAR -> true;
      default -> false;
    };
  }

  /** Test = LambdaExpr | IfExpr | OrExpr. */
  private Expression parseTest() {
    if (++nesting > MAX_NESTING) {
      nesting = 0; // so the error is reported once, not at every level while unwinding
      throw syntaxError(token().start(), "expression is nested too deeply (more than "
          + MAX_NESTING + " levels)");
    }
    try {
      if (kind() == TokenKind.LAMBDA) {
        return parseLambda(true);
      }
      Expression e = parseOr();
      if (kind() == TokenKind.IF) {
        int ifPos = next().start();
        Expression condition = parseOr();
        if (kind() != TokenKind.ELSE) {
          throw syntaxError(token().start(), "conditional expression without else clause");
        }
        next();
        Expression otherwise = parseTest();
        return finish(new Expression.Conditional(ifPos, condition, e, otherwise), condition, e, otherwise);
      }
      return e;
    } finally {
      if (nesting > 0) {
        nesting--;
      }
    }
  }

  /**
   * The condition of a comprehension's {@code if} clause: an OrExpr or a lambda, never a
   * conditional expression, since a following {@code if} starts the next clause. A lambda here
   * has such a body too. (The spec's grammar says Expression; this is the Python 3.8 grammar's
   * {@code test_nocond}, which starlark-go and Bazel follow. The iterable of a {@code for} clause
   * is an OrExpr.)
   */
  private Expression parseTestNoCond() {
    if (kind() == TokenKind.LAMBDA) {
      if (++nesting > MAX_NESTING) {
        nesting = 0;
        throw syntaxError(token().start(), "expression is nested too deeply (more than "
            + MAX_NESTING + " levels)");
      }
      try {
        return parseLambda(false);
      } finally {
        if (nesting > 0) {
          nesting--;
        }
      }
    }
    return parseOr();
  }

  /** A lambda; without {@code conditionalBody}, its body is parsed as by parseTestNoCond. */
  private Expression parseLambda(boolean conditionalBody) {
    int start = expect(TokenKind.LAMBDA).start();
    List<Parameter> params = parseParameters(TokenKind.COLON, false);
    expect(TokenKind.COLON);
    Expression body = conditionalBody ? parseTest() : parseTestNoCond();
    return finish(new Expression.Lambda(start, params, body), body);
  }

  private Expression parseOr() {
    Expression left = parseAnd();
    while (kind() == TokenKind.OR) {
      int op = next().start();
      Expression right = parseAnd();
      left = finish(new Expression.Binary(op, Operator.OR, left, right), left, right);
    }
    return left;
  }

  /** {@code and} binds tighter than {@code or}, looser than {@code not}. */
  private Expression parseAnd() {
    Expression left = parseNot();
    while (kind() == TokenKind.AND) {
      int op = next().start();
      Expression right = parseNot();
      left = finish(new Expression.Binary(op, Operator.AND, left, right), left, right);
    }
    return left;
  }

  private Expression parseNot() {
    if (kind() == TokenKind.NOT) {
      int op = next().start();
      if (++nesting > MAX_NESTING) {
        nesting = 0;
        throw syntaxError(op, "expression is nested too deeply (more than " + MAX_NESTING
            + " levels)");
      }
      try {
        Expression operand = parseNot();
        return finish(new Expression.Unary(op, TokenKind.NOT, operand), operand);
      } finally {
        if (nesting > 0) {
          nesting--;
        }
      }
    }
    return parseComparison();
  }

  private Expression parseComparison() {
    Expression left = parseBinary(PREC_BITOR);
    Operator op = comparisonOperator();
    if (op == null) {
      return left;
    }
    int opPos = token().start();
    consumeComparison(op);
    Expression right = parseBinary(PREC_BITOR);
    Expression result = finish(new Expression.Binary(opPos, op, left, right), left, right);
    if (comparisonOperator() != null) {
      throw syntaxError(token().start(), "comparison operators are not associative; use parentheses"
          + " (" + op + " followed by " + comparisonOperator() + ")");
    }
    return result;
  }

  private Operator comparisonOperator() {
    return switch (kind()) {
      case EQUALS_EQUALS -> Operator.EQUALS;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      case LESS -> Operator.LESS;
      case LESS_EQUALS -> Operator.LESS_EQUALS;
      case GREATER -> Operator.GREATER;
      case GREATER_EQUALS -> Operator.GREATER_EQUALS;
      case IN -> Operator.IN;
      case NOT -> kindAt(1) == TokenKind.IN ? Operator.NOT_IN : null;
      case IS -> kindAt(1) == TokenKind.NOT ? Operator.IS_NOT : Operator.IS;
      default -> null;
    };
  }

  private void consumeComparison(Operator op) {
    Token t = next();
    if (op == Operator.IS || op == Operator.IS_NOT) {
      if (!dialect.identityOperators()) {
        throw syntaxError(t.start(), "'is' is not supported in the starlark dialect; use ==");
      }
    }
    if (op == Operator.NOT_IN || op == Operator.IS_NOT) {
      next();
    }
  }

  private static final int PREC_BITOR = 1;

  private static int precedence(TokenKind k) {
    return switch (k) {
      case PIPE -> 1;
      case CARET -> 2;
      case AMPERSAND -> 3;
      case LESS_LESS, GREATER_GREATER -> 4;
      case PLUS, MINUS -> 5;
      case STAR, SLASH, SLASH_SLASH, PERCENT -> 6;
      default -> -1;
    };
  }

  private static Operator binaryOperator(TokenKind k) {
    return switch (k) {
      case PIPE -> Operator.PIPE;
      case CARET -> Operator.CARET;
      case AMPERSAND -> Operator.AMPERSAND;
      case LESS_LESS -> Operator.SHIFT_LEFT;
      case GREATER_GREATER -> Operator.SHIFT_RIGHT;
      case PLUS -> Operator.PLUS;
      case MINUS -> Operator.MINUS;
      case STAR -> Operator.STAR;
      case SLASH -> Operator.SLASH;
      case SLASH_SLASH -> Operator.SLASH_SLASH;
      case PERCENT -> Operator.PERCENT;
      default -> null;
    };
  }

  /** Left-associative binary operators by precedence climbing. */
  private Expression parseBinary(int minPrec) {
    Expression left = parseUnary();
    while (true) {
      int prec = precedence(kind());
      if (prec < minPrec) {
        return left;
      }
      Token op = next();
      Expression right = parseBinary(prec + 1);
      left = finish(new Expression.Binary(op.start(), binaryOperator(op.kind()), left, right), left, right);
    }
  }

  private Expression parseUnary() {
    TokenKind k = kind();
    if (k == TokenKind.MINUS || k == TokenKind.PLUS || k == TokenKind.TILDE) {
      int op = next().start();
      if (++nesting > MAX_NESTING) {
        nesting = 0;
        throw syntaxError(op, "expression is nested too deeply (more than " + MAX_NESTING + " levels)");
      }
      try {
        Expression operand = parseUnary();
        return finish(new Expression.Unary(op, k, operand), operand);
      } finally {
        if (nesting > 0) {
          nesting--;
        }
      }
    }
    return parsePrimaryWithSuffixes();
  }

  private Expression parsePrimaryWithSuffixes() {
    Expression e = parseOperand();
    while (true) {
      switch (kind()) {
        case DOT -> {
          int dot = next().start();
          Token name = expect(TokenKind.IDENTIFIER);
          e = finish(new Expression.Dot(name.start(), e, (String) name.value()), e);
        }
        case LPAREN -> {
          int lparen = next().start();
          List<int[]> spans = new ArrayList<>();
          List<Argument> args = parseArguments(spans);
          int rparen = expect(TokenKind.RPAREN).start();
          List<Expression> children = new ArrayList<>();
          children.add(e);
          for (Argument a : args) {
            children.add(a.value());
          }
          e = finish(new Expression.Call(lparen, e, args, spans, rparen), children);
        }
        case LBRACKET -> {
          int lbracket = next().start();
          e = parseIndexOrSlice(lbracket, e);
        }
        default -> {
          return e;
        }
      }
    }
  }

  private Expression parseIndexOrSlice(int lbracket, Expression object) {
    Expression start = null, stop = null, step = null;
    if (kind() != TokenKind.COLON) {
      start = parseExpressionList(false);
      if (accept(TokenKind.RBRACKET)) {
        return finish(new Expression.Index(lbracket, object, start), object, start);
      }
    }
    expect(TokenKind.COLON);
    if (kind() != TokenKind.COLON && kind() != TokenKind.RBRACKET) {
      stop = parseTest();
    }
    if (accept(TokenKind.COLON)) {
      if (kind() != TokenKind.RBRACKET) {
        step = parseTest();
      }
    }
    expect(TokenKind.RBRACKET);
    return finish(new Expression.Slice(lbracket, object, start, stop, step), object, start, stop, step);
  }

  /**
   * Call arguments. The spec's order is positional, named, at most one {@code *args}, at most one
   * {@code **kwargs}. With {@code pythonLeniency} Python's rules apply instead: positional and
   * {@code *args} arguments in any mix, then named and {@code **kwargs} ones in any mix, except
   * that {@code *args} may also follow named ones (not {@code **kwargs}), with Python's messages.
   */
  /** The arguments up to the closing parenthesis; {@code spans} gets each one's [start, end). */
  private List<Argument> parseArguments(List<int[]> spans) {
    List<Argument> args = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean python = dialect.pythonLeniency();
    boolean sawKeyword = false, sawStar = false, sawStarStar = false;
    while (kind() != TokenKind.RPAREN) {
      Token t = token();
      Argument arg;
      if (accept(TokenKind.STAR_STAR)) {
        if (sawStarStar && !python) {
          throw syntaxError(t.start(), "multiple **kwargs not allowed");
        }
        sawStarStar = true;
        arg = new Argument(Argument.Kind.STAR_STAR, null, parseTest());
      } else if (accept(TokenKind.STAR)) {
        if (sawStarStar) {
          throw syntaxError(t.start(), python
              ? "iterable argument unpacking follows keyword argument unpacking"
              : "*args may not follow **kwargs");
        }
        if (sawStar && !python) {
          throw syntaxError(t.start(), "multiple *args not allowed");
        }
        sawStar = true;
        arg = new Argument(Argument.Kind.STAR, null, parseTest());
      } else if (t.kind() == TokenKind.IDENTIFIER && kindAt(1) == TokenKind.EQUALS) {
        next();
        next();
        String name = (String) t.value();
        if (!python) {
          if (sawStarStar) {
            throw syntaxError(t.start(), "keyword argument may not follow **kwargs");
          }
          if (sawStar) {
            throw syntaxError(t.start(), "keyword argument may not follow *args");
          }
        }
        if (!names.add(name)) {
          throw syntaxError(t.start(), "keyword argument \"" + name + "\" is repeated");
        }
        sawKeyword = true;
        arg = new Argument(Argument.Kind.KEYWORD, name, parseTest());
      } else {
        if (python ? sawKeyword || sawStarStar : sawKeyword || sawStar || sawStarStar) {
          throw syntaxError(t.start(), python
              ? "positional argument follows keyword argument"
                  + (sawStarStar ? " unpacking" : "")
              : "positional argument may not follow "
                  + (sawStarStar ? "**kwargs" : sawStar ? "*args" : "keyword argument"));
        }
        Expression value = parseTest();
        if (kind() == TokenKind.FOR) {
          // f(x for x in y): a generator expression as the sole argument.
          if (!dialect.generatorArguments()) {
            throw syntaxError(token().start(), "generator expressions are not supported in the"
                + " starlark dialect; use a list comprehension");
          }
          value = parseComprehensionClauses(value.offset(), false, value, TokenKind.RPAREN);
          if (!args.isEmpty() || kind() != TokenKind.RPAREN) {
            throw syntaxError(value.offset(), "a generator expression must be the sole argument"
                + " unless parenthesized");
          }
        }
        arg = new Argument(Argument.Kind.POSITIONAL, null, value);
      }
      args.add(arg);
      spans.add(new int[] {t.start(), tokens.get(pos - 1).end()});
      if (!accept(TokenKind.COMMA)) {
        break;
      }
    }
    return args;
  }

  private Expression parseOperand() {
    Token t = token();
    switch (t.kind()) {
      case IDENTIFIER -> {
        next();
        return new Identifier(t.start(), (String) t.value());
      }
      case INT, FLOAT -> {
        next();
        return new Literal(t.start(), t.value());
      }
      case STRING, BYTES, FSTRING -> {
        return parseStrings();
      }
      case LPAREN -> {
        return parseParenthesized();
      }
      case LBRACKET -> {
        return parseList();
      }
      case LBRACE -> {
        return parseDict();
      }
      case ILLEGAL -> throw syntaxError(t.start(), (String) t.value());
      default -> {
        if (t.kind().isKeyword() && !isExpressionKeyword(t.kind())) {
          throw syntaxError(t.start(), "unexpected keyword '" + t.kind().text + "'");
        }
        throw syntaxError(t.start(), "got " + describe(t) + ", want primary expression");
      }
    }
  }

  private static boolean isExpressionKeyword(TokenKind k) {
    return k == TokenKind.NOT || k == TokenKind.LAMBDA;
  }

  /** One string literal, or adjacent ones joined (Pants dialect). */
  private Expression parseStrings() {
    Token first = next();
    if (!isStringToken(kind())) {
      return stringOperand(first);
    }
    if (!dialect.adjacentStringConcat()) {
      throw syntaxError(token().start(), "implicit concatenation of adjacent string literals is"
          + " not supported in the starlark dialect; use +");
    }
    List<Token> parts = new ArrayList<>(List.of(first));
    while (isStringToken(kind())) {
      parts.add(next());
    }
    boolean bytes = first.kind() == TokenKind.BYTES;
    for (Token p : parts) {
      if ((p.kind() == TokenKind.BYTES) != bytes) {
        throw syntaxError(p.start(), "cannot mix bytes and nonbytes literals");
      }
    }
    if (bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Token p : parts) {
        out.writeBytes((byte[]) p.value());
      }
      return new Literal(first.start(), out.toByteArray());
    }
    boolean anyF = parts.stream().anyMatch(p -> p.kind() == TokenKind.FSTRING);
    if (!anyF) {
      StringBuilder sb = new StringBuilder();
      for (Token p : parts) {
        sb.append((String) p.value());
      }
      return new Literal(first.start(), sb.toString());
    }
    List<Object> all = new ArrayList<>();
    List<Expression> children = new ArrayList<>();
    for (Token p : parts) {
      if (p.kind() == TokenKind.STRING) {
        all.add(p.value());
      } else {
        FString f = parseFString(p);
        all.addAll(f.parts());
        children.add(f);
      }
    }
    return finish(new FString(first.start(), mergeText(all)), children);
  }

  private static boolean isStringToken(TokenKind k) {
    return k == TokenKind.STRING || k == TokenKind.BYTES || k == TokenKind.FSTRING;
  }

  private Expression stringOperand(Token t) {
    if (t.kind() == TokenKind.FSTRING) {
      return parseFString(t);
    }
    return new Literal(t.start(), t.value());
  }

  private static List<Object> mergeText(List<Object> parts) {
    List<Object> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof String s && !out.isEmpty() && out.get(out.size() - 1) instanceof String prev) {
        out.set(out.size() - 1, prev + s);
      } else if (!(p instanceof String s && s.isEmpty())) {
        out.add(p);
      }
    }
    return out;
  }

  // ---- f-strings ----

  private FString parseFString(Token t) {
    Token.FStringBody body = (Token.FStringBody) t.value();
    FString f = parseFStringRange(t.start(), body.offset(), body.offset() + body.text().length(),
        body.raw(), false);
    return f;
  }

  /**
   * Splits {@code text[from, to)} into literal text and {@code {expr!c:spec}} fields. Inside a
   * format spec ({@code inSpec}) fields may nest once, as in Python.
   */
  private FString parseFStringRange(int offset, int from, int to, boolean raw, boolean inSpec) {
    String text = locs.text();
    List<Object> parts = new ArrayList<>();
    List<Expression> children = new ArrayList<>();
    int literalStart = from;
    StringBuilder literal = new StringBuilder();
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == '\\' && !raw) {
        i = Math.min(to, i + 2);
        continue;
      }
      if (c == '{' || c == '}') {
        literal.append(decode(literalStart, i, raw));
        if (i + 1 < to && text.charAt(i + 1) == c && !inSpec) {
          literal.append(c);
          i += 2;
          literalStart = i;
          continue;
        }
        if (c == '}') {
          throw syntaxError(i, "f-string: single '}' is not allowed");
        }
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        i = parseFStringField(i, to, raw, inSpec, parts, children);
        literalStart = i;
        continue;
      }
      i++;
    }
    literal.append(decode(literalStart, to, raw));
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return finish(new FString(offset, parts), children);
  }

  private String decode(int from, int to, boolean raw) {
    if (from >= to) {
      return "";
    }
    if (raw) {
      return locs.text().substring(from, to).replace("\r\n", "\n");
    }
    return Lexer.decodeFStringPart(locs, from, to, dialect, errors);
  }

  /** Parses the field starting at the '{' at {@code open}; returns the offset after its '}'. */
  private int parseFStringField(
      int open, int to, boolean raw, boolean inSpec, List<Object> parts, List<Expression> children) {
    String text = locs.text();
    int depth = 0;
    int i = open + 1;
    int exprEnd = -1;
    char quote = 0;
    for (; i < to; i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (depth == 0 && (c == '!' || c == ':')) {
        if (c == '!' && i + 1 < to && text.charAt(i + 1) == '=') {
          i++;
          continue;
        }
        break;
      }
    }
    exprEnd = i;
    if (i >= to) {
      throw syntaxError(open, "f-string: expecting '}'");
    }
    String exprText = text.substring(open + 1, exprEnd);
    if (exprText.isBlank()) {
      throw syntaxError(open, "f-string: empty expression not allowed");
    }
    // `{x=}` (self-documenting) is Python 3.8; keep the text and the repr, as Python does.
    String selfDoc = null;
    int exprStop = exprEnd;
    String trimmed = exprText.stripTrailing();
    if (trimmed.endsWith("=") && !trimmed.endsWith("==") && !trimmed.endsWith("!=")
        && !trimmed.endsWith("<=") && !trimmed.endsWith(">=")) {
      selfDoc = exprText;
      exprStop = open + 1 + trimmed.length() - 1;
    }
    List<Token> exprTokens = Lexer.scanExpression(locs, open + 1, exprStop, dialect, errors);
    Parser sub = new Parser(locs, exprTokens, dialect, errors);
    sub.nesting = nesting;
    Expression value = sub.parseExpressionList(false);
    if (sub.kind() != TokenKind.EOF) {
      throw syntaxError(sub.token().start(), "f-string: invalid expression");
    }
    char conversion = selfDoc != null ? 'r' : 0;
    FString spec = null;
    if (text.charAt(i) == '!') {
      if (i + 2 >= to + 1 || "rsa".indexOf(text.charAt(i + 1)) < 0) {
        throw syntaxError(i, "f-string: invalid conversion character: expected 's' or 'r'");
      }
      conversion = text.charAt(i + 1) == 'a' ? 'r' : text.charAt(i + 1);
      i += 2;
    }
    if (i < to && text.charAt(i) == ':') {
      if (inSpec) {
        // Python allows a field inside a format spec, but no spec inside that field.
        throw syntaxError(i, "f-string: expressions nested too deeply");
      }
      if (selfDoc != null && conversion == 'r') {
        conversion = 0;
      }
      int specStart = i + 1;
      int d = 0;
      int j = specStart;
      for (; j < to; j++) {
        char c = text.charAt(j);
        if (c == '{') {
          d++;
        } else if (c == '}') {
          if (d == 0) {
            break;
          }
          d--;
        }
      }
      if (j >= to) {
        throw syntaxError(open, "f-string: expecting '}'");
      }
      spec = parseFStringRange(specStart, specStart, j, raw, true);
      i = j;
    }
    if (i >= to || text.charAt(i) != '}') {
      throw syntaxError(open, "f-string: expecting '}'");
    }
    if (selfDoc != null) {
      parts.add(selfDoc);
    }
    parts.add(new FString.Field(value, conversion, spec));
    children.add(value);
    if (spec != null) {
      children.add(spec);
    }
    return i + 1;
  }

  // ---- brackets ----

  private Expression parseParenthesized() {
    int start = expect(TokenKind.LPAREN).start();
    if (accept(TokenKind.RPAREN)) {
      return new ListLiteral(start, true, List.of());
    }
    Expression first = parseTestOrUnpack(true);
    if (kind() == TokenKind.FOR && !dialect.generatorArguments()) {
      throw syntaxError(token().start(), "generator expressions are not supported in the"
          + " starlark dialect; use a list comprehension");
    }
    if (kind() == TokenKind.RPAREN) {
      next();
      if (first instanceof Expression.Unpack) {
        throw syntaxError(first.offset(), "starred expression is only allowed in a tuple, list or call");
      }
      return first; // (x) is x, not a tuple
    }
    return parseElements(start, first, true, TokenKind.RPAREN);
  }

  private Expression parseList() {
    int start = expect(TokenKind.LBRACKET).start();
    if (accept(TokenKind.RBRACKET)) {
      return new ListLiteral(start, false, List.of());
    }
    return parseElements(start, parseTestOrUnpack(true), false, TokenKind.RBRACKET);
  }

  /**
   * The rest of a list or tuple display after its first element: more elements, or the clauses
   * of a comprehension (a generator expression in parentheses is evaluated as a list).
   */
  private Expression parseElements(int start, Expression first, boolean tuple, TokenKind closing) {
    if (kind() == TokenKind.FOR) {
      Expression comp = parseComprehensionClauses(start, false, first, closing);
      expect(closing);
      return comp;
    }
    List<Expression> elements = new ArrayList<>(List.of(first));
    while (accept(TokenKind.COMMA)) {
      if (kind() == closing) {
        break;
      }
      elements.add(parseTestOrUnpack(true));
    }
    expect(closing);
    return finish(new ListLiteral(start, tuple, elements), elements);
  }

  private Expression parseDict() {
    int start = expect(TokenKind.LBRACE).start();
    List<DictLiteral.Entry> entries = new ArrayList<>();
    List<Expression> children = new ArrayList<>();
    if (accept(TokenKind.RBRACE)) {
      return new DictLiteral(start, entries);
    }
    DictLiteral.Entry first = parseDictEntry();
    if (kind() == TokenKind.FOR) {
      if (first.key() == null) {
        throw syntaxError(start, "dict unpacking cannot be used in dict comprehension");
      }
      DictLiteral body = finish(new DictLiteral(start, List.of(first)), first.key(), first.value());
      Expression comp = parseComprehensionClauses(start, true, body, TokenKind.RBRACE);
      expect(TokenKind.RBRACE);
      return comp;
    }
    entries.add(first);
    while (accept(TokenKind.COMMA)) {
      if (kind() == TokenKind.RBRACE) {
        break;
      }
      entries.add(parseDictEntry());
    }
    expect(TokenKind.RBRACE);
    for (DictLiteral.Entry e : entries) {
      children.add(e.key());
      children.add(e.value());
    }
    return finish(new DictLiteral(start, entries), children);
  }

  private DictLiteral.Entry parseDictEntry() {
    if (kind() == TokenKind.STAR_STAR) {
      Token t = next();
      if (!dialect.starInLiterals()) {
        throw syntaxError(t.start(), "**mapping in a dict literal is not supported in the starlark"
            + " dialect");
      }
      return new DictLiteral.Entry(null, parseBinary(PREC_BITOR));
    }
    Expression key = parseTest();
    if (kind() == TokenKind.COMMA || kind() == TokenKind.RBRACE) {
      throw syntaxError(token().start(), "set literals are not supported; use set([...])");
    }
    expect(TokenKind.COLON);
    Expression value = parseTest();
    return new DictLiteral.Entry(key, value);
  }

  private Expression parseComprehensionClauses(
      int start, boolean dict, Expression body, TokenKind closing) {
    if (body instanceof Expression.Unpack) {
      throw syntaxError(body.offset(), "iterable unpacking cannot be used in comprehension");
    }
    List<Comprehension.Clause> clauses = new ArrayList<>();
    List<Expression> children = new ArrayList<>(List.of(body));
    while (true) {
      if (kind() == TokenKind.FOR) {
        int forPos = next().start();
        Expression vars = parseLoopVariables();
        expect(TokenKind.IN);
        Expression iterable = parseOr();
        clauses.add(new Comprehension.Clause(forPos, vars, iterable, null));
        children.add(iterable);
      } else if (kind() == TokenKind.IF) {
        int ifPos = next().start();
        Expression cond = parseTestNoCond();
        clauses.add(new Comprehension.Clause(ifPos, null, null, cond));
        children.add(cond);
      } else {
        break;
      }
    }
    return finish(new Comprehension(start, dict, body, clauses), children);
  }
}
