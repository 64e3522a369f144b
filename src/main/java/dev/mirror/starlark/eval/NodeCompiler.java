package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Argument;
import dev.mirror.starlark.syntax.Binding;
import dev.mirror.starlark.syntax.Expression;
import dev.mirror.starlark.syntax.Expression.Identifier;
import dev.mirror.starlark.syntax.Function;
import dev.mirror.starlark.syntax.Operator;
import dev.mirror.starlark.syntax.Parameter;
import dev.mirror.starlark.syntax.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a resolved syntax tree into executable nodes ({@link ExprNode}, {@link StmtNode}),
 * once per program: the choice of node for each kind of syntax and shape of operands is made here
 * instead of at every evaluation. Function bodies are compiled with the program, so every call
 * of a function runs the same nodes.
 */
final class NodeCompiler {
  private NodeCompiler() {}

  /** The top level of a file. */
  static StmtNode compileFile(List<Statement> statements) {
    return block(statements);
  }

  private static StmtNode block(List<Statement> statements) {
    List<StmtNode> nodes = new ArrayList<>(statements.size());
    for (Statement s : statements) {
      nodes.add(statement(s));
    }
    return StmtNode.block(nodes);
  }

  // ---- statements ----

  private static StmtNode statement(Statement s) {
    int offset = s.offset();
    return switch (s.kind()) {
      case EXPRESSION -> new StatementNodes.Expression(offset,
          expression(((Statement.ExpressionStatement) s).expression()));
      case ASSIGN -> assign((Statement.Assign) s);
      case AUGMENTED_ASSIGN -> augmentedAssign((Statement.AugmentedAssign) s);
      case IF -> {
        Statement.If i = (Statement.If) s;
        yield new StatementNodes.If(offset, expression(i.condition()), block(i.then()),
            block(i.otherwise()));
      }
      case FOR -> {
        Statement.For f = (Statement.For) s;
        yield new LoopNodes.For(offset, target(f.vars()), expression(f.iterable()),
            block(f.body()));
      }
      case WHILE -> {
        Statement.While w = (Statement.While) s;
        yield new LoopNodes.While(offset, expression(w.condition()), block(w.body()));
      }
      case DEF -> {
        Statement.Def d = (Statement.Def) s;
        yield new FunctionNodes.Def(offset, target(d.identifier()),
            makeFunction(offset, d.function()));
      }
      case RETURN -> {
        Expression value = ((Statement.Return) s).value();
        yield new StatementNodes.Return(offset, value == null ? null : expression(value));
      }
      case BREAK -> new StatementNodes.Flow(offset, StmtNode.BREAK);
      case CONTINUE -> new StatementNodes.Flow(offset, StmtNode.CONTINUE);
      case PASS -> new StatementNodes.Flow(offset, StmtNode.NORMAL);
      case LOAD -> load((Statement.Load) s);
      case ASSERT -> {
        Statement.Assert a = (Statement.Assert) s;
        yield new StatementNodes.Assert(offset, expression(a.condition()),
            a.message() == null ? null : expression(a.message()));
      }
      case RAISE -> {
        Expression exception = ((Statement.Raise) s).exception();
        yield new StatementNodes.Raise(offset, exception == null ? null : expression(exception));
      }
      case CLASS -> {
        Statement.ClassDef c = (Statement.ClassDef) s;
        yield new FunctionNodes.ClassDef(offset, c.identifier().name(), target(c.identifier()),
            makeFunction(offset, c.body()));
      }
    };
  }

  private static StmtNode assign(Statement.Assign a) {
    ExprNode value = expression(a.rhs());
    if (a.lhs() instanceof Identifier id && id.binding().scope() == Binding.Scope.LOCAL) {
      return new StatementNodes.AssignLocal(a.offset(), id.binding().index(), value);
    }
    return new StatementNodes.Assign(a.offset(), target(a.lhs()), value);
  }

  private static StmtNode augmentedAssign(Statement.AugmentedAssign a) {
    int offset = a.offset();
    Operator op = a.op();
    Expression lhs = a.lhs();
    switch (lhs.kind()) {
      case IDENTIFIER -> {
        Identifier id = (Identifier) lhs;
        ExprNode rhs = expression(a.rhs());
        if (op == Operator.PLUS && id.binding().scope() == Binding.Scope.LOCAL) {
          return new StatementNodes.AddToLocal(offset, variable(id), id.binding().index(), rhs);
        }
        return new StatementNodes.AugmentVariable(offset, op, variable(id), target(id), rhs);
      }
      case INDEX -> {
        Expression.Index ix = (Expression.Index) lhs;
        return new StatementNodes.AugmentIndex(offset, op, expression(ix.object()),
            expression(ix.key()), ix.offset(), expression(a.rhs()));
      }
      case DOT -> {
        Expression.Dot dot = (Expression.Dot) lhs;
        return new StatementNodes.AugmentField(offset, op, expression(dot.object()), dot.name(),
            dot.offset(), expression(a.rhs()));
      }
      default -> {
        return new StatementNodes.InvalidAugment(offset);
      }
    }
  }

