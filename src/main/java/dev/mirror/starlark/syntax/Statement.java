package dev.mirror.starlark.syntax;

import java.util.List;

/** A statement of the syntax tree. */
public abstract sealed class Statement {

  /** The node types, for switches over them. */
  public enum Kind {
    EXPRESSION, ASSIGN, AUGMENTED_ASSIGN, IF, FOR, WHILE, DEF, RETURN, BREAK, CONTINUE, PASS, LOAD,
    ASSERT, RAISE, CLASS
  }

  private final int offset;

  private final Kind kind;

  Statement(int offset, Kind kind) {
    this.offset = offset;
    this.kind = kind;
  }

  public final int offset() {
    return offset;
  }

  /** The node type, a field so that a switch on it costs no virtual call. */
  public final Kind kind() {
    return kind;
  }

  /** An expression evaluated for its effect. */
  public static final class ExpressionStatement extends Statement {
    private final Expression expression;

    ExpressionStatement(Expression expression) {
      super(expression.offset(), Kind.EXPRESSION);
      this.expression = expression;
    }

    public Expression expression() {
      return expression;
    }
  }

  /** {@code lhs = rhs}; the left side may be a name, index, attribute or (nested) tuple/list. */
  public static final class Assign extends Statement {
    private final Expression lhs;
    private final Expression rhs;

    Assign(int offset, Expression lhs, Expression rhs) {
      super(offset, Kind.ASSIGN);
      this.lhs = lhs;
      this.rhs = rhs;
    }

    public Expression lhs() {
      return lhs;
    }

    public Expression rhs() {
      return rhs;
    }
  }

  /** {@code lhs op= rhs}: the target is evaluated once. */
  public static final class AugmentedAssign extends Statement {
    private final Expression lhs;
    private final Operator op;
    private final Expression rhs;

    AugmentedAssign(int offset, Expression lhs, Operator op, Expression rhs) {
      super(offset, Kind.AUGMENTED_ASSIGN);
      this.lhs = lhs;
      this.op = op;
      this.rhs = rhs;
    }

    public Expression lhs() {
      return lhs;
    }

    public Operator op() {
      return op;
    }

    public Expression rhs() {
      return rhs;
    }
  }

  /** {@code if}, with {@code elif} chains nested in the else branch. */
  public static final class If extends Statement {
    private final Expression condition;
    private final List<Statement> then;
    private final List<Statement> otherwise;

    If(int offset, Expression condition, List<Statement> then, List<Statement> otherwise) {
      super(offset, Kind.IF);
      this.condition = condition;
      this.then = NodeList.copyOf(then);
      this.otherwise = NodeList.copyOf(otherwise);
    }

    public Expression condition() {
      return condition;
    }

    public List<Statement> then() {
      return then;
    }

    public List<Statement> otherwise() {
      return otherwise;
    }
  }

  /** {@code for vars in iterable: body}. */
  public static final class For extends Statement {
    private final Expression vars;
    private final Expression iterable;
    private final List<Statement> body;

    For(int offset, Expression vars, Expression iterable, List<Statement> body) {
      super(offset, Kind.FOR);
      this.vars = vars;
      this.iterable = iterable;
      this.body = NodeList.copyOf(body);
    }

    public Expression vars() {
      return vars;
    }

    public Expression iterable() {
      return iterable;
    }

    public List<Statement> body() {
      return body;
    }
  }

  /** {@code while condition: body} (Pants dialect). */
  public static final class While extends Statement {
    private final Expression condition;
    private final List<Statement> body;

    While(int offset, Expression condition, List<Statement> body) {
      super(offset, Kind.WHILE);
      this.condition = condition;
      this.body = NodeList.copyOf(body);
    }

    public Expression condition() {
      return condition;
    }

    public List<Statement> body() {
      return body;
    }
  }

  /** {@code def name(params): body}. */
  public static final class Def extends Statement {
    private final Expression.Identifier identifier;
    private final Function function;

    Def(int offset, Expression.Identifier identifier, Function function) {
      super(offset, Kind.DEF);
      this.identifier = identifier;
      this.function = function;
    }

    public Expression.Identifier identifier() {
      return identifier;
    }

    public Function function() {
      return function;
    }
  }

  /** {@code return [value]}. */
  public static final class Return extends Statement {
    private final Expression value;

    Return(int offset, Expression value) {
      super(offset, Kind.RETURN);
      this.value = value;
    }

    public Expression value() {
      return value;
    }
  }

  /** {@code break}, {@code continue} or {@code pass}. */
  public static final class Flow extends Statement {
    Flow(int offset, Kind kind) {
      super(offset, kind);
    }
  }

  /** {@code load("module", "a", b="c")}. */
  public static final class Load extends Statement {
    private final String module;
    private final List<Binding> bindings;

    Load(int offset, String module, List<Binding> bindings) {
      super(offset, Kind.LOAD);
      this.module = module;
      this.bindings = NodeList.copyOf(bindings);
    }

    public String module() {
      return module;
    }

    public List<Binding> bindings() {
      return bindings;
    }


    /** The local name given to one symbol of the loaded module. */
    public record Binding(Expression.Identifier local, String original, int offset) {}
  }

  /** {@code assert condition[, message]} (Pants dialect). */
  public static final class Assert extends Statement {
    private final Expression condition;
    private final Expression message;

    Assert(int offset, Expression condition, Expression message) {
      super(offset, Kind.ASSERT);
      this.condition = condition;
      this.message = message;
    }

    public Expression condition() {
      return condition;
    }

    public Expression message() {
      return message;
    }
  }

  /** {@code raise [exception]} (Pants dialect). */
  public static final class Raise extends Statement {
    private final Expression exception;

    Raise(int offset, Expression exception) {
      super(offset, Kind.RAISE);
      this.exception = exception;
    }

    public Expression exception() {
      return exception;
    }
  }

  /** {@code class Name: body} (Pants dialect): the body runs once, its names become attributes. */
  public static final class ClassDef extends Statement {
    private final Expression.Identifier identifier;
    private final Function body;

    ClassDef(int offset, Expression.Identifier identifier, Function body) {
      super(offset, Kind.CLASS);
      this.identifier = identifier;
      this.body = body;
    }

    public Expression.Identifier identifier() {
      return identifier;
    }

    public Function body() {
      return body;
    }
  }
}
