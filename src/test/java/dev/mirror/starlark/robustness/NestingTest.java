package dev.mirror.starlark.robustness;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.eval.StarlarkException.Kind;
import dev.mirror.starlark.syntax.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested, very long and resource-hungry inputs. Each test states the outcome: success
 * (with the result checked by {@code assert_eq} in the program where there is one), or a syntax or
 * runtime error whose message matches a pattern; always within a few seconds, never a
 * StackOverflowError, an OutOfMemoryError or another Java exception, and never a hang.
 *
 * <p>The bounds behind the errors: the parser's 100 levels of brackets, unary operators, lambdas
 * and blocks (CPython stops at 200 parentheses and 100 levels of indentation) and 1000 levels of
 * expression height; int literals of at most 4300 digits (as in Python); the evaluator's limits on
 * strings, collections, ints and format widths ({@code eval/Limits.java}); the 1000 levels a value
 * may nest for printing, comparing and hashing; and the harness's limits of 100,000 steps and 200
 * calls.
 */
class NestingTest {

  private static final String NAME = "NestingTest";

  /** How long one evaluation may run before it counts as a hang. */
  private static final long LIMIT_MS = 10_000;

  private static final Expect TOO_NESTED =
      syntax("^syntax error: expression is nested too deeply \\(more than 100 levels\\)$");
  private static final Expect TOO_HIGH =
      syntax("^syntax error: expression is nested too deeply \\(more than 1000 levels\\)$");
  private static final Expect BLOCKS_TOO_DEEP =
      syntax("^syntax error: blocks are nested too deeply \\(more than 100 levels\\)$");
  private static final Expect STEPS =
      runtime("^Starlark computation cancelled: too many steps \\(limit 100000\\)$");
  private static final Expect RECURSION =
      runtime("^maximum recursion depth exceeded \\(200 calls\\)$");

  // ---- deeply nested expressions ----

  @Test
  void nestedParentheses() {
    both("(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n", TOO_NESTED);
  }

  @Test
  void nestedParenthesesAssigned() {
    both("x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n", TOO_NESTED);
  }

  @Test
  void unclosedParentheses() {
    both("x = " + "(".repeat(10_000) + "1\n", TOO_NESTED);
  }

  @Test
  void unopenedParentheses() {
    both("x = 1" + ")".repeat(10_000) + "\n", syntax("^syntax error: got '\\)', want newline$"));
  }

  @Test
  void nestedLists() {
    both("x = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", TOO_NESTED);
  }

  @Test
  void nestedListsWithElements() {
    both("x = " + "[1, ".repeat(10_000) + "2" + "]".repeat(10_000) + "\n", TOO_NESTED);
  }

  @Test
  void nestedDicts() {
    both("x = " + "{'a': ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n", TOO_NESTED);
  }

  @Test
  void nestedTuples() {
    both("x = " + "(1, ".repeat(10_000) + "2" + ")".repeat(10_000) + "\n", TOO_NESTED);
  }

  @Test
  void nestedCalls() {
    both("x = " + "str(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n", TOO_NESTED);
  }

  /** Nesting just within the parser's bound parses and runs. */
  @Test
  void nestingJustWithinTheBoundWorks() {
    both("x = " + "(".repeat(90) + "1" + ")".repeat(90) + "\nassert_eq(x, 1)\n"
        + "y = " + "[".repeat(90) + "]".repeat(90) + "\nassert_eq(len(str(y)), 180)\n"
        + "z = " + "-".repeat(90) + "1\nassert_eq(z, 1)\n", OK);
  }

  @Test
  void longSum() {
    both("x = 1" + "+1".repeat(100_000) + "\n", TOO_HIGH);
  }

  /** A left-leaning chain as high as the bound allows is fine. */
  @Test
  void longSumJustWithinTheBound() {
    both("x = 1" + "+1".repeat(900) + "\nassert_eq(x, 901)\n", OK);
  }

  @Test
  void longStringConcatenation() {
    both("x = 'a'" + " + 'a'".repeat(100_000) + "\n", TOO_HIGH);
  }

  @Test
  void longBooleanChain() {
    both("x = True" + " and True".repeat(50_000) + " or False".repeat(50_000) + "\n", TOO_HIGH);
  }