  private static StmtNode load(Statement.Load load) {
    List<Statement.Load.Binding> bindings = load.bindings();
    int n = bindings.size();
    String[] originals = new String[n];
    int[] offsets = new int[n];
    AssignTarget[] locals = new AssignTarget[n];
    for (int i = 0; i < n; i++) {
      Statement.Load.Binding b = bindings.get(i);
      originals[i] = b.original();
      offsets[i] = b.offset();
      locals[i] = target(b.local());
    }
    return new StatementNodes.Load(load.offset(), load.module(), originals, offsets, locals);
  }

  private static FunctionNodes.MakeFunction makeFunction(int offset, Function code) {
    ExprNode[] defaults = new ExprNode[code.parameterNames().size()];
    int i = 0;
    for (Parameter p : code.parameters()) {
      if (p.kind() == Parameter.Kind.MANDATORY || p.kind() == Parameter.Kind.OPTIONAL) {
        if (p.defaultValue() != null) {
          defaults[i] = expression(p.defaultValue());
        }
        i++;
      }
    }
    return new FunctionNodes.MakeFunction(offset, code, block(code.body()), defaults);
  }

  // ---- assignment targets ----

  private static AssignTarget target(Expression e) {
    switch (e.kind()) {
      case IDENTIFIER -> {
        Identifier id = (Identifier) e;
        Binding b = id.binding();
        return switch (b.scope()) {
          case LOCAL -> new AssignTarget.Local(b.index());
          case CELL -> new AssignTarget.CellLocal(b.index());
          case FREE -> new AssignTarget.Free(b.index());
          case GLOBAL -> new AssignTarget.Global(b.index());
          default -> new AssignTarget.ReadOnly(id.name());
        };
      }
      case INDEX -> {
        Expression.Index ix = (Expression.Index) e;
        return new AssignTarget.Index(expression(ix.object()), expression(ix.key()), ix.offset());
      }
      case DOT -> {
        Expression.Dot dot = (Expression.Dot) e;
        return new AssignTarget.Field(expression(dot.object()), dot.name(), dot.offset());
      }
      case TUPLE, LIST -> {
        List<Expression> elements = ((Expression.ListLiteral) e).elements();
        AssignTarget[] targets = new AssignTarget[elements.size()];
        for (int i = 0; i < targets.length; i++) {
          targets[i] = target(elements.get(i));
        }
        return new AssignTarget.Unpack(targets, e.offset());
      }
      default -> {
        return new AssignTarget.Invalid();
      }
    }
  }

  // ---- expressions ----

  private static ExprNode[] expressions(List<Expression> list) {
    ExprNode[] nodes = new ExprNode[list.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = expression(list.get(i));
    }
    return nodes;
  }

  private static ExprNode variable(Identifier id) {
    Binding b = id.binding();
    int offset = id.offset();
    return switch (b.scope()) {
      case LOCAL -> new VariableNodes.Local(offset, b.index(), id.name());
      case CELL -> new VariableNodes.CellLocal(offset, b.index(), id.name());
      case FREE -> new VariableNodes.Free(offset, b.index(), id.name());
      case GLOBAL -> new VariableNodes.Global(offset, b.index(), id.name());
      default -> new VariableNodes.Predeclared(offset, b.index());
    };
  }

  static ExprNode expression(Expression e) {
    int offset = e.offset();
    switch (e.kind()) {
      case IDENTIFIER:
        return variable((Identifier) e);
      case LITERAL: {
        Object v = ((Expression.Literal) e).value();
        return v instanceof byte[] bytes ? new VariableNodes.BytesLiteral(offset, bytes)
            : new VariableNodes.Constant(offset, v);
      }
      case FSTRING:
        return fString((Expression.FString) e);
      case LIST:
        return new LiteralNodes.ListDisplay(offset, elements((Expression.ListLiteral) e));
      case TUPLE:
        return new LiteralNodes.TupleDisplay(offset, elements((Expression.ListLiteral) e));
      case DICT: {
        List<Expression.DictLiteral.Entry> entries = ((Expression.DictLiteral) e).entries();
        ExprNode[] keys = new ExprNode[entries.size()];
        ExprNode[] values = new ExprNode[entries.size()];
        for (int i = 0; i < keys.length; i++) {
          Expression.DictLiteral.Entry entry = entries.get(i);
          keys[i] = entry.key() == null ? null : expression(entry.key());
          values[i] = expression(entry.value());
        }
        return new LiteralNodes.DictDisplay(offset, keys, values);
      }
      case UNARY: {
        Expression.Unary u = (Expression.Unary) e;
        ExprNode operand = expression(u.operand());
        return u.op() == Operator.NOT ? new OperatorNodes.Not(offset, operand)
            : new OperatorNodes.Unary(offset, u.op(), u.operator(), operand);
      }
      case BINARY: {
        Expression.Binary b = (Expression.Binary) e;
        ExprNode left = expression(b.left());
        ExprNode right = expression(b.right());
        return switch (b.op()) {
          case AND -> new OperatorNodes.And(offset, left, right);
          case OR -> new OperatorNodes.Or(offset, left, right);
          default -> BinaryNodes.binary(offset, b.op(), left, right);
        };
      }
      case CONDITIONAL: {
        Expression.Conditional c = (Expression.Conditional) e;
        return new OperatorNodes.Conditional(offset, expression(c.condition()),
            expression(c.then()), expression(c.otherwise()));
      }
      case INDEX: {
        Expression.Index ix = (Expression.Index) e;
        return new AccessNodes.Index(offset, expression(ix.object()), expression(ix.key()));
      }
      case SLICE: {
        Expression.Slice s = (Expression.Slice) e;
        return new AccessNodes.Slice(offset, expression(s.object()), optional(s.start()),
            optional(s.stop()), optional(s.step()));
      }
      case DOT: {
        Expression.Dot dot = (Expression.Dot) e;
        return new AccessNodes.Dot(offset, expression(dot.object()), dot.name());
      }
      case CALL:
        return call((Expression.Call) e);
      case LAMBDA:
        return makeFunction(offset, ((Expression.Lambda) e).function());
      case COMPREHENSION:
        return comprehension((Expression.Comprehension) e);
      case UNPACK:
      default:
        return new LiteralNodes.MisplacedUnpack(offset);
    }
  }

