package dev.mirror.starlark.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser, table-driven: each case is a file and its syntax tree as {@link AstPrinter} prints
 * it, followed by the syntax errors ({@code !! line:col: message}, without the common "syntax
 * error: " prefix). Statements inside functions are wrapped in {@code def f():} where the
 * Starlark dialect requires it.
 */
class ParserTest {

  static String parse(String text, Dialect dialect) {
    FileLocations locs = new FileLocations("t.star", text);
    List<SyntaxError> errors = new ArrayList<>();
    List<Statement> statements = Parser.parseFile(locs, dialect, errors);
    StringBuilder sb = new StringBuilder(AstPrinter.statements(statements));
    for (SyntaxError e : errors) {
      sb.append(" !! ").append(e.location().line()).append(':').append(e.location().column())
          .append(": ").append(e.message().replaceFirst("^syntax error: ", ""));
    }
    return sb.toString();
  }

  private static Arguments c(String input, String want) {
    return Arguments.of(input, want);
  }

  // ---- both dialects ----

  static Stream<Arguments> common() {
    return Stream.of(
        c("", ""),
        c("x", "x"),
        c("x = 1", "(= x 1)"),
        c("x = 'a'; y = b'b'; z = 1.5", "(= x \"a\") (= y b\"b\") (= z 1.5)"),
        c("x = 1;", "(= x 1)"),
        c("x = None", "(= x None)"),
        // Precedence and associativity.
        c("1 + 2 * 3", "(+ 1 (* 2 3))"),
        c("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        c("1 - 2 - 3", "(- (- 1 2) 3)"),
        c("a / b // c % d * e", "(* (% (// (/ a b) c) d) e)"),
        c("a | b ^ c & d << 1 + 2", "(| a (^ b (& c (<< d (+ 1 2)))))"),
        c("a >> b << c", "(<< (>> a b) c)"),
        c("a or b and not c", "(or a (and b (not c)))"),
        c("a and b or c and d", "(or (and a b) (and c d))"),
        c("not a == b", "(not (== a b))"),
        c("not not a", "(not (not a))"),
        c("-a * -b", "(* (- a) (- b))"),
        c("-x.y[0](1)", "(- (call (index (. x y) 0) 1))"),
        c("~a + +b", "(+ (~ a) (+ b))"),
        c("a < b", "(< a b)"),
        c("a + 1 <= b * 2", "(<= (+ a 1) (* b 2))"),
        c("a in b", "(in a b)"),
        c("a not in b", "(not in a b)"),
        c("a != b", "(!= a b)"),
        c("a == b or c > d", "(or (== a b) (> c d))"),
        c("a | b == c", "(== (| a b) c)"),
        c("a if b else c", "(? b a c)"),
        c("a if b else c if d else e", "(? b a (? d c e))"),
        c("(a if b else c) if d else e", "(? d (? b a c) e)"),
        c("a or b if c or d else e", "(? (or c d) (or a b) e)"),
        // Primary expressions and suffixes.
        c("a.b.c", "(. (. a b) c)"),
        c("a[0][1]", "(index (index a 0) 1)"),
        c("a[1, 2]", "(index a (tuple 1 2))"),
        c("a[1:2]", "(slice a 1 2 _)"),
        c("a[:]", "(slice a _ _ _)"),
        c("a[::2]", "(slice a _ _ 2)"),
        c("a[1::]", "(slice a 1 _ _)"),
        c("a[:-1:-1]", "(slice a _ (- 1) (- 1))"),
        c("f()", "(call f)"),
        c("f(a, b)", "(call f a b)"),
        c("f(a, b,)", "(call f a b)"),
        c("f(a, k=1, *b, **c)", "(call f a k=1 *b **c)"),
        c("f(x)(y)", "(call (call f x) y)"),
        c("'abc'.upper()", "(call (. \"abc\" upper))"),
        c("[1, 2][0]", "(index [1 2] 0)"),
        // Lists, tuples, dicts.
        c("[]", "[]"),
        c("[1]", "[1]"),
        c("[1, 2,]", "[1 2]"),
        c("()", "(tuple)"),
        c("(1)", "1"),
        c("(1,)", "(tuple 1)"),
        c("(1, 2)", "(tuple 1 2)"),
        c("1, 2", "(tuple 1 2)"),
        c("x = 1, (2, 3)", "(= x (tuple 1 (tuple 2 3)))"),
        c("{}", "{}"),
        c("{'a': 1, 'b': [2],}", "{\"a\": 1, \"b\": [2]}"),
        c("{1: 2}[1]", "(index {1: 2} 1)"),
        // Comprehensions.
        c("[x for x in y]", "(list-comp x (for x y))"),
        c("[x for x in y if x if z for w in x]",
            "(list-comp x (for x y) (if x) (if z) (for w x))"),
        c("[(a, b) for a, b in c]", "(list-comp (tuple a b) (for (tuple a b) c))"),
        c("[a for (a, b) in c]", "(list-comp a (for (tuple a b) c))"),
        c("{k: v for k, v in d.items()}", "(dict-comp k: v (for (tuple k v) (call (. d items))))"),
        c("[x for x in a or b]", "(list-comp x (for x (or a b)))"),
        c("[x for x in y if lambda: 1]", "(list-comp x (for x y) (if (lambda () 1)))"),
        c("[x if c else d for x in y]", "(list-comp (? c x d) (for x y))"),
        // Lambdas.
        c("lambda: 1", "(lambda () 1)"),
        c("lambda x, y=1, *a, **k: x", "(lambda (x y=1 *a **k) x)"),
        c("lambda x: a if x else b", "(lambda (x) (? x a b))"),
        c("f(lambda x: x, 1)", "(call f (lambda (x) x) 1)"),
        // Assignments.
        c("x, y = y, x", "(= (tuple x y) (tuple y x))"),
        c("[a, (b, c)] = d", "(= [a (tuple b c)] d)"),
        c("(a) = 1", "(= a 1)"),
        c("a.b = 1", "(= (. a b) 1)"),
        c("a[i] = 1", "(= (index a i) 1)"),
        c("x += 1", "(+= x 1)"),
        c("x -= 1; x *= 2; x /= 3; x //= 4; x %= 5",
            "(-= x 1) (*= x 2) (/= x 3) (//= x 4) (%= x 5)"),
        c("x &= 1; x |= 2; x ^= 3; x <<= 4; x >>= 5",
            "(&= x 1) (|= x 2) (^= x 3) (<<= x 4) (>>= x 5)"),
        c("a.b += 1", "(+= (. a b) 1)"),
        c("a[0] += 1, 2", "(+= (index a 0) (tuple 1 2))"),
        // Statements.
        c("def f(): pass", "(def f () [pass])"),
        c("def f(a, b=1, *args, c, d=2, **kw):\n  return a\n",
            "(def f (a b=1 *args c d=2 **kw) [(return a)])"),
        c("def f(*, a): pass", "(def f (* a) [pass])"),
        c("def f(a,): pass", "(def f (a) [pass])"),
        c("def f():\n  return\n", "(def f () [(return)])"),
        c("def f():\n  return 1, 2\n", "(def f () [(return (tuple 1 2))])"),
        c("def f():\n  if a:\n    pass\n  elif b:\n    pass\n  else:\n    return\n",
            "(def f () [(if a [pass] [(if b [pass] [(return)])])])"),
        c("def f():\n  for x in y:\n    if x: break\n    continue\n",
            "(def f () [(for x y [(if x [break]) continue])])"),
        c("def f():\n  for a, b in c: pass\n", "(def f () [(for (tuple a b) c [pass])])"),
        c("def f():\n  for a[0] in b: pass\n", "(def f () [(for (index a 0) b [pass])])"),
        c("def f():\n  for x in 1, 2: pass\n", "(def f () [(for x (tuple 1 2) [pass])])"),
        c("def f():\n  x = 1\n\n  y = 2\n", "(def f () [(= x 1) (= y 2)])"),
        c("def f(): x = 1; return x", "(def f () [(= x 1) (return x)])"),
        c("def f():\n  def g():\n    pass\n  return g\n",
            "(def f () [(def g () [pass]) (return g)])"),
        c("load('m', 'a', b='c')", "(load \"m\" a=a b=c)"),
        c("load('//pkg:m.star', 'a',)", "(load \"//pkg:m.star\" a=a)"),
        // Syntax errors, with their positions.
        c("x = = 1", " !! 1:5: got '=', want primary expression"),
        c("x = 1 +", " !! 1:8: got newline, want primary expression"),
        c("x = (1, 2", " !! 1:10: got newline, want )"),
        c("x = [1, 2)", " !! 1:10: got ')', want ]"),
        c("x = 1)", "(= x 1) !! 1:6: got ')', want newline"),
        c("f(", " !! 1:3: got newline, want primary expression"),
        c("a.1", "a !! 1:2: got float literal, want newline"),
        c("a.if", " !! 1:3: got 'if', want identifier"),
        c("x = 2 ** 3", "(= x 2) !! 1:7: got '**', want newline"),
        c("a < b < c", " !! 1:7: comparison operators are not associative; use parentheses"
            + " (< followed by <)"),
        c("a == b in c", " !! 1:8: comparison operators are not associative; use parentheses"
            + " (== followed by in)"),
        c("x = 1 if y", " !! 1:11: conditional expression without else clause"),
        c("x = {1, 2}", " !! 1:7: set literals are not supported; use set([...])"),
        c("x = {1}", " !! 1:7: set literals are not supported; use set([...])"),
        c("a = b = c", " !! 1:3: chained assignment (a = b = c) is not supported"),
        c("f() = 1", " !! 1:2: cannot assign to function call"),
        c("1 = x", " !! 1:1: cannot assign to literal"),
        c("a + b = c", " !! 1:3: cannot assign to operator expression"),
        c("[a, f()] = c", " !! 1:6: cannot assign to function call"),
        c("a[1:2] = c", " !! 1:2: cannot assign to slice"),
        c("(a, b) += 1", " !! 1:1: cannot perform augmented assignment on a tuple expression"),
        c("[a] += 1", " !! 1:1: cannot perform augmented assignment on a list expression"),
        c("lambda = 1", " !! 1:1: keyword 'lambda' cannot be used as an identifier"),
        c("def = 1", " !! 1:1: keyword 'def' cannot be used as an identifier"),
        c("x = def", " !! 1:5: unexpected keyword 'def'"),
        c("x = a.b.c if", " !! 1:13: got newline, want primary expression"),
        c("def f(a=1, b): pass", " !! 1:12: required parameter may not follow optional"),
        c("def f(a, a): pass", " !! 1:10: duplicate parameter: a"),
        c("def f(*a, *b): pass", " !! 1:11: multiple * parameters not allowed"),
        c("def f(**k, a): pass", " !! 1:12: parameter may not follow **kwargs"),
        c("def f(*): pass", " !! 1:8: bare * must be followed by keyword-only parameters"),
        c("def f(*, **k): pass", " !! 1:13: bare * must be followed by keyword-only"
            + " parameters"),
        c("def f(1): pass", " !! 1:7: got int literal, want identifier"),
        c("def f: pass", " !! 1:6: got ':', want ("),
        c("f(a=1, a=2)", " !! 1:8: keyword argument \"a\" is repeated"),
        c("load('m')", " !! 1:1: load statement must import at least 1 symbol"),
        c("load(m, 'a')", " !! 1:6: first argument to load must be a string literal"),
        c("load('m', '_a')", " !! 1:11: load: symbol '_a' is private (its name starts with an"
            + " underscore) and cannot be loaded"),
        c("load('m', a=_b)", " !! 1:13: load: a local name must be given a string literal"),
        c("load('m', 'a b')", " !! 1:11: load: invalid identifier 'a b'"),
        c("load('m', 1)", " !! 1:11: load: arguments must be string literals or name=\"symbol\""),
        c("x = load", " !! 1:5: unexpected keyword 'load'"),
        c("import os", " !! 1:1: 'import' is not supported in BUILD files or Starlark (Pants BUILD"
            + " files cannot import modules; share code through prelude files)"),
        c("from a import b", " !! 1:1: 'import' is not supported in BUILD files or Starlark"
            + " (Pants BUILD files cannot import modules; share code through prelude files)"),
        c("try:\n  pass\nexcept:\n  pass\nfinally:\n  pass\nx = 1",
            "(= x 1) !! 1:1: 'try' is not supported: BUILD files and Starlark have no exceptions"
                + " to catch"),
        c("with a: pass", " !! 1:1: 'with' statements are not supported in BUILD files or"
            + " Starlark"),
        c("@d\ndef f(): pass", "(def f () [pass]) !! 1:1: decorators are not supported"),
        c("global x", " !! 1:1: unexpected keyword 'global' ('global' statements are not"
            + " supported)"),
        c("del x", " !! 1:1: unexpected keyword 'del' ('del' statements are not supported)"),
        c("yield x", " !! 1:1: unexpected keyword 'yield' ('yield' statements are not"
            + " supported)"),
        c("else: pass", " !! 1:1: unexpected keyword 'else'"),
        c("def f():\npass", " !! 2:1: expected an indented block"),
        c("  x = 1", " !! 1:3: unexpected indentation"),
        c("def f():\n  x = 1\n    y = 2\n  z = 3\n",
            "(def f () [(= x 1) (= z 3)]) !! 3:5: unexpected indentation"),
        c("x = $", " !! 1:5: invalid character '$' (U+0024)"),
        c("x = 1 ! 2", "(= x 1) !! 1:7: got 'invalid character', want newline"),
        // Recovery: each statement's first error is reported, and parsing goes on.
        c("x = = 1\ny = )\nz = 1", "(= z 1) !! 1:5: got '=', want primary expression"
            + " !! 2:5: got ')', want primary expression"),
        c("def f(1):\n  pass\nx = 1", "(= x 1) !! 1:7: got int literal, want identifier"),
        // An unclosed bracket takes in the rest of the file, as in Python.
        c("def f(:\n  pass\nx = 1", " !! 1:7: got ':', want identifier"),
        // Nesting is bounded.
        c("x = " + "(".repeat(101) + "1" + ")".repeat(101),
            " !! 1:105: expression is nested too deeply (more than 100 levels)"),
        c("x = " + "(".repeat(99) + "1" + ")".repeat(99), "(= x 1)"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("common")
  void treesInBothDialects(String input, String want) {
    assertEquals(want, parse(input, Dialect.STARLARK), "starlark dialect");
    assertEquals(want, parse(input, Dialect.PANTS), "pants dialect");
  }

  // ---- the Starlark dialect: the spec as written ----

  static Stream<Arguments> starlarkOnly() {
    return Stream.of(
        c("if x:\n  pass\n", "(if x [pass]) !! 1:1: if statement not within a function"
            + " (top-level if statement is allowed in the pants dialect only)"),
        c("for x in y:\n  pass\n", "(for x y [pass]) !! 1:1: for loop not within a function"
            + " (top-level for loop is allowed in the pants dialect only)"),
        c("def f():\n  while x:\n    pass\n", "(def f () []) !! 2:3: while loops are not supported in the"
            + " starlark dialect"),
        c("x = 'a' 'b'", " !! 1:9: implicit concatenation of adjacent string literals is not"
            + " supported in the starlark dialect; use +"),
        c("x = a is b", " !! 1:7: 'is' is not supported in the starlark dialect; use =="),
        c("x = [*a, 1]", " !! 1:6: got '*', want primary expression"),
        c("x = {**a}", " !! 1:6: **mapping in a dict literal is not supported in the starlark"
            + " dialect"),
        c("x = (a for a in b)", " !! 1:8: generator expressions are not supported in the"
            + " starlark dialect; use a list comprehension"),
        c("f(a for a in b)", " !! 1:5: generator expressions are not supported in the starlark"
            + " dialect; use a list comprehension"),
        c("x = 1, 2,", " !! 1:9: trailing comma in an unparenthesized tuple; add parentheses"),
        c("def f():\n  for a, in b: pass\n", "(def f () []) !! 2:10: trailing comma in an unparenthesized"
            + " tuple of loop variables"),
        c("f(a=1, 2)", " !! 1:8: positional argument may not follow keyword argument"),
        c("f(**a, *b)", " !! 1:8: *args may not follow **kwargs"),
        c("f(a=1, **b, **c)", " !! 1:13: multiple **kwargs not allowed"),
        c("f(*a, b)", " !! 1:7: positional argument may not follow *args"),

        c("f(*a, *b)", " !! 1:7: multiple *args not allowed"),
        c("f(*a, k=1)", " !! 1:7: keyword argument may not follow *args"),
        c("f(**a, k=1)", " !! 1:8: keyword argument may not follow **kwargs"),
        c("def f(a: int): pass", " !! 1:8: type annotations are not supported in the starlark"
            + " dialect"),
        c("def f() -> int: pass", " !! 1:9: return type annotations are not supported in the"
            + " starlark dialect"),
        c("x: int = 1", "x !! 1:2: got ':', want newline"),
        c("class C: pass", " !! 1:1: 'class' is not supported in the starlark dialect"),
        c("assert x", " !! 1:1: 'assert' is not supported in the starlark dialect"),
        c("raise x", " !! 1:1: 'raise' is not supported in the starlark dialect"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("starlarkOnly")
  void treesInTheStarlarkDialect(String input, String want) {
    assertEquals(want, parse(input, Dialect.STARLARK));
  }

  // ---- the Pants dialect: Python's forms ----

  static Stream<Arguments> pantsOnly() {
    return Stream.of(
        c("if x:\n  pass\nelse:\n  y = 1\n", "(if x [pass] [(= y 1)])"),
        c("for x in y:\n  pass\n", "(for x y [pass])"),
        c("while x:\n  x -= 1\n", "(while x [(-= x 1)])"),
        c("x = 'a' 'b' \"c\"", "(= x \"abc\")"),
        c("x = b'a' b'b'", "(= x b\"ab\")"),
        c("x = 'a' b'b'", " !! 1:9: cannot mix bytes and nonbytes literals"),
        c("x = a is b", "(= x (is a b))"),
        c("x = a is not None", "(= x (is not a None))"),
        c("x = not a is b", "(= x (not (is a b)))"),
        c("x = [*a, 1, *b]", "(= x [(* a) 1 (* b)])"),
        c("x = (*a,)", "(= x (tuple (* a)))"),
        c("x = *a, b", "(= x (tuple (* a) b))"),
        c("x = *a", " !! 1:5: starred expression is only allowed in a tuple, list or call"),
        c("x = (*a)", " !! 1:6: starred expression is only allowed in a tuple, list or call"),
        c("x = [*a for a in b]", " !! 1:6: iterable unpacking cannot be used in comprehension"),
        c("x = {'a': 1, **b, **c}", "(= x {\"a\": 1, **b, **c})"),
        c("x = {**a for a in b}", " !! 1:5: dict unpacking cannot be used in dict"
            + " comprehension"),
        c("x = (a for a in b)", "(= x (list-comp a (for a b)))"),
        c("f(a for a in b)", "(call f (list-comp a (for a b)))"),
        c("f(1, a for a in b)", " !! 1:6: a generator expression must be the sole argument"
            + " unless parenthesized"),
        c("x = 1, 2,", "(= x (tuple 1 2))"),
        c("for a, in b: pass", "(for (tuple a) b [pass])"),
        c("f(*a, b, *c, k=1, *d, **e, m=2, **f)", "(call f *a b *c k=1 *d **e m=2 **f)"),
        c("f(a=1, 2)", " !! 1:8: positional argument follows keyword argument"),
        c("f(**a, 2)", " !! 1:8: positional argument follows keyword argument unpacking"),
        c("f(**a, *b)", " !! 1:8: iterable argument unpacking follows keyword argument"
            + " unpacking"),
        c("def f(a: int, *b: str, c: 'x' = 1, **d: dict) -> List[int]:\n  return a\n",
            "(def f (a *b c=1 **d) [(return a)])"),
        c("x: int = 1", "(= x 1)"),
        c("x: int", "pass"),
        c("a.b: int = 1", "(= (. a b) 1)"),
        c("(a, b): int = 1", "(tuple a b) !! 1:7: got ':', want newline"),
        c("class C:\n  x = 1\n  def f(self): pass\n",
            "(class C [(= x 1) (def f (self) [pass])])"),
        c("class C(): pass", "(class C [pass])"),
        c("class C(B): pass", " !! 1:9: class inheritance is not supported"),
        c("assert x", "(assert x)"),
        c("assert x, 'message'", "(assert x \"message\")"),
        c("raise", "(raise)"),
        c("raise ValueError('x')", "(raise (call ValueError \"x\"))"),
        c("raise A from B", "(raise A)"),
        // f-strings.
        c("x = f'a{b}c'", "(= x (f \"a\" {b} \"c\"))"),
        c("x = f'{a!r} {b!s} {c!a}'", "(= x (f {a!r} \" \" {b!s} \" \" {c!r}))"),
        c("x = f'{a:>10}'", "(= x (f {a:(f \">10\")}))"),
        c("x = f'{a:{w}.{p}f}'", "(= x (f {a:(f {w} \".\" {p} \"f\")}))"),
        c("x = f'{{literal}}'", "(= x (f \"{literal}\"))"),
        c("x = f'{a + b * 2}'", "(= x (f {(+ a (* b 2))}))"),
        c("x = f'{d[\"k\"]}'", "(= x (f {(index d \"k\")}))"),
        c("x = f'{a=}'", "(= x (f \"a=\" {a!r}))"),
        c("x = f'{a = :>4}'", "(= x (f \"a = \" {a:(f \">4\")}))"),
        c("x = f'{a != b}'", "(= x (f {(!= a b)}))"),
        c("x = f'\\n{a}\\t'", "(= x (f \"\\n\" {a} \"\\t\"))"),
        c("x = rf'\\d{a}'", "(= x (f \"\\\\d\" {a}))"),
        c("x = 'a' f'{b}' 'c'", "(= x (f \"a\" {b} \"c\"))"),
        c("x = f''", "(= x (f))"),
        c("x = f'{}'", " !! 1:7: f-string: empty expression not allowed"),
        c("x = f'{a'", " !! 1:7: f-string: expecting '}'"),
        c("x = f'a}'", " !! 1:8: f-string: single '}' is not allowed"),
        c("x = f'{a!x}'", " !! 1:9: f-string: invalid conversion character: expected 's' or"
            + " 'r'"),
        c("x = f'{a b}'", " !! 1:10: f-string: invalid expression"),
        c("x = f'{a:{b:{c}}}'", " !! 1:12: f-string: expressions nested too deeply"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("pantsOnly")
  void treesInThePantsDialect(String input, String want) {
    assertEquals(want, parse(input, Dialect.PANTS));
  }

  // ---- positions kept by the nodes ----

  @Test
  void nodesKeepTheOffsetOfTheirLocatingToken() {
    FileLocations locs = new FileLocations("t.star", "x = f(a)[i].b + -c\n");
    List<SyntaxError> errors = new ArrayList<>();
    Statement.Assign s = (Statement.Assign) Parser.parseFile(locs, Dialect.STARLARK, errors).get(0);
    assertEquals(List.of(), errors);
    assertEquals(2, s.offset()); // the '='
    Expression.Binary plus = (Expression.Binary) s.rhs();
    assertEquals(14, plus.offset()); // the operator
    Expression.Dot dot = (Expression.Dot) plus.left();
    assertEquals(12, dot.offset()); // the name after the dot
    Expression.Index index = (Expression.Index) dot.object();
    assertEquals(8, index.offset()); // the '['
    Expression.Call call = (Expression.Call) index.object();
    assertEquals(5, call.offset()); // the '('
    assertEquals(4, call.function().offset());
    assertEquals(16, plus.right().offset()); // the unary '-'
  }

  @Test
  void errorsNameTheFileLineAndColumn() {
    List<SyntaxError> errors = new ArrayList<>();
    Parser.parseFile(new FileLocations("pkg/BUILD", "x = 1\n\ndef f(:\n  pass\n"),
        Dialect.PANTS, errors);
    assertEquals(List.of("pkg/BUILD:3:7: syntax error: got ':', want identifier"),
        errors.stream().map(SyntaxError::toString).toList());
  }

  @Test
  void aStandaloneExpressionParses() {
    List<SyntaxError> errors = new ArrayList<>();
    Expression e = Parser.parseExpression(new FileLocations("<expr>", "a.b(1)[2:] + 3"),
        Dialect.STARLARK, errors);
    assertEquals(List.of(), errors);
    assertEquals("(+ (slice (call (. a b) 1) 2 _ _) 3)", AstPrinter.expression(e));
  }

  /** Blocks nest at most 100 deep (CPython stops at 100 levels of indentation too). */
  @Test
  void blocksNestAtMost100Deep() {
    StringBuilder ok = new StringBuilder("def f():\n");
    for (int i = 1; i < 100; i++) {
      ok.append(" ".repeat(i)).append("if x:\n");
    }
    ok.append(" ".repeat(100)).append("pass\n");
    List<SyntaxError> errors = new ArrayList<>();
    Parser.parseFile(new FileLocations("t.star", ok.toString()), Dialect.STARLARK, errors);
    assertEquals(List.of(), errors);
    String deeper = ok.toString().replace(" ".repeat(100) + "pass\n",
        " ".repeat(100) + "if x:\n" + " ".repeat(101) + "pass\n");
    Parser.parseFile(new FileLocations("t.star", deeper), Dialect.STARLARK, errors);
    assertEquals(List.of("t.star:102:102: syntax error: blocks are nested too deeply (more than"
        + " 100 levels)"), errors.stream().map(SyntaxError::toString).toList());
  }

  /** The height of an expression tree is bounded too, so no walk of it can overflow. */
  @Test
  void expressionsAreAtMost1000High() {
    List<SyntaxError> errors = new ArrayList<>();
    Parser.parseFile(new FileLocations("t.star", "x = 1" + " + 1".repeat(998)), Dialect.STARLARK,
        errors);
    assertEquals(List.of(), errors);
    Parser.parseFile(new FileLocations("t.star", "x = 1" + " + 1".repeat(1000)),
        Dialect.STARLARK, errors);
    assertEquals(List.of("t.star:1:4003: syntax error: expression is nested too deeply (more than"
        + " 1000 levels)"), errors.stream().map(SyntaxError::toString).toList());
  }
}