  /** Comparisons do not chain in Starlark (nor in the Pants dialect): {@code a < b < c} is an error. */
  @Test
  void longComparisonChain() {
    both("x = 1" + " < 1".repeat(10_000) + "\n", syntax("^syntax error: comparison operators are not"
        + " associative; use parentheses \\(< followed by <\\)$"));
  }

  @Test
  void longIndexChain() {
    both("x = [[]]\ny = x" + "[0]".repeat(10_000) + "\n", TOO_HIGH);
  }

  @Test
  void longAttributeChain() {
    both("x = 'a'" + ".upper()".repeat(10_000) + "\n", TOO_HIGH);
  }

  @Test
  void longCallChain() {
    both("x = len" + "()".repeat(10_000) + "\n", TOO_HIGH);
  }

  @Test
  void nestedNot() {
    both("x = True\ny = " + "not ".repeat(10_000) + "x\n", TOO_NESTED);
  }

  @Test
  void nestedUnaryMinus() {
    both("x = " + "-".repeat(10_000) + "1\n", TOO_NESTED);
  }

  @Test
  void nestedUnaryMinusSpaced() {
    both("x = " + "- ".repeat(10_000) + "1\n", TOO_NESTED);
  }

  @Test
  void nestedTilde() {
    both("x = " + "~".repeat(10_000) + "1\n", TOO_NESTED);
  }

  @Test
  void nestedConditionals() {
    both("x = 1" + " if True else 1".repeat(10_000) + "\n", TOO_NESTED);
  }

  @Test
  void nestedLambdas() {
    both("f = " + "lambda: ".repeat(5_000) + "1\n", TOO_NESTED);
  }

  @Test
  void nestedLambdasCalled() {
    both("f = " + "(lambda: ".repeat(2_000) + "1" + ")".repeat(2_000) + "\nx = f" + "()".repeat(2_000)
        + "\n", TOO_NESTED);
  }

  @Test
  void nestedComprehensions() {
    both("x = " + "[".repeat(3_000) + "1" + " for _ in [1]]".repeat(3_000) + "\n", TOO_NESTED);
  }

  /**
   * Before Python 3.12 an f-string cannot contain its own quote, so the second {@code f'} closes
   * the first literal, whose field is then left open.
   */
  @Test
  void nestedFStrings() {
    run(Dialect.PANTS, "x = " + "f'{".repeat(2_000) + "1" + "}'".repeat(2_000) + "\n",
        syntax("^syntax error: f-string: expecting '}'$"));
  }

  /** Python allows one field inside a format spec, and no spec inside that field. */
  @Test
  void nestedFormatSpecs() {
    run(Dialect.PANTS, "x = f'{1:" + "{1:".repeat(5_000) + "}".repeat(5_001) + "'\n",
        syntax("^syntax error: f-string: expressions nested too deeply$"));
  }

  // ---- deeply nested statements ----

  @Test
  void nestedIfBlocks() {
    StringBuilder sb = new StringBuilder("def f():\n");
    for (int i = 0; i < 5_000; i++) {
      sb.append(" ".repeat(i + 1)).append("if True:\n");
    }
    sb.append(" ".repeat(5_001)).append("pass\n");
    both(sb.toString(), BLOCKS_TOO_DEEP);
  }