  private static ExprNode optional(Expression e) {
    return e == null ? null : expression(e);
  }

  private static LiteralNodes.Elements elements(Expression.ListLiteral list) {
    List<Expression> elements = list.elements();
    if (!list.hasUnpack()) {
      return new LiteralNodes.PlainElements(expressions(elements));
    }
    ExprNode[] nodes = new ExprNode[elements.size()];
    int[] unpackOffsets = new int[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      Expression x = elements.get(i);
      if (x instanceof Expression.Unpack u) {
        nodes[i] = expression(u.value());
        unpackOffsets[i] = u.offset();
      } else {
        nodes[i] = expression(x);
        unpackOffsets[i] = -1;
      }
    }
    return new LiteralNodes.ElementsWithUnpack(nodes, unpackOffsets);
  }

  private static LiteralNodes.FString fString(Expression.FString f) {
    List<Object> parts = f.parts();
    Object[] compiled = new Object[parts.size()];
    for (int i = 0; i < compiled.length; i++) {
      Object part = parts.get(i);
      if (part instanceof Expression.FString.Field field) {
        compiled[i] = new LiteralNodes.FString.Field(expression(field.value()), field.conversion(),
            field.spec() == null ? null : fString(field.spec()));
      } else {
        compiled[i] = part;
      }
    }
    return new LiteralNodes.FString(f.offset(), compiled);
  }

  private static ExprNode call(Expression.Call call) {
    int offset = call.offset();
    boolean positionalOnly = call.isSimple() && call.keywordCount() == 0;
    ExprNode[] positional = null;
    CallNodes.Arguments arguments = null;
    List<Argument> args = call.arguments();
    if (positionalOnly) {
      positional = new ExprNode[args.size()];
      for (int i = 0; i < positional.length; i++) {
        positional[i] = expression(args.get(i).value());
      }
    } else {
      Argument.Kind[] kinds = new Argument.Kind[args.size()];
      String[] names = new String[kinds.length];
      ExprNode[] values = new ExprNode[kinds.length];
      for (int i = 0; i < kinds.length; i++) {
        kinds[i] = args.get(i).kind();
        names[i] = args.get(i).name();
        values[i] = expression(args.get(i).value());
      }
      arguments = new CallNodes.Arguments(kinds, names, values);
    }
    if (call.function() instanceof Expression.Dot dot) {
      return new CallNodes.MethodCall(offset, expression(dot.object()), dot.name(), dot.offset(),
          positional, arguments);
    }
    ExprNode function = expression(call.function());
    return positionalOnly ? new CallNodes.PositionalCall(offset, function, positional)
        : new CallNodes.Call(offset, function, arguments);
  }

  private static ExprNode comprehension(Expression.Comprehension c) {
    ComprehensionNode.Clause clause;
    if (c.isDict()) {
      Expression.DictLiteral.Entry entry = ((Expression.DictLiteral) c.body()).entries().get(0);
      clause = new ComprehensionNode.Put(expression(entry.key()), expression(entry.value()));
    } else {
      clause = new ComprehensionNode.Append(expression(c.body()));
    }
    List<Expression.Comprehension.Clause> clauses = c.clauses();
    for (int i = clauses.size() - 1; i >= 0; i--) {
      Expression.Comprehension.Clause k = clauses.get(i);
      clause = k.isFor()
          ? new ComprehensionNode.For(k.offset(), target(k.vars()), expression(k.iterable()), clause)
          : new ComprehensionNode.If(expression(k.condition()), clause);
    }
    return new ComprehensionNode(c.offset(), c.isDict(), clause);
  }
}
