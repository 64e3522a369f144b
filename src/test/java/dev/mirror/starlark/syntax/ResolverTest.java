package dev.mirror.starlark.syntax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resolver, table-driven: each case is a file and the binding of every identifier in it, in
 * the order of the text, as {@code name:S#} where S is the scope (L local, C cell, F free, G
 * global, P predeclared, U universal) and # the slot; then the errors
 * ({@code !! line:col: message}).
 *
 * <p>The embedder's names in these tests: {@code rule} and {@code glob} are predeclared;
 * {@code len}, {@code print}, {@code range}, {@code True} and {@code None} are universal.
 */
class ResolverTest {

  private static final Set<String> PREDECLARED = Set.of("rule", "glob");
  private static final Set<String> UNIVERSAL = Set.of("len", "print", "range", "True", "None");

  /** The embedder's names; records how each unknown name was used. */
  private static final class TestModule implements Resolver.Module {
    final List<String> uses = new ArrayList<>();

    @Override
    public Binding.Scope lookup(String name, Resolver.NameUse use) {
      uses.add(name + (use.called() ? "()" : "") + (use.keyOfCallTo() == null ? ""
          : " key of " + use.keyOfCallTo()));
      return PREDECLARED.contains(name) ? Binding.Scope.PREDECLARED
          : UNIVERSAL.contains(name) ? Binding.Scope.UNIVERSAL : null;
    }

    @Override
    public Collection<String> names() {
      return Stream.concat(PREDECLARED.stream(), UNIVERSAL.stream()).toList();
    }
  }

  static String resolve(String text, Dialect dialect) {
    FileLocations locs = new FileLocations("t.star", text);
    List<SyntaxError> errors = new ArrayList<>();
    List<Statement> statements = Parser.parseFile(locs, dialect, errors);
    if (!errors.isEmpty()) {
      return "parse error: " + errors;
    }
    Resolver.resolveFile(locs, dialect, statements, new TestModule(), errors);
    List<Expression.Identifier> ids = new ArrayList<>();
    Walker.statements(statements, ids);
    ids.sort(Comparator.comparingInt(Expression::offset));
    StringBuilder sb = new StringBuilder(ids.stream().map(ResolverTest::describe)
        .collect(Collectors.joining(" ")));
    for (SyntaxError e : errors) {
      sb.append(" !! ").append(e.location().line()).append(':').append(e.location().column())
          .append(": ").append(e.message());
    }
    return sb.toString();
  }

  private static String describe(Expression.Identifier id) {
    Binding b = id.binding();
    if (b == null) {
      return id.name() + ":?";
    }
    String scope = switch (b.scope()) {
      case LOCAL -> "L";
      case CELL -> "C";
      case FREE -> "F";
      case GLOBAL -> "G";
      case PREDECLARED -> "P";
      case UNIVERSAL -> "U";
    };
    return id.name() + ":" + scope + b.index();
  }

  /** Collects every identifier of a tree: uses, targets, parameters, def and load names. */
  private static final class Walker {
    static void statements(List<Statement> statements, List<Expression.Identifier> out) {
      for (Statement s : statements) {
        statement(s, out);
      }
    }

    static void statement(Statement s, List<Expression.Identifier> out) {
      switch (s.kind()) {
        case EXPRESSION -> expression(((Statement.ExpressionStatement) s).expression(), out);
        case ASSIGN -> {
          expression(((Statement.Assign) s).lhs(), out);
          expression(((Statement.Assign) s).rhs(), out);
        }
        case AUGMENTED_ASSIGN -> {
          expression(((Statement.AugmentedAssign) s).lhs(), out);
          expression(((Statement.AugmentedAssign) s).rhs(), out);
        }
        case IF -> {
          Statement.If i = (Statement.If) s;
          expression(i.condition(), out);
          statements(i.then(), out);
          statements(i.otherwise(), out);
        }
        case FOR -> {
          Statement.For f = (Statement.For) s;
          expression(f.vars(), out);
          expression(f.iterable(), out);
          statements(f.body(), out);
        }
        case WHILE -> {
          expression(((Statement.While) s).condition(), out);
          statements(((Statement.While) s).body(), out);
        }
        case DEF -> {
          Statement.Def d = (Statement.Def) s;
          out.add(d.identifier());
          function(d.function(), out);
        }
        case CLASS -> {
          Statement.ClassDef c = (Statement.ClassDef) s;
          out.add(c.identifier());
          statements(c.body().body(), out);
        }
        case RETURN -> expression(((Statement.Return) s).value(), out);
        case LOAD -> {
          for (Statement.Load.Binding b : ((Statement.Load) s).bindings()) {
            out.add(b.local());
          }
        }
        case ASSERT -> {
          expression(((Statement.Assert) s).condition(), out);
          expression(((Statement.Assert) s).message(), out);
        }
        case RAISE -> expression(((Statement.Raise) s).exception(), out);
        case BREAK, CONTINUE, PASS -> {}
      }
    }