  @Test
  void nestedIfBlocksAtTopLevel() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      sb.append(" ".repeat(i)).append("if True:\n");
    }
    sb.append(" ".repeat(5_000)).append("x = 1\n");
    run(Dialect.PANTS, sb.toString(), BLOCKS_TOO_DEEP);
  }

  /** The spec's dialect refuses tabs outright; the Pants dialect counts them as Python does. */
  @Test
  void nestedIfBlocksWithTabs() {
    StringBuilder sb = new StringBuilder("def f():\n");
    for (int i = 0; i < 5_000; i++) {
      sb.append("\t".repeat(i + 1)).append("if True:\n");
    }
    sb.append("\t".repeat(5_001)).append("pass\n");
    run(Dialect.STARLARK, sb.toString(), syntax(
        "^syntax error: tab characters are not allowed for indentation; use spaces$"));
    run(Dialect.PANTS, sb.toString(), BLOCKS_TOO_DEEP);
  }

  @Test
  void nestedForLoops() {
    StringBuilder sb = new StringBuilder("def f():\n");
    for (int i = 0; i < 3_000; i++) {
      sb.append(" ".repeat(i + 1)).append("for x").append(i).append(" in [1]:\n");
    }
    sb.append(" ".repeat(3_001)).append("pass\nf()\n");
    both(sb.toString(), BLOCKS_TOO_DEEP);
  }

  /** Blocks nested just within the bound run. */
  @Test
  void nestedForLoopsJustWithinTheBound() {
    StringBuilder sb = new StringBuilder("def f():\n    n = 0\n");
    for (int i = 0; i < 90; i++) {
      sb.append(" ".repeat(i + 4)).append("for x").append(i).append(" in [1]:\n");
    }
    sb.append(" ".repeat(94)).append("n += 1\n    return n\nassert_eq(f(), 1)\n");
    both(sb.toString(), OK);
  }

  @Test
  void nestedDefs() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      sb.append(" ".repeat(i)).append("def f").append(i).append("():\n");
    }
    sb.append(" ".repeat(3_000)).append("return 1\n");
    both(sb.toString(), BLOCKS_TOO_DEEP);
  }

  @Test
  void nestedClasses() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      sb.append(" ".repeat(i)).append("class C").append(i).append(":\n");
    }
    sb.append(" ".repeat(3_000)).append("x = 1\n");
    run(Dialect.PANTS, sb.toString(), BLOCKS_TOO_DEEP);
  }

  /** One level of a million columns is one level. */
  @Test
  void deepIndentationAlone() {
    both("def f():\n" + " ".repeat(1_000_000) + "return 1\nassert_eq(f(), 1)\n", OK);
  }

  // ---- long inputs ----

  @Test
  void megabyteStringLiteral() {
    both("x = '" + "a".repeat(1 << 20) + "'\ny = len(x)\nassert_eq(y, 1048576)\n", OK);
  }

  @Test
  void megabyteStringLiteralOfEscapes() {
    both("x = '" + "\\x41\\n\\u00e9".repeat(100_000) + "'\nassert_eq(len(x), 300000)\n"
        + "assert_eq(x[:6], 'A\\n\u00e9A\\n\u00e9')\n", OK);
  }

  @Test
  void unterminatedMegabyteString() {
    both("x = '" + "a".repeat(1 << 20) + "\n", syntax("^syntax error: unterminated string literal$"));
  }

  @Test
  void megabyteTripleQuotedString() {
    both("x = '''" + "a\n".repeat(1 << 19) + "'''\nassert_eq(len(x), 1048576)\n", OK);
  }

  @Test
  void megabyteIdentifier() {
    String name = "a" + "b".repeat(1 << 20);
    both(name + " = 1\nassert_eq(" + name + ", 1)\n", OK);
  }

  @Test
  void megabyteComment() {
    both("# " + "c".repeat(1 << 20) + "\nx = 1\nassert_eq(x, 1)\n", OK);
  }

  /** Python bounds decimal int literals at 4300 digits too: converting them is quadratic. */
  @Test
  void megabyteIntLiteral() {
    both("x = " + "9".repeat(1 << 20) + "\n", syntax(
        "^syntax error: int literal of 1048576 digits is too long \\(at most 4300\\)$"));
  }

  @Test
  void hugeIntLiteralPrinted() {
    both("x = " + "9".repeat(100_000) + "\ny = str(x)\n", syntax(
        "^syntax error: int literal of 100000 digits is too long \\(at most 4300\\)$"));
  }

  /** An int made by arithmetic may be far longer than a literal, and prints. */
  @Test
  void hugeComputedIntPrinted() {
    both("x = 1 << 1000000\ny = str(x)\nassert_eq(len(y), 301030)\nassert_eq(y[:5], '99006')\n",
        OK);
  }

  @Test
  void hugeFloatLiteral() {
    both("x = 0." + "1".repeat(1 << 20) + "e1\nassert_eq(x, 1.1111111111111112)\n", OK);
  }

  @Test
  void longListLiteral() {
    both("x = [" + "1, ".repeat(200_000) + "]\nassert_eq(len(x), 200000)\n", OK);
  }

  @Test
  void manyArguments() {
    both("x = max(" + "1, ".repeat(100_000) + ")\nassert_eq(x, 1)\n", OK);
  }

  @Test
  void manyParameters() {
    StringBuilder sb = new StringBuilder("def f(");
    for (int i = 0; i < 20_000; i++) {
      sb.append("p").append(i).append(", ");
    }
    both(sb.append("):\n  return p0 + p19999\nassert_eq(f(*range(20000)), 19999)\n").toString(),
        OK);
  }

  /** The spec forbids binding a global twice; the Pants dialect follows Python. */
  @Test
  void manyStatements() {
    String text = "x = 1\n".repeat(50_000);
    run(Dialect.STARLARK, text, syntax("^cannot reassign global 'x' declared at fuzz.star:1:1"
        + " \\(rebinding globals is allowed in the pants dialect only\\)$"));
    run(Dialect.PANTS, text + "assert_eq(x, 1)\n", OK);
  }

  @Test
  void manyDistinctGlobals() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      sb.append("x").append(i).append(" = ").append(i).append('\n');
    }
    both(sb.append("assert_eq(x49999 - x0, 49999)\n").toString(), OK);
  }

  @Test
  void manyAdjacentStrings() {
    run(Dialect.PANTS, "x = " + "'a' ".repeat(100_000) + "\nassert_eq(len(x), 100000)\n", OK);
  }

  // ---- runtime limits ----

  @Test
  void unboundedRecursionInPants() {
    run(Dialect.PANTS, "def f():\n    return f()\nf()\n", RECURSION);
  }

  @Test
  void mutualRecursionInPants() {
    run(Dialect.PANTS, "def f(n):\n    return g(n + 1)\ndef g(n):\n    return f(n)\nf(0)\n",
        RECURSION);
  }

  @Test
  void recursionThroughLambdaInPants() {
    run(Dialect.PANTS, "f = lambda: f()\nf()\n", RECURSION);
  }

  @Test
  void recursionInStarlarkIsAnError() {
    run(Dialect.STARLARK, "def f():\n    return f()\nf()\n", runtime(
        "^function 'f' called recursively \\(recursion is allowed in the pants dialect only\\)$"));
  }

  @Test
  void recursionThroughSortedKey() {
    run(Dialect.PANTS, "def f(x):\n    return sorted([1, 2], key=f)\nf(1)\n", RECURSION);
  }

  /**
   * {@code range(10**12)} (written as a literal: the language has no {@code **}) is a valid range;
   * only the step limit stops the loop.
   */
  @Test
  void hugeRangeLoopAtTopLevelInPants() {
    withinSeconds(5, () -> run(Dialect.PANTS, "for i in range(1000000000000):\n    pass\n", STEPS));
  }

  /** The largest range the interpreter accepts: only the step limit can stop this loop. */
  @Test
  void largestRangeLoopAtTopLevelInPantsHitsStepLimit() {
    withinSeconds(5, () -> run(Dialect.PANTS, "for i in range(2147483647):\n    pass\n", STEPS));
  }

  @Test
  void nestedLoopsHitStepLimit() {
    withinSeconds(5, () -> both("def f():\n    for i in range(100000):\n        for j in range(100000):\n"
        + "            pass\nf()\n", STEPS));
  }

  @Test
  void whileTrueInPants() {
    run(Dialect.PANTS, "while True:\n    pass\n", STEPS);
  }

  @Test
  void hugeRangeLoopInFunction() {
    both("def f():\n    for i in range(1000000000000):\n        pass\nf()\n", STEPS);
  }

  @Test
  void comprehensionOverLargestRangeHitsStepLimit() {
    withinSeconds(5, () -> both("x = [i for i in range(2147483647)]\n", STEPS));
  }

  @Test
  void comprehensionOverLongStringHitsStepLimit() {
    withinSeconds(5, () -> run(Dialect.PANTS, "x = [c for c in 'ab' * 10000000]\n", STEPS));
  }

  @Test
  void emptyStringRepeatedBeyondIntRange() {
    both("x = '' * 2854775807\nassert_eq(x, '')\n", OK);
  }

  @Test
  void emptyCollectionsRepeatedBeyondIntRange() {
    both("x = () * 2854775807\ny = b'' * 2854775807\nz = [] * 2854775807\n"
        + "assert_eq(x, ())\nassert_eq(y, b'')\nassert_eq(z, [])\n", OK);
  }

  /** Repeating an empty list is free, so twenty of them must not take long. */
  @Test
  void emptyListRepeatedManyTimes() {
    withinSeconds(5, () -> run(Dialect.PANTS,
        "for i in range(20):\n    x = [] * 2147483647\nassert_eq(x, [])\n", OK));
  }

  /**
   * The spec's {@code %} has no width; the Pants dialect has Python's, bounded by
   * {@code Limits.MAX_FORMAT_WIDTH}.
   */
  @Test
  void hugeFormatWidthIterated() {
    String text = "x = [c for c in '%999999999d' % 1]\n";
    run(Dialect.STARLARK, text, runtime("^unsupported format conversion '%999999999d': flags,"
        + " width and precision are not supported \\(only in the pants dialect\\)$"));
    run(Dialect.PANTS, text, runtime("^format spec: width 999999999 is too large \\(at most"
        + " 10000\\)$"));
  }

  @Test
  void hugeRangeInComprehension() {
    both("x = [i for i in range(1000000000000)]\n", STEPS);
  }

  private static final Expect EXCESSIVE_REPEAT = runtime("^excessive repeat \\(\\d+ \\* \\d+ elements\\)$");

  @Test
  void hugeListRepetition() {
    both("x = [1] * 1000000000\n", runtime("^excessive repeat \\(1 \\* 1000000000 elements\\)$"));
  }

  @Test
  void hugeListRepetitionReversed() {
    both("x = 1000000000 * [1, 2]\n",
        runtime("^excessive repeat \\(2 \\* 1000000000 elements\\)$"));
  }

  @Test
  void hugeTupleRepetition() {
    both("x = (1,) * 1000000000\n", EXCESSIVE_REPEAT);
  }

  @Test
  void hugeStringRepetition() {
    both("x = 'a' * (1000000000000)\n",
        runtime("^excessive repeat \\(1 \\* 1000000000000 elements\\)$"));
  }

  @Test
  void hugeStringRepetitionWithinIntRange() {
    both("x = 'abcd' * 1000000000\n",
        runtime("^excessive repeat \\(4 \\* 1000000000 elements\\)$"));
  }

  @Test
  void hugeBytesRepetition() {
    both("x = b'a' * (1000000000000)\n", EXCESSIVE_REPEAT);
  }

  /** 2**26 characters is the longest string; the 27th doubling passes it. */
  @Test
  void repeatedDoubling() {
    both("def f():\n    x = 'a'\n    for i in range(64):\n        x = x + x\nf()\n",
        runtime("^string too large: 134217728 characters \\(at most 67108864\\)$"));
  }

  @Test
  void repeatedListDoubling() {
    both("def f():\n    x = [1]\n    for i in range(64):\n        x += x\nf()\n",
        runtime("^too many elements: 67108864 \\(at most 33554432\\)$"));
  }

  @Test
  void hugeShift() {
    both("x = 1 << 1000000000\n", runtime("^shift count too large: 1000000000$"));
  }

  @Test
  void repeatedShifts() {
    both("def f():\n    x = 1\n    for i in range(100):\n        x = x << 100000000\nf()\n",
        runtime("^shift count too large: 100000000$"));
  }

  @Test
  void hugeIntMultiplication() {
    both("def f():\n    x = 3\n    for i in range(64):\n        x = x * x\nf()\n",
        runtime("^int too large: \\d+ bits \\(at most 1048576\\)$"));
  }

  @Test
  void hugeFormatWidth() {
    String text = "x = '%999999999d' % 1\n";
    run(Dialect.STARLARK, text, runtime("^unsupported format conversion '%999999999d'"));
    run(Dialect.PANTS, text,
        runtime("^format spec: width 999999999 is too large \\(at most 10000\\)$"));
  }

  @Test
  void hugeFormatPrecision() {
    String text = "x = '%.999999999f' % 1.5\n";
    run(Dialect.STARLARK, text, runtime("^unsupported format conversion '%.999999999f'"));
    run(Dialect.PANTS, text,
        runtime("^format spec: precision 999999999 is too large \\(at most 10000\\)$"));
  }

  @Test
  void hugeStrFormatWidth() {
    both("x = '{:999999999}'.format(1)\n",
        runtime("^format spec: width 999999999 is too large \\(at most 10000\\)$"));
  }

  /** A format width just within the bound works. */
  @Test
  void formatWidthWithinTheBound() {
    both("x = '{:10000}'.format(1)\nassert_eq(len(x), 10000)\n", OK);
    run(Dialect.PANTS, "x = '%10000d' % 1\nassert_eq(len(x), 10000)\n", OK);
  }

  @Test
  void hugeJoin() {
    both("x = ','.join(['a' * 1000000] * 100000)\n",
        runtime("^string too large: \\d+ characters \\(at most 67108864\\)$"));
  }

  @Test
  void hugeReplace() {
    both("x = ('a' * 100000).replace('a', 'b' * 100000)\n",
        runtime("^string too large: \\d+ characters \\(at most 67108864\\)$"));
  }

  /** A range may have more elements than an int can count, up to a long's worth. */
  @Test
  void hugeRangeLen() {
    both("assert_eq(len(range(1000000000000)), 1000000000000)\n"
        + "assert_eq(len(range(-(1 << 62), 1 << 62, 2)), 1 << 62)\n"
        + "assert_eq(len(range(-(1 << 63), (1 << 63) - 1, 1 << 62)), 4)\n"
        + "assert_eq(len(range((1 << 63) - 1, -(1 << 63), -(1 << 62))), 4)\n"
        + "assert_eq(list(range(-(1 << 63), (1 << 63) - 1, 1 << 62))[3], 1 << 62)\n"
        + "assert_eq(len(range((1 << 62), -(1 << 62), -(1 << 63))), 1)\n", OK);
  }

  /**
   * One more element than a long can count: Python creates the range and fails at {@code len}
   * (OverflowError); here the range itself is refused, rather than given a wrong length.
   */
  @Test
  void rangeOfMoreElementsThanALongIsRefused() {
    Expect tooMany = runtime("^range has too many elements \\(9223372036854775808\\)$");
    both("x = len(range(-(1 << 62), 1 << 62))\n", tooMany);
    both("def f():\n    for i in range(-(1 << 62), 1 << 62):\n        return i\nf()\n", tooMany);
    both("x = range(1 << 62, -(1 << 62), -1)\n", tooMany);
    both("x = len(range(-(1 << 63), (1 << 63) - 1))\n",
        runtime("^range has too many elements \\(18446744073709551615\\)$"));
  }

  /** Indexing goes through an int position, so a range beyond an int's count refuses it. */
  @Test
  void hugeRangeIndex() {
    both("x = range(1000000000000)[100000000000]\n", runtime(
        "^range has too many elements \\(1000000000000\\) for this operation$"));
    both("assert_eq(range(2147483647)[-1], 2147483646)\n", OK);
  }

  @Test
  void hugeRangeList() {
    both("x = list(range(1000000000000))\n",
        runtime("^too many elements: 1000000000000 \\(at most 33554432\\)$"));
  }

  @Test
  void hugeStringSplit() {
    both("x = ('a ' * 300000).split()\ny = len(x)\nassert_eq(y, 300000)\n", OK);
  }

  // ---- deep data built at run time ----

  @Test
  void deeplyNestedListPrinted() {
    run(Dialect.PANTS, "x = []\nfor i in range(50000):\n    x = [x]\ny = str(x)\n",
        runtime("^cannot print " + NESTED_TOO_DEEP), DEEP_STACK);
  }

  @Test
  void deeplyNestedListCompared() {
    run(Dialect.PANTS,
        "x = []\ny = []\nfor i in range(50000):\n    x = [x]\n    y = [y]\nz = x == y\n",
        runtime("^cannot compare " + NESTED_TOO_DEEP), DEEP_STACK);
  }

  @Test
  void deeplyNestedDictHashedAndSorted() {
    run(Dialect.PANTS,
        "x = ()\nfor i in range(50000):\n    x = (x,)\nh = hash(str(1))\ns = {x: 1}\n",
        runtime("^cannot hash " + NESTED_TOO_DEEP), DEEP_STACK);
  }

  @Test
  void deeplyNestedTuplesSorted() {
    run(Dialect.PANTS,
        "x = ()\ny = ()\nfor i in range(50000):\n    x = (x,)\n    y = (y,)\nz = sorted([x, y])\n",
        runtime("^cannot compare " + NESTED_TOO_DEEP), DEEP_STACK);
  }

  /** A list that contains itself prints as Python prints it, and equals itself. */
  @Test
  void selfContainingList() {
    both("def f():\n    x = [1]\n    x.append(x)\n    assert_eq(str(x), '[1, [...]]')\n"
        + "    assert_eq(repr(x), '[1, [...]]')\n    assert_eq(x == x, True)\nf()\n", OK);
  }

  @Test
  void selfContainingDict() {
    both("def f():\n    d = {}\n    d['d'] = d\n    assert_eq(str(d), '{\"d\": {...}}')\n"
        + "    assert_eq(d == d, True)\nf()\n", OK);
  }

  // ---- values nested deeper than the operations that walk them allow ----

  private static final String NESTED_TOO_DEEP = "a value nested more than 1000 levels deep$";

  private static final Expect TOO_DEEP = runtime("^cannot \\w+ " + NESTED_TOO_DEEP);

  /**
   * The stack of the threads that evaluate BUILD files and {@code mirror starlark} files is much
   * larger than the JVM's default, on which 1000 levels of a dict being printed (interpreted, not
   * yet compiled) can overflow first: still an error, but not the one these tests expect.
   */
  private static final long DEEP_STACK = 16L << 20;

  private static void deepBoth(String text) {
    run(Dialect.STARLARK, text, TOO_DEEP, DEEP_STACK);
    run(Dialect.PANTS, text, TOO_DEEP, DEEP_STACK);
  }

  /**
   * Makes {@code x} (and {@code y}, equal to it) 45,000 levels deep in a function (the harness
   * allows 100,000 steps), then runs {@code use}.
   */
  private static String deep(String open, String close, String use) {
    String empty = open.startsWith("(") ? "()" : open.startsWith("{") ? "{}" : "[]";
    return "def f():\n    x = " + empty + "\n    y = " + empty + "\n"
        + "    for i in range(45000):\n        x = " + open + "x" + close + "\n        y = "
        + open + "y" + close + "\n    " + use + "\nf()\n";
  }

  @Test
  void deepListPrintedIsAnErrorAndQuick() {
    withinSeconds(5, () -> deepBoth(deep("[", "]", "s = str(x)")));
    withinSeconds(5, () -> deepBoth(deep("[", "]", "s = repr(x)")));
    withinSeconds(5, () -> deepBoth(deep("[", "]", "s = '%s' % (x,)")));
    withinSeconds(5, () -> run(Dialect.PANTS,
        "x = []\nfor i in range(90000):\n    x = [x]\ns = str(x)\n", TOO_DEEP, DEEP_STACK));
  }

  @Test
  void deepDictPrintedIsAnError() {
    withinSeconds(5, () -> deepBoth(deep("{1: ", "}", "s = str(x)")));
  }

  @Test
  void deepListsComparedAreAnError() {
    withinSeconds(5, () -> deepBoth(deep("[", "]", "z = x == y")));
    withinSeconds(5, () -> deepBoth(deep("[", "]", "z = x < y")));
    withinSeconds(5, () -> deepBoth(deep("[", "]", "z = x in [y]")));
    withinSeconds(5, () -> deepBoth(deep("[", "]", "z = sorted([x, y])")));
    withinSeconds(5, () -> deepBoth(deep("{1: ", "}", "z = x == y")));
  }

  @Test
  void deepTuplesHashedAreAnError() {
    withinSeconds(5, () -> deepBoth(deep("(", ",)", "z = {x: 1}")));
    withinSeconds(5, () -> deepBoth(deep("(", ",)", "z = set([x])")));
    withinSeconds(5, () -> deepBoth(deep("(", ",)", "z = x == y")));
    withinSeconds(5, () -> deepBoth(deep("(", ",)", "z = x < y")));
  }

  @Test
  void printingIsBoundedLikeOtherStrings() {
    both("def f():\n    x = ['a' * 1000000] * 100\n    return str(x)\nf()\n",
        runtime("^string too large: \\d+ characters \\(at most 67108864\\)$"));
  }

  @Test
  void listsThatContainThemselvesComparedAreAnError() {
    deepBoth("def f():\n    x = []\n    x.append(x)\n    y = []\n    y.append(y)\n    x == y\n"
        + "f()\n");
  }

  @Test
  void aValueNestedJustWithinTheLimitWorks() {
    for (String text : List.of(
        "def f():\n    x = []\n    y = []\n    for i in range(999):\n        x = [x]\n"
            + "        y = [y]\n    if x != y or not (x <= y) or len(str(x)) != 2000:\n"
            + "        fail('wrong')\nf()\n",
        "def f():\n    x = ()\n    for i in range(999):\n        x = (x,)\n"
            + "    return {x: 1}\nf()\n")) {
      for (Dialect dialect : List.of(Dialect.STARLARK, Dialect.PANTS)) {
        run(dialect, text, OK, DEEP_STACK);
      }
    }
  }

  // ---- helpers ----

  /** What an evaluation must come to: success (kind null), or an error of this kind and message. */
  private record Expect(Kind kind, Pattern message) {}

  private static final Expect OK = new Expect(null, null);

  private static Expect syntax(String regex) {
    return new Expect(Kind.SYNTAX, Pattern.compile(regex));
  }

  private static Expect runtime(String regex) {
    return new Expect(Kind.RUNTIME, Pattern.compile(regex));
  }

  private static void withinSeconds(int seconds, Runnable test) {
    long start = System.nanoTime();
    test.run();
    long took = (System.nanoTime() - start) / 1_000_000L;
    if (took > seconds * 1000L) {
      fail("took " + took + " ms, more than " + seconds + " s");
    }
  }

  private static void both(String text, Expect expected) {
    run(Dialect.STARLARK, text, expected);
    run(Dialect.PANTS, text, expected);
  }

  private static void run(Dialect dialect, String text, Expect expected) {
    run(dialect, text, expected, 0);
  }

  /** Evaluates {@code text}; fails on a crash, a hang, or any outcome but the expected one. */
  private static void run(Dialect dialect, String text, Expect expected, long stackSize) {
    Harness.Outcome o = assertTimeoutPreemptively(Duration.ofMillis(LIMIT_MS + 5_000),
        () -> Harness.run(dialect, text, LIMIT_MS, stackSize));
    if (o.isBug()) {
      Harness.record(NAME, dialect, text, o);
      AssertionError failure = new AssertionError(Harness.describe(dialect, text, o));
      if (o instanceof Harness.Crash c) {
        failure.initCause(c.error());
      }
      throw failure;
    }
    if (expected.kind() == null) {
      if (o instanceof Harness.Failed f) {
        fail("expected success in the " + dialect + " dialect, got " + f.error().kind() + ": "
            + f.error().getMessage() + "\nfor:\n" + Harness.abbreviate(text));
      }
      return;
    }
    if (o instanceof Harness.Ok) {
      fail("evaluation succeeded in the " + dialect + " dialect, but a " + expected.kind()
          + " error matching /" + expected.message() + "/ was expected, for:\n"
          + Harness.abbreviate(text));
    }
    StarlarkException e = ((Harness.Failed) o).error();
    if (e.kind() != expected.kind() || !expected.message().matcher(e.getMessage()).find()) {
      fail("expected a " + expected.kind() + " error matching /" + expected.message() + "/ in the "
          + dialect + " dialect, got " + e.kind() + ": " + e.getMessage());
    }
  }

  @AfterAll
  static void writeFindings() {
    Harness.writeFindings(NAME, false); // each input is already as small as its test
  }
}
