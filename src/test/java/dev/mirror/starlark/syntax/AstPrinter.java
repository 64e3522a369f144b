package dev.mirror.starlark.syntax;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a syntax tree compactly, as S-expressions, for tests. Statements of a block are
 * bracketed ({@code [s1 s2]}); absent parts print as {@code _}.
 *
 * <pre>
 * x = 1 + 2 * 3          (= x (+ 1 (* 2 3)))
 * f(a, k=1, *b, **c)     (call f a k=1 *b **c)
 * a if c else b          (? c a b)
 * [x for x in y if x]    (list-comp x (for x y) (if x))
 * def f(a, b=1): pass    (def f (a b=1) [pass])
 * </pre>
 */
final class AstPrinter {
  private AstPrinter() {}

  static String statements(List<Statement> statements) {
    return statements.stream().map(AstPrinter::statement).collect(Collectors.joining(" "));
  }

  private static String block(List<Statement> statements) {
    return "[" + statements(statements) + "]";
  }

  static String statement(Statement s) {
    return switch (s.kind()) {
      case EXPRESSION -> expression(((Statement.ExpressionStatement) s).expression());
      case ASSIGN -> {
        Statement.Assign a = (Statement.Assign) s;
        yield "(= " + expression(a.lhs()) + " " + expression(a.rhs()) + ")";
      }
      case AUGMENTED_ASSIGN -> {
        Statement.AugmentedAssign a = (Statement.AugmentedAssign) s;
        yield "(" + a.op().symbol() + "= " + expression(a.lhs()) + " " + expression(a.rhs()) + ")";
      }
      case IF -> {
        Statement.If i = (Statement.If) s;
        yield "(if " + expression(i.condition()) + " " + block(i.then())
            + (i.otherwise().isEmpty() ? "" : " " + block(i.otherwise())) + ")";
      }
      case FOR -> {
        Statement.For f = (Statement.For) s;
        yield "(for " + expression(f.vars()) + " " + expression(f.iterable()) + " "
            + block(f.body()) + ")";
      }
      case WHILE -> {
        Statement.While w = (Statement.While) s;
        yield "(while " + expression(w.condition()) + " " + block(w.body()) + ")";
      }
      case DEF -> {
        Statement.Def d = (Statement.Def) s;
        yield "(def " + d.identifier().name() + " " + parameters(d.function().parameters()) + " "
            + block(d.function().body()) + ")";
      }
      case RETURN -> {
        Expression value = ((Statement.Return) s).value();
        yield value == null ? "(return)" : "(return " + expression(value) + ")";
      }
      case BREAK -> "break";
      case CONTINUE -> "continue";
      case PASS -> "pass";
      case LOAD -> {
        Statement.Load l = (Statement.Load) s;
        StringBuilder sb = new StringBuilder("(load ").append(LexerTest.quote(l.module()));
        for (Statement.Load.Binding b : l.bindings()) {
          sb.append(' ').append(b.local().name()).append('=').append(b.original());
        }
        yield sb.append(')').toString();
      }
      case ASSERT -> {
        Statement.Assert a = (Statement.Assert) s;
        yield "(assert " + expression(a.condition())
            + (a.message() == null ? "" : " " + expression(a.message())) + ")";
      }
      case RAISE -> {
        Expression e = ((Statement.Raise) s).exception();
        yield e == null ? "(raise)" : "(raise " + expression(e) + ")";
      }
      case CLASS -> {
        Statement.ClassDef c = (Statement.ClassDef) s;
        yield "(class " + c.identifier().name() + " " + block(c.body().body()) + ")";
      }
    };
  }

  static String parameters(List<Parameter> parameters) {
    return parameters.stream().map(p -> switch (p.kind()) {
      case MANDATORY -> p.name();
      case OPTIONAL -> p.name() + "=" + expression(p.defaultValue());
      case STAR -> p.identifier() == null ? "*" : "*" + p.name();
      case STAR_STAR -> "**" + p.name();
    }).collect(Collectors.joining(" ", "(", ")"));
  }