    static void function(Function f, List<Expression.Identifier> out) {
      for (Parameter p : f.parameters()) {
        if (p.identifier() != null) {
          out.add(p.identifier());
        }
        expression(p.defaultValue(), out);
      }
      statements(f.body(), out);
    }

    static void expression(Expression e, List<Expression.Identifier> out) {
      if (e == null) {
        return;
      }
      switch (e.kind()) {
        case IDENTIFIER -> out.add((Expression.Identifier) e);
        case LITERAL -> {}
        case FSTRING -> {
          for (Object part : ((Expression.FString) e).parts()) {
            if (part instanceof Expression.FString.Field field) {
              expression(field.value(), out);
              expression(field.spec(), out);
            }
          }
        }
        case LIST, TUPLE -> ((Expression.ListLiteral) e).elements().forEach(x -> expression(x, out));
        case DICT -> ((Expression.DictLiteral) e).entries().forEach(entry -> {
          expression(entry.key(), out);
          expression(entry.value(), out);
        });
        case UNPACK -> expression(((Expression.Unpack) e).value(), out);
        case UNARY -> expression(((Expression.Unary) e).operand(), out);
        case BINARY -> {
          expression(((Expression.Binary) e).left(), out);
          expression(((Expression.Binary) e).right(), out);
        }
        case CONDITIONAL -> {
          Expression.Conditional c = (Expression.Conditional) e;
          expression(c.condition(), out);
          expression(c.then(), out);
          expression(c.otherwise(), out);
        }
        case INDEX -> {
          expression(((Expression.Index) e).object(), out);
          expression(((Expression.Index) e).key(), out);
        }
        case SLICE -> {
          Expression.Slice s = (Expression.Slice) e;
          expression(s.object(), out);
          expression(s.start(), out);
          expression(s.stop(), out);
          expression(s.step(), out);
        }
        case DOT -> expression(((Expression.Dot) e).object(), out);
        case CALL -> {
          expression(((Expression.Call) e).function(), out);
          ((Expression.Call) e).arguments().forEach(a -> expression(a.value(), out));
        }
        case LAMBDA -> {
          Expression.Lambda l = (Expression.Lambda) e;
          for (Parameter p : l.parameters()) {
            if (p.identifier() != null) {
              out.add(p.identifier());
            }
            expression(p.defaultValue(), out);
          }
          expression(l.body(), out);
        }
        case COMPREHENSION -> {
          Expression.Comprehension c = (Expression.Comprehension) e;
          expression(c.body(), out);
          for (Expression.Comprehension.Clause clause : c.clauses()) {
            expression(clause.vars(), out);
            expression(clause.iterable(), out);
            expression(clause.condition(), out);
          }
        }
      }
    }
  }

  private static Arguments c(String input, String want) {
    return Arguments.of(input, want);
  }

  // ---- both dialects ----

