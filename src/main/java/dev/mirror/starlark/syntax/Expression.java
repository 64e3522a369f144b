package dev.mirror.starlark.syntax;

import java.util.List;

/**
 * An expression of the syntax tree. Nodes are immutable but for the scope binding the resolver
 * gives each identifier and the function information it gives each lambda and comprehension.
 * {@link #kind()} lets a tree walker (the resolver, the evaluator's compiler) dispatch with one
 * switch.
 */
public abstract sealed class Expression {

  /** The node types, for switches over them. */
  public enum Kind {
    IDENTIFIER, LITERAL, FSTRING, LIST, TUPLE, DICT, UNPACK, UNARY, BINARY, CONDITIONAL, INDEX,
    SLICE, DOT, CALL, LAMBDA, COMPREHENSION
  }

  /** Offset of the token that locates this node in messages (an operator, a bracket, a name). */
  private final int offset;

  /** Height of the tree below this node, which the parser bounds so evaluation cannot overflow. */
  int depth = 1;

  private final Kind kind;

  Expression(int offset, Kind kind) {
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

  /** A name; its binding is set once, by the resolver. */
  public static final class Identifier extends Expression {
    private final String name;
    private Binding binding;

    Identifier(int offset, String name) {
      super(offset, Kind.IDENTIFIER);
      this.name = name;
    }

    public String name() {
      return name;
    }

    public Binding binding() {
      return binding;
    }

    void bind(Binding binding) {
      this.binding = binding;
    }
  }

  /** A literal: String, Long, BigInteger, Double or byte[]. */
  public static final class Literal extends Expression {
    private final Object value;

    Literal(int offset, Object value) {
      super(offset, Kind.LITERAL);
      this.value = value;
    }

    public Object value() {
      return value;
    }
  }

  /** An f-string: literal text and replacement fields, in order. */
  public static final class FString extends Expression {
    /** Each part is a String or a {@link Field}. */
    private final List<Object> parts;

    FString(int offset, List<Object> parts) {
      super(offset, Kind.FSTRING);
      this.parts = NodeList.copyOf(parts);
    }

    public List<Object> parts() {
      return parts;
    }


    /** {@code {value!conversion:spec}}; conversion is 0, 's' or 'r'; spec may be null. */
    public record Field(Expression value, char conversion, FString spec) {}
  }

  /** A list or tuple literal; elements may be {@link Unpack}ed in the Pants dialect. */
  public static final class ListLiteral extends Expression {
    private final boolean tuple;
    private final List<Expression> elements;
    private final boolean hasUnpack;

    ListLiteral(int offset, boolean tuple, List<Expression> elements) {
      super(offset, tuple ? Kind.TUPLE : Kind.LIST);
      this.tuple = tuple;
      this.elements = NodeList.copyOf(elements);
      this.hasUnpack = elements.stream().anyMatch(e -> e instanceof Unpack);
    }

    public boolean isTuple() {
      return tuple;
    }

    public List<Expression> elements() {
      return elements;
    }

    public boolean hasUnpack() {
      return hasUnpack;
    }
  }

  /** A dict literal; an entry with a null key is a {@code **mapping} (Pants dialect). */
  public static final class DictLiteral extends Expression {
    private final List<Entry> entries;

    DictLiteral(int offset, List<Entry> entries) {
      super(offset, Kind.DICT);
      this.entries = NodeList.copyOf(entries);
    }

    public List<Entry> entries() {
      return entries;
    }


    public record Entry(Expression key, Expression value) {}
  }

  /** {@code *x} inside a list or tuple literal (Pants dialect). */
  public static final class Unpack extends Expression {
    private final Expression value;

    Unpack(int offset, Expression value) {
      super(offset, Kind.UNPACK);
      this.value = value;
    }

    public Expression value() {
      return value;
    }
  }

  /** {@code -x}, {@code +x}, {@code ~x}, {@code not x}. */
  public static final class Unary extends Expression {
    private final TokenKind op;
    private final Expression operand;

    Unary(int offset, TokenKind op, Expression operand) {
      super(offset, Kind.UNARY);
      this.op = op;
      this.operand = operand;
    }

    public String operator() {
      return op.text;
    }

    public Operator op() {
      return switch (op) {
        case MINUS -> Operator.MINUS;
        case PLUS -> Operator.PLUS;
        case TILDE -> Operator.TILDE;
        default -> Operator.NOT;
      };
    }

    public Expression operand() {
      return operand;
    }
  }

  /** A binary operation; {@code and}/{@code or} short-circuit. */
  public static final class Binary extends Expression {
    private final Operator op;
    private final Expression left;
    private final Expression right;

    Binary(int offset, Operator op, Expression left, Expression right) {
      super(offset, Kind.BINARY);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    public Operator op() {
      return op;
    }

    public Expression left() {
      return left;
    }

    public Expression right() {
      return right;
    }
  }

  /** {@code then if cond else otherwise}. */
  public static final class Conditional extends Expression {
    private final Expression condition;
    private final Expression then;
    private final Expression otherwise;

    Conditional(int offset, Expression condition, Expression then, Expression otherwise) {
      super(offset, Kind.CONDITIONAL);
      this.condition = condition;
      this.then = then;
      this.otherwise = otherwise;
    }

    public Expression condition() {
      return condition;
    }

    public Expression then() {
      return then;
    }

    public Expression otherwise() {
      return otherwise;
    }
  }

  /** {@code object[key]}. */
  public static final class Index extends Expression {
    private final Expression object;
    private final Expression key;

    Index(int offset, Expression object, Expression key) {
      super(offset, Kind.INDEX);
      this.object = object;
      this.key = key;
    }

    public Expression object() {
      return object;
    }

    public Expression key() {
      return key;
    }
  }

  /** {@code object[start:stop:step]}; absent parts are null. */
  public static final class Slice extends Expression {
    private final Expression object;
    private final Expression start;
    private final Expression stop;
    private final Expression step;

    Slice(int offset, Expression object, Expression start, Expression stop, Expression step) {
      super(offset, Kind.SLICE);
      this.object = object;
      this.start = start;
      this.stop = stop;
      this.step = step;
    }

    public Expression object() {
      return object;
    }

    public Expression start() {
      return start;
    }

    public Expression stop() {
      return stop;
    }

    public Expression step() {
      return step;
    }
  }

  /** {@code object.name}. */
  public static final class Dot extends Expression {
    private final Expression object;
    private final String name;

    Dot(int offset, Expression object, String name) {
      super(offset, Kind.DOT);
      this.object = object;
      this.name = name;
    }

    public Expression object() {
      return object;
    }

    public String name() {
      return name;
    }
  }

  /**
   * A call; the offset is that of the opening parenthesis. It also keeps where each argument and
   * the closing parenthesis are, for tools that edit the call's source text.
   */
  public static final class Call extends Expression {
    private final Expression function;
    private final List<Argument> arguments;
    private final int[] argumentStarts;
    private final int[] argumentEnds;
    private final int closingOffset;
    private final int positionalCount;
    private final int keywordCount;
    private final boolean simple;

    Call(int offset, Expression function, List<Argument> arguments, List<int[]> spans,
        int closingOffset) {
      super(offset, Kind.CALL);
      this.function = function;
      this.arguments = NodeList.copyOf(arguments);
      this.argumentStarts = spans.stream().mapToInt(span -> span[0]).toArray();
      this.argumentEnds = spans.stream().mapToInt(span -> span[1]).toArray();
      this.closingOffset = closingOffset;
      int positional = 0, keyword = 0;
      boolean starred = false;
      for (Argument a : arguments) {
        switch (a.kind()) {
          case POSITIONAL -> positional++;
          case KEYWORD -> keyword++;
          default -> starred = true;
        }
      }
      this.positionalCount = positional;
      this.keywordCount = keyword;
      this.simple = !starred;
    }

    public Expression function() {
      return function;
    }

    public List<Argument> arguments() {
      return arguments;
    }

    public int positionalCount() {
      return positionalCount;
    }

    public int keywordCount() {
      return keywordCount;
    }

    /** True when there is no {@code *args} or {@code **kwargs} argument. */
    public boolean isSimple() {
      return simple;
    }

    /** Offset of the first character of argument {@code i}: its name, star or value. */
    public int argumentStart(int i) {
      return argumentStarts[i];
    }

    /** Offset just past the last character of argument {@code i} (before any comma). */
    public int argumentEnd(int i) {
      return argumentEnds[i];
    }

    /** Offset of the closing parenthesis. */
    public int closingOffset() {
      return closingOffset;
    }
  }

  /** {@code lambda params: body}. */
  public static final class Lambda extends Expression {
    private final List<Parameter> parameters;
    private final Expression body;
    private Function function;

    Lambda(int offset, List<Parameter> parameters, Expression body) {
      super(offset, Kind.LAMBDA);
      this.parameters = NodeList.copyOf(parameters);
      this.body = body;
    }

    public List<Parameter> parameters() {
      return parameters;
    }

    public Expression body() {
      return body;
    }

    public Function function() {
      return function;
    }

    void setFunction(Function function) {
      this.function = function;
    }
  }

  /**
   * A list or dict comprehension, or a generator expression (Pants dialect: evaluated eagerly to a
   * list, which is what the functions that accept one see).
   */
  public static final class Comprehension extends Expression {
    private final boolean dict;
    private final Expression body; // for a dict: a DictLiteral with one entry
    private final List<Clause> clauses;

    Comprehension(int offset, boolean dict, Expression body, List<Clause> clauses) {
      super(offset, Kind.COMPREHENSION);
      this.dict = dict;
      this.body = body;
      this.clauses = NodeList.copyOf(clauses);
    }

    public boolean isDict() {
      return dict;
    }

    public Expression body() {
      return body;
    }

    public List<Clause> clauses() {
      return clauses;
    }


    /** {@code for vars in iterable} (condition null) or {@code if condition} (vars null). */
    public record Clause(int offset, Expression vars, Expression iterable, Expression condition) {
      public boolean isFor() {
        return vars != null;
      }
    }
  }
}