  static String expression(Expression e) {
    if (e == null) {
      return "_";
    }
    return switch (e.kind()) {
      case IDENTIFIER -> ((Expression.Identifier) e).name();
      case LITERAL -> literal(((Expression.Literal) e).value());
      case FSTRING -> fstring((Expression.FString) e);
      case LIST -> list("[", ((Expression.ListLiteral) e).elements(), "]");
      case TUPLE -> list("(tuple", ((Expression.ListLiteral) e).elements(), ")");
      case DICT -> {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Expression.DictLiteral.Entry entry : ((Expression.DictLiteral) e).entries()) {
          sb.append(sep);
          sep = ", ";
          if (entry.key() == null) {
            sb.append("**").append(expression(entry.value()));
          } else {
            sb.append(expression(entry.key())).append(": ").append(expression(entry.value()));
          }
        }
        yield sb.append('}').toString();
      }
      case UNPACK -> "(* " + expression(((Expression.Unpack) e).value()) + ")";
      case UNARY -> {
        Expression.Unary u = (Expression.Unary) e;
        yield "(" + u.operator() + " " + expression(u.operand()) + ")";
      }
      case BINARY -> {
        Expression.Binary b = (Expression.Binary) e;
        yield "(" + b.op().symbol() + " " + expression(b.left()) + " " + expression(b.right())
            + ")";
      }
      case CONDITIONAL -> {
        Expression.Conditional c = (Expression.Conditional) e;
        yield "(? " + expression(c.condition()) + " " + expression(c.then()) + " "
            + expression(c.otherwise()) + ")";
      }
      case INDEX -> {
        Expression.Index i = (Expression.Index) e;
        yield "(index " + expression(i.object()) + " " + expression(i.key()) + ")";
      }
      case SLICE -> {
        Expression.Slice s = (Expression.Slice) e;
        yield "(slice " + expression(s.object()) + " " + expression(s.start()) + " "
            + expression(s.stop()) + " " + expression(s.step()) + ")";
      }
      case DOT -> {
        Expression.Dot d = (Expression.Dot) e;
        yield "(. " + expression(d.object()) + " " + d.name() + ")";
      }
      case CALL -> {
        Expression.Call c = (Expression.Call) e;
        StringBuilder sb = new StringBuilder("(call ").append(expression(c.function()));
        for (Argument a : c.arguments()) {
          sb.append(' ').append(switch (a.kind()) {
            case POSITIONAL -> "";
            case KEYWORD -> a.name() + "=";
            case STAR -> "*";
            case STAR_STAR -> "**";
          }).append(expression(a.value()));
        }
        yield sb.append(')').toString();
      }
      case LAMBDA -> {
        Expression.Lambda l = (Expression.Lambda) e;
        yield "(lambda " + parameters(l.parameters()) + " " + expression(l.body()) + ")";
      }
      case COMPREHENSION -> {
        Expression.Comprehension c = (Expression.Comprehension) e;
        StringBuilder sb = new StringBuilder(c.isDict() ? "(dict-comp " : "(list-comp ");
        if (c.isDict()) {
          Expression.DictLiteral.Entry entry = ((Expression.DictLiteral) c.body()).entries().get(0);
          sb.append(expression(entry.key())).append(": ").append(expression(entry.value()));
        } else {
          sb.append(expression(c.body()));
        }
        for (Expression.Comprehension.Clause clause : c.clauses()) {
          sb.append(clause.isFor()
              ? " (for " + expression(clause.vars()) + " " + expression(clause.iterable()) + ")"
              : " (if " + expression(clause.condition()) + ")");
        }
        yield sb.append(')').toString();
      }
    };
  }

  private static String list(String open, List<Expression> elements, String close) {
    StringBuilder sb = new StringBuilder(open);
    String sep = open.equals("[") ? "" : " ";
    for (Expression x : elements) {
      sb.append(sep).append(expression(x));
      sep = " ";
    }
    return sb.append(close).toString();
  }

  private static String literal(Object value) {
    if (value instanceof String s) {
      return LexerTest.quote(s);
    }
    if (value instanceof byte[] b) {
      return LexerTest.quoteBytes(b);
    }
    return String.valueOf(value);
  }

  /** {@code (f "text" {x!r:spec})}; the conversion and spec appear only when present. */
  private static String fstring(Expression.FString f) {
    StringBuilder sb = new StringBuilder("(f");
    for (Object part : f.parts()) {
      sb.append(' ');
      if (part instanceof String s) {
        sb.append(LexerTest.quote(s));
      } else {
        Expression.FString.Field field = (Expression.FString.Field) part;
        sb.append('{').append(expression(field.value()));
        if (field.conversion() != 0) {
          sb.append('!').append(field.conversion());
        }
        if (field.spec() != null) {
          sb.append(':').append(fstring(field.spec()));
        }
        sb.append('}');
      }
    }
    return sb.append(')').toString();
  }
}