  static Stream<Arguments> common() {
    return Stream.of(
        // Globals, predeclared and universal names.
        c("x = 1\ny = x", "x:G0 y:G1 x:G0"),
        c("y = x\nx = 1", "y:G0 x:G1 x:G1"),
        c("x = rule\ny = len", "x:G0 rule:P0 y:G1 len:U1"),
        c("rule(name = len(glob))", "rule:P0 len:U1 glob:P2"),
        c("x = None\ny = True", "x:G0 None:U0 y:G1 True:U1"),
        c("len = 1\nx = len", "len:G0 x:G1 len:G0"),
        c("a, [b, c] = 1, [2, 3]", "a:G0 b:G1 c:G2"),
        c("x = [1]\nx[0] = 2\nx.y = 3", "x:G0 x:G0 x:G0"),
        c("load('m', 'a', b = 'c')\nx = a + b", "a:G0 b:G1 x:G2 a:G0 b:G1"),
        // Functions: parameters and locals; slots for ordinary, keyword-only, *args, **kwargs.
        c("def f(a, b):\n  c = a\n  return b", "f:G0 a:L0 b:L1 c:L2 a:L0 b:L1"),
        c("def f(a, *args, b, **kw):\n  pass", "f:G0 a:L0 args:L2 b:L1 kw:L3"),
        c("x = 1\ndef f():\n  return x", "x:G0 f:G1 x:G0"),
        c("x = 1\ndef f():\n  x = 2\n  return x", "x:G0 f:G1 x:L0 x:L0"),
        c("def f():\n  return g()\ndef g():\n  return 1", "f:G0 g:G1 g:G1"),
        c("x = 1\ndef f(a = x):\n  return a", "x:G0 f:G1 a:L0 x:G0 a:L0"),
        c("def f(a):\n  def g(b = a):\n    return b\n  return g",
            "f:G0 a:L0 g:L1 b:L0 a:L0 b:L0 g:L1"),
        // A name bound anywhere in a function is local in all of it, even before the binding
        // (using it first is a runtime error, as in Python).
        c("x = 1\ndef f():\n  y = x\n  x = 2\n  return y", "x:G0 f:G1 y:L0 x:L1 x:L1 y:L0"),
        c("def f(c):\n  if c:\n    x = 1\n  else:\n    x = 2\n  return x",
            "f:G0 c:L0 c:L0 x:L1 x:L1 x:L1"),
        c("def f(a):\n  for a in a:\n    pass\n  return a", "f:G0 a:L0 a:L0 a:L0 a:L0"),
        c("def f(a):\n  a += 1", "f:G0 a:L0 a:L0"),
        c("def f():\n  def g():\n    pass\n  return g", "f:G0 g:L0 g:L0"),
        // Closures: a captured local becomes a cell; each function in between captures it.
        c("def f():\n  a = 1\n  def g():\n    return a\n  return g",
            "f:G0 a:C0 g:L1 a:F0 g:L1"),
        c("def f(a):\n  return lambda: a", "f:G0 a:C0 a:F0"),
        c("def f(a):\n  return lambda a: a", "f:G0 a:L0 a:L0 a:L0"),
        c("def f():\n  a = 1\n  def g():\n    def h():\n      return a\n    return h\n  return g",
            "f:G0 a:C0 g:L1 h:L0 a:F0 h:L0 g:L1"),
        c("def f():\n  a = 1\n  b = 2\n  return lambda: (b, a)",
            "f:G0 a:C0 b:C1 b:F0 a:F1"),
        c("def f():\n  g = lambda: a\n  a = 1", "f:G0 g:L0 a:F0 a:C1"),
        c("f = lambda x: lambda y: x + y", "f:G0 x:C0 y:L0 x:F0 y:L0"),
        // Comprehensions: their variables have slots of their own in the enclosing frame, and
        // only the first iterable is resolved outside them.
        c("x = [y for y in range(3)]", "x:G0 y:L0 y:L0 range:U0"),
        c("def f(x):\n  return [x for x in x]", "f:G0 x:L0 x:L1 x:L1 x:L0"),
        c("def f(x):\n  return [1 for x in [1] for y in x]", "f:G0 x:L0 x:L1 y:L2 x:L1"),
        c("x = [a for a in [1] if a]\ny = {k: v for k, v in z}\nz = 1",
            "x:G0 a:L0 a:L0 a:L0 y:G1 k:L1 v:L2 k:L1 v:L2 z:G2 z:G2"),
        c("def f():\n  return [lambda: x for x in [1]]", "f:G0 x:F0 x:C0"),
        // Undefined names, with suggestions among the names in scope.
        c("x = missing", "x:G0 missing:U-1 !! 1:5: name 'missing' is not defined"),
        c("x = lne(1)", "x:G0 lne:U-1 !! 1:5: name 'lne' is not defined (did you mean 'len'?)"),
        c("length = 1\nx = lenght", "length:G0 x:G1 lenght:U-1 !! 2:5: name 'lenght' is not"
            + " defined (did you mean 'length'?)"),
        c("def f(value):\n  return valeu", "f:G0 value:L0 valeu:U-1 !! 2:10: name 'valeu' is not"
            + " defined (did you mean 'value'?)"),
        c("x = _privat\n_private = 1", "x:G0 _privat:U-1 _private:G1 !! 1:5: name '_privat' is"
            + " not defined (did you mean '_private'?)"),
        c("def f():\n  local = 1\ndef g():\n  return local", "f:G0 local:L0 g:G1 local:U-1"
            + " !! 4:10: name 'local' is not defined"),
        c("x = [item for item in [1]]\nz = item", "x:G0 item:L0 item:L0 z:G1 item:U-1 !! 2:5:"
            + " name 'item' is not defined"),
        // Control flow outside its place.
        c("return 1", " !! 1:1: return statement not within a function"),
        c("def f():\n  break", "f:G0 !! 2:3: break not in a loop"),
        c("def f():\n  continue", "f:G0 !! 2:3: continue not in a loop"),
        c("def f(x):\n  for a in x:\n    def g():\n      break",
            "f:G0 x:L0 a:L1 x:L0 g:L2 !! 4:7: break not in a loop"),
        c("def f(x):\n  for a in x:\n    if a:\n      continue\n    break",
            "f:G0 x:L0 a:L1 x:L0 a:L1"),
        c("def f():\n  load('m', 'a')", "f:G0 a:L0 !! 2:3: load statement not at top level"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("common")
  void bindingsInBothDialects(String input, String want) {
    assertEquals(want, resolve(input, Dialect.STARLARK), "starlark dialect");
    assertEquals(want, resolve(input, Dialect.PANTS), "pants dialect");
  }

  // ---- where the dialects differ: rebinding globals ----

  static Stream<Arguments> rebinding() {
    return Stream.of(
        c("x = 1\nx = 2", "x:G0 x:G0",
            " !! 2:1: cannot reassign global 'x' declared at t.star:1:1"),
        c("x = 1\nx += 1", "x:G0 x:G0",
            " !! 2:1: cannot reassign global 'x' declared at t.star:1:1"),
        c("def f():\n  pass\ndef f():\n  pass", "f:G0 f:G0",
            " !! 3:5: cannot reassign global 'f' declared at t.star:1:5"),
        c("load('m', 'a')\na = 1", "a:G0 a:G0",
            " !! 2:1: cannot reassign global 'a' declared at t.star:1:11"),
        c("load('m', 'a')\nload('n', 'a')", "a:G0 a:G0",
            " !! 2:11: cannot reassign global 'a' declared at t.star:1:11"),
        c("x, x = 1, 2", "x:G0 x:G0",
            " !! 1:4: cannot reassign global 'x' declared at t.star:1:1"));
  }

  private static Arguments c(String input, String bindings, String starlarkError) {
    return Arguments.of(input, bindings, starlarkError);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rebinding")
  void globalsMayBeReboundInThePantsDialectOnly(String input, String bindings,
      String starlarkError) {
    assertEquals(bindings + starlarkError + " (rebinding globals is allowed in the pants dialect"
        + " only)", resolve(input, Dialect.STARLARK));
    assertEquals(bindings, resolve(input, Dialect.PANTS));
  }

  // ---- the Pants dialect's own forms ----

  static Stream<Arguments> pantsOnly() {
    return Stream.of(
        c("for x in range(3):\n  y = x\nz = x", "x:G0 range:U0 y:G1 x:G0 z:G2 x:G0"),
        c("while True:\n  x = 1\n  break", "True:U0 x:G0"),
        c("if True:\n  x = 1\nelse:\n  x = 2", "True:U0 x:G0 x:G0"),
        c("for x in [1]:\n  continue", "x:G0"),
        c("break", " !! 1:1: break not in a loop"),
        c("assert len, print", "len:U0 print:U1"),
        c("raise rule", "rule:P0"),
        c("x = f'{y}{len}'\ny = 1", "x:G0 y:G1 len:U0 y:G1"),
        c("x = [*a, *b]\na = 1\nb = 1", "x:G0 a:G1 b:G2 a:G1 b:G2"),
        c("def f(a: int) -> str:\n  return a", "f:G0 a:L0 a:L0"),
        // Class bodies bind their own names, which their methods do not see (Python's rule).
        c("class C:\n  x = 1\n  y = x", "C:G0 x:L0 y:L1 x:L0"),
        c("x = 0\nclass C:\n  x = 1\n  def f(self):\n    return x",
            "x:G0 C:G1 x:L0 f:L1 self:L0 x:G0"),
        c("class C:\n  attr = 1\n  def f(self):\n    return attr",
            "C:G0 attr:L0 f:L1 self:L0 attr:U-1 !! 4:12: name 'attr' is not defined"),
        c("def g(a):\n  class C:\n    def f(self):\n      return a\n  return C",
            "g:G0 a:C0 C:L1 f:L0 self:L0 a:F0 C:L1"),
        c("class C:\n  return 1", "C:G0 !! 2:3: return statement not within a function"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("pantsOnly")
  void bindingsInThePantsDialect(String input, String want) {
    assertEquals(want, resolve(input, Dialect.PANTS));
  }

  // ---- what the resolver records for the evaluator ----

  private static Program compile(String text, Dialect dialect) throws SyntaxError.Exception {
    return Program.compile("t.star", text, dialect, new TestModule());
  }

  @Test
  void theProgramListsItsGlobalsAndPredeclaredNamesInSlotOrder() throws Exception {
    Program p = compile("load('m', 'a')\nb = rule(len(a))\ndef c():\n  return glob\n",
        Dialect.STARLARK);
    assertEquals(List.of("a", "b", "c"), p.globals());
    assertEquals(List.of("rule", "len", "glob"), p.predeclared());
    assertEquals(List.of("m"), p.loads().stream().map(Statement.Load::module).toList());
  }

  @Test
  void functionsKnowTheirLocalsCellsAndFreeVariables() throws Exception {
    Program p = compile("def f(a, *rest, k, **kw):\n  b = 1\n  def g():\n    return a + b\n"
        + "  return g\n", Dialect.STARLARK);
    Function f = ((Statement.Def) p.statements().get(0)).function();
    assertEquals(List.of("a", "k"), f.parameterNames());
    assertEquals(1, f.numPositional());
    assertEquals(1, f.numKeywordOnly());
    assertTrue(f.hasVarargs());
    assertTrue(f.hasKwargs());
    assertEquals("[a(CELL#0), k(LOCAL#1), rest(LOCAL#2), kw(LOCAL#3), b(CELL#4), g(LOCAL#5)]",
        f.locals().toString());
    assertArrayEquals(new int[] {0, 4}, f.cellIndices());
    assertEquals(List.of(), f.freeVars());
    Function g = ((Statement.Def) f.body().get(1)).function();
    assertEquals("[a(CELL#0), b(CELL#4)]", g.freeVars().toString());
    assertEquals(List.of(), g.locals());
  }

  @Test
  void theTopLevelHasLocalsOnlyForComprehensionVariables() throws Exception {
    Program p = compile("x = [i for i in range(3)]\ny = {k: 1 for k in x}\n", Dialect.STARLARK);
    assertEquals("[i(LOCAL#0), k(LOCAL#1)]", p.toplevel().locals().toString());
    assertEquals(List.of("x", "y"), p.globals());
  }

  @Test
  void allTheErrorsOfAFileAreThrownTogether() {
    SyntaxError.Exception e = assertThrows(
        SyntaxError.Exception.class,
        () -> compile("x = alpha\ny = beta\nreturn\n", Dialect.PANTS));
    assertEquals(List.of("t.star:1:5: name 'alpha' is not defined",
            "t.star:2:5: name 'beta' is not defined",
            "t.star:3:1: return statement not within a function"),
        e.errors().stream().map(SyntaxError::toString).toList());
    assertEquals("t.star:1:5: name 'alpha' is not defined", e.getMessage());
  }

  /** The embedder learns how each name it is asked about is used. */
  @Test
  void theModuleIsToldHowAnUnknownNameIsUsed() {
    TestModule module = new TestModule();
    FileLocations locs = new FileLocations("t.star",
        "rule(x = glob, y = {len: 1, (None, True): 2})\nz = print\n");
    List<SyntaxError> errors = new ArrayList<>();
    Resolver.resolveFile(locs, Dialect.PANTS, Parser.parseFile(locs, Dialect.PANTS, errors),
        module, errors);
    assertEquals(List.of(), errors);
    assertEquals(List.of("rule()", "glob", "len key of rule", "None key of rule",
        "True key of rule", "print"), module.uses);
  }
}
