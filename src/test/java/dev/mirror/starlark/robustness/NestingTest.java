package dev.mirror.starlark.robustness;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.syntax.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested, very long and resource-hungry inputs: each must end in a StarlarkException (or
 * succeed, where it legitimately can) within a few seconds; never a StackOverflowError, an
 * OutOfMemoryError or another Java exception, and never a hang.
 */
class NestingTest {

  private static final String NAME = "NestingTest";

  /** How long one evaluation may run before it counts as a hang. */
  private static final long LIMIT_MS = 10_000;

  private static final Pattern ANY = Pattern.compile("");

  // ---- deeply nested expressions ----

  @Test
  void nestedParentheses() {
    both("(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n");
  }

  @Test
  void nestedParenthesesAssigned() {
    both("x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n");
  }

  @Test
  void unclosedParentheses() {
    both("x = " + "(".repeat(10_000) + "1\n");
  }

  @Test
  void unopenedParentheses() {
    both("x = 1" + ")".repeat(10_000) + "\n");
  }

  @Test
  void nestedLists() {
    both("x = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
  }

  @Test
  void nestedListsWithElements() {
    both("x = " + "[1, ".repeat(10_000) + "2" + "]".repeat(10_000) + "\n");
  }

  @Test
  void nestedDicts() {
    both("x = " + "{'a': ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n");
  }

  @Test
  void nestedTuples() {
    both("x = " + "(1, ".repeat(10_000) + "2" + ")".repeat(10_000) + "\n");
  }

  @Test
  void nestedCalls() {
    both("x = " + "str(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n");
  }

  @Test
  void longSum() {
    both("x = 1" + "+1".repeat(100_000) + "\n");
  }

  @Test
  void longStringConcatenation() {
    both("x = 'a'" + " + 'a'".repeat(100_000) + "\n");
  }

  @Test
  void longBooleanChain() {
    both("x = True" + " and True".repeat(50_000) + " or False".repeat(50_000) + "\n");
  }

  @Test
  void longComparisonChain() {
    both("x = 1" + " < 1".repeat(10_000) + "\n");
  }

  @Test
  void longIndexChain() {
    both("x = [[]]\ny = x" + "[0]".repeat(10_000) + "\n");
  }

  @Test
  void longAttributeChain() {
    both("x = 'a'" + ".upper()".repeat(10_000) + "\n");
  }

  @Test
  void longCallChain() {
    both("x = len" + "()".repeat(10_000) + "\n");
  }

  @Test
  void nestedNot() {
    both("x = True\ny = " + "not ".repeat(10_000) + "x\n");
  }

  @Test
  void nestedUnaryMinus() {
    both("x = " + "-".repeat(10_000) + "1\n");
  }

  @Test
  void nestedUnaryMinusSpaced() {
    both("x = " + "- ".repeat(10_000) + "1\n");
  }

  @Test
  void nestedTilde() {
    both("x = " + "~".repeat(10_000) + "1\n");
  }

  @Test
  void nestedConditionals() {
    both("x = 1" + " if True else 1".repeat(10_000) + "\n");
  }

  @Test
  void nestedLambdas() {
    both("f = " + "lambda: ".repeat(5_000) + "1\n");
  }

  @Test
  void nestedLambdasCalled() {
    both("f = " + "(lambda: ".repeat(2_000) + "1" + ")".repeat(2_000) + "\nx = f" + "()".repeat(2_000)
        + "\n");
  }

  @Test
  void nestedComprehensions() {
    both("x = " + "[".repeat(3_000) + "1" + " for _ in [1]]".repeat(3_000) + "\n");
  }

  @Test
  void nestedFStrings() {
    run(Dialect.PANTS, "x = " + "f'{".repeat(2_000) + "1" + "}'".repeat(2_000) + "\n", ANY);
  }

  @Test
  void nestedFormatSpecs() {
    run(Dialect.PANTS, "x = f'{1:" + "{1:".repeat(5_000) + "}".repeat(5_001) + "'\n", ANY);
  }

  // ---- deeply nested statements ----

  @Test
  void nestedIfBlocks() {
    StringBuilder sb = new StringBuilder("def f():\n");
    for (int i = 0; i < 5_000; i++) {
      sb.append(" ".repeat(i + 1)).append("if True:\n");
    }
    sb.append(" ".repeat(5_001)).append("pass\n");
    both(sb.toString());
  }

  @Test
  void nestedIfBlocksAtTopLevel() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      sb.append(" ".repeat(i)).append("if True:\n");
    }
    sb.append(" ".repeat(5_000)).append("x = 1\n");
    run(Dialect.PANTS, sb.toString(), ANY);
  }

  @Test
  void nestedIfBlocksWithTabs() {
    StringBuilder sb = new StringBuilder("def f():\n");
    for (int i = 0; i < 5_000; i++) {
      sb.append("\t".repeat(i + 1)).append("if True:\n");
    }
    sb.append("\t".repeat(5_001)).append("pass\n");
    both(sb.toString());
  }

  @Test
  void nestedForLoops() {
    StringBuilder sb = new StringBuilder("def f():\n");
    for (int i = 0; i < 3_000; i++) {
      sb.append(" ".repeat(i + 1)).append("for x").append(i).append(" in [1]:\n");
    }
    sb.append(" ".repeat(3_001)).append("pass\nf()\n");
    both(sb.toString());
  }

  @Test
  void nestedDefs() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      sb.append(" ".repeat(i)).append("def f").append(i).append("():\n");
    }
    sb.append(" ".repeat(3_000)).append("return 1\n");
    both(sb.toString());
  }

  @Test
  void nestedClasses() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      sb.append(" ".repeat(i)).append("class C").append(i).append(":\n");
    }
    sb.append(" ".repeat(3_000)).append("x = 1\n");
    run(Dialect.PANTS, sb.toString(), ANY);
  }

  @Test
  void deepIndentationAlone() {
    both("def f():\n" + " ".repeat(1_000_000) + "return 1\nf()\n");
  }

  // ---- long inputs ----

  @Test
  void megabyteStringLiteral() {
    both("x = '" + "a".repeat(1 << 20) + "'\ny = len(x)\n");
  }

  @Test
  void megabyteStringLiteralOfEscapes() {
    both("x = '" + "\\x41\\n\\u00e9".repeat(100_000) + "'\n");
  }

  @Test
  void unterminatedMegabyteString() {
    both("x = '" + "a".repeat(1 << 20) + "\n");
  }

  @Test
  void megabyteTripleQuotedString() {
    both("x = '''" + "a\n".repeat(1 << 19) + "'''\n");
  }

  @Test
  void megabyteIdentifier() {
    both("a" + "b".repeat(1 << 20) + " = 1\n");
  }

  @Test
  void megabyteComment() {
    both("# " + "c".repeat(1 << 20) + "\nx = 1\n");
  }

  @Test
  void megabyteIntLiteral() {
    both("x = " + "9".repeat(1 << 20) + "\n");
  }

  @Test
  void hugeIntLiteralPrinted() {
    both("x = " + "9".repeat(100_000) + "\ny = str(x)\n");
  }

  @Test
  void hugeFloatLiteral() {
    both("x = 0." + "1".repeat(1 << 20) + "e1\n");
  }

  @Test
  void longListLiteral() {
    both("x = [" + "1, ".repeat(200_000) + "]\n");
  }

  @Test
  void manyArguments() {
    both("x = max(" + "1, ".repeat(100_000) + ")\n");
  }

  @Test
  void manyParameters() {
    StringBuilder sb = new StringBuilder("def f(");
    for (int i = 0; i < 20_000; i++) {
      sb.append("p").append(i).append(", ");
    }
    both(sb.append("):\n  return 1\n").toString());
  }

  @Test
  void manyStatements() {
    both("x = 1\n".repeat(50_000));
  }

  @Test
  void manyDistinctGlobals() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      sb.append("x").append(i).append(" = ").append(i).append('\n');
    }
    both(sb.toString());
  }

  @Test
  void manyAdjacentStrings() {
    run(Dialect.PANTS, "x = " + "'a' ".repeat(100_000) + "\n", ANY);
  }

  // ---- runtime limits ----

  @Test
  void unboundedRecursionInPants() {
    run(Dialect.PANTS, "def f():\n    return f()\nf()\n",
        Pattern.compile("(?i)recurs|depth|stack"));
  }

  @Test
  void mutualRecursionInPants() {
    run(Dialect.PANTS, "def f(n):\n    return g(n + 1)\ndef g(n):\n    return f(n)\nf(0)\n",
        Pattern.compile("(?i)recurs|depth|stack"));
  }

  @Test
  void recursionThroughLambdaInPants() {
    run(Dialect.PANTS, "f = lambda: f()\nf()\n", Pattern.compile("(?i)recurs|depth|stack"));
  }

  @Test
  void recursionInStarlarkIsAnError() {
    run(Dialect.STARLARK, "def f():\n    return f()\nf()\n", Pattern.compile("(?i)recurs"));
  }

  @Test
  void recursionThroughSortedKey() {
    run(Dialect.PANTS, "def f(x):\n    return sorted([1, 2], key=f)\nf(1)\n",
        Pattern.compile("(?i)recurs|depth|stack"));
  }

  /**
   * {@code range(10**12)} (written as a literal: the language has no {@code **}) may be refused
   * up front ("range has too many elements"), or stopped by the step limit.
   */
  @Test
  void hugeRangeLoopAtTopLevelInPants() {
    withinSeconds(5, () -> run(Dialect.PANTS, "for i in range(1000000000000):\n    pass\n",
        Pattern.compile("(?i)steps|too many elements")));
  }

  /** The largest range the interpreter accepts: only the step limit can stop this loop. */
  @Test
  void largestRangeLoopAtTopLevelInPantsHitsStepLimit() {
    withinSeconds(5, () -> run(Dialect.PANTS, "for i in range(2147483647):\n    pass\n",
        Pattern.compile("(?i)steps")));
  }

  @Test
  void nestedLoopsHitStepLimit() {
    withinSeconds(5, () -> both("def f():\n    for i in range(100000):\n        for j in range(100000):\n"
        + "            pass\nf()\n", Pattern.compile("(?i)steps")));
  }

  @Test
  void whileTrueInPants() {
    run(Dialect.PANTS, "while True:\n    pass\n", Pattern.compile("(?i)steps"));
  }

  @Test
  void hugeRangeLoopInFunction() {
    both("def f():\n    for i in range(1000000000000):\n        pass\nf()\n",
        Pattern.compile("(?i)steps|too many elements"));
  }

  @Test
  void comprehensionOverLargestRangeHitsStepLimit() {
    withinSeconds(5, () -> both("x = [i for i in range(2147483647)]\n",
        Pattern.compile("(?i)steps")));
  }

  @Test
  void comprehensionOverLongStringHitsStepLimit() {
    withinSeconds(5, () -> run(Dialect.PANTS, "x = [c for c in 'ab' * 10000000]\n",
        Pattern.compile("(?i)steps")));
  }

  @Test
  void emptyStringRepeatedBeyondIntRange() {
    both("x = '' * 2854775807\n");
  }

  @Test
  void emptyCollectionsRepeatedBeyondIntRange() {
    both("x = () * 2854775807\ny = b'' * 2854775807\nz = [] * 2854775807\n");
  }

  /** Repeating an empty list is free, so twenty of them must not take long. */
  @Test
  void emptyListRepeatedManyTimes() {
    withinSeconds(5, () -> run(Dialect.PANTS,
        "for i in range(20):\n    x = [] * 2147483647\n", ANY));
  }

  @Test
  void hugeFormatWidthIterated() {
    both("x = [c for c in '%999999999d' % 1]\n");
  }

  @Test
  void hugeRangeInComprehension() {
    both("x = [i for i in range(1000000000000)]\n", Pattern.compile("(?i)steps|memory|large|too"));
  }

  @Test
  void hugeListRepetition() {
    both("x = [1] * 1000000000\n", ANY_ERROR);
  }

  @Test
  void hugeListRepetitionReversed() {
    both("x = 1000000000 * [1, 2]\n", ANY_ERROR);
  }

  @Test
  void hugeTupleRepetition() {
    both("x = (1,) * 1000000000\n", ANY_ERROR);
  }

  @Test
  void hugeStringRepetition() {
    both("x = 'a' * (1000000000000)\n", ANY_ERROR);
  }

  @Test
  void hugeStringRepetitionWithinIntRange() {
    both("x = 'abcd' * 1000000000\n", ANY_ERROR);
  }

  @Test
  void hugeBytesRepetition() {
    both("x = b'a' * (1000000000000)\n", ANY_ERROR);
  }

  @Test
  void repeatedDoubling() {
    both("def f():\n    x = 'a'\n    for i in range(64):\n        x = x + x\nf()\n", ANY_ERROR);
  }

  @Test
  void repeatedListDoubling() {
    both("def f():\n    x = [1]\n    for i in range(64):\n        x += x\nf()\n", ANY_ERROR);
  }

  @Test
  void hugeShift() {
    both("x = 1 << 1000000000\n", ANY_ERROR);
  }

  @Test
  void repeatedShifts() {
    both("def f():\n    x = 1\n    for i in range(100):\n        x = x << 100000000\nf()\n",
        ANY_ERROR);
  }

  @Test
  void hugeIntMultiplication() {
    both("def f():\n    x = 3\n    for i in range(64):\n        x = x * x\nf()\n", ANY_ERROR);
  }

  @Test
  void hugeFormatWidth() {
    both("x = '%999999999d' % 1\n", ANY);
  }

  @Test
  void hugeFormatPrecision() {
    both("x = '%.999999999f' % 1.5\n", ANY);
  }

  @Test
  void hugeStrFormatWidth() {
    both("x = '{:999999999}'.format(1)\n", ANY);
  }

  @Test
  void hugeJoin() {
    both("x = ','.join(['a' * 1000000] * 100000)\n", ANY);
  }

  @Test
  void hugeReplace() {
    both("x = ('a' * 100000).replace('a', 'b' * 100000)\n", ANY);
  }

  @Test
  void hugeRangeLen() {
    both("x = len(range(-(1 << 62), 1 << 62))\ny = range(1000000000000)[100000000000]\n", ANY);
  }

  @Test
  void hugeRangeList() {
    both("x = list(range(1000000000000))\n", ANY_ERROR);
  }

  @Test
  void hugeStringSplit() {
    both("x = ('a ' * 300000).split()\ny = len(x)\n", ANY);
  }

  // ---- deep data built at run time ----

  @Test
  void deeplyNestedListPrinted() {
    run(Dialect.PANTS, "x = []\nfor i in range(50000):\n    x = [x]\ny = str(x)\n", ANY);
  }

  @Test
  void deeplyNestedListCompared() {
    run(Dialect.PANTS,
        "x = []\ny = []\nfor i in range(50000):\n    x = [x]\n    y = [y]\nz = x == y\n", ANY);
  }

  @Test
  void deeplyNestedDictHashedAndSorted() {
    run(Dialect.PANTS,
        "x = ()\nfor i in range(50000):\n    x = (x,)\nh = hash(str(1))\ns = {x: 1}\n", ANY);
  }

  @Test
  void deeplyNestedTuplesSorted() {
    run(Dialect.PANTS,
        "x = ()\ny = ()\nfor i in range(50000):\n    x = (x,)\n    y = (y,)\nz = sorted([x, y])\n",
        ANY);
  }

  @Test
  void selfContainingList() {
    both("def f():\n    x = [1]\n    x.append(x)\n    return str(x), x == x, repr(x)\nf()\n", ANY);
  }

  @Test
  void selfContainingDict() {
    both("def f():\n    d = {}\n    d['d'] = d\n    return str(d), d == d\nf()\n", ANY);
  }

  // ---- values nested deeper than the operations that walk them allow ----

  private static final Pattern TOO_DEEP = Pattern.compile("nested more than 1000 levels deep");

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
        Pattern.compile("string too large"));
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
        Harness.Outcome o = Harness.run(dialect, text, LIMIT_MS, DEEP_STACK);
        if (!(o instanceof Harness.Ok)) {
          fail(Harness.describe(dialect, text, o));
        }
      }
    }
  }

  // ---- helpers ----

  private static void withinSeconds(int seconds, Runnable test) {
    long start = System.nanoTime();
    test.run();
    long took = (System.nanoTime() - start) / 1_000_000L;
    if (took > seconds * 1000L) {
      fail("took " + took + " ms, more than " + seconds + " s");
    }
  }

  /** Any StarlarkException, but not success. */
  private static final Pattern ANY_ERROR = Pattern.compile("(?s).*");

  private static void both(String text) {
    run(Dialect.STARLARK, text, ANY);
    run(Dialect.PANTS, text, ANY);
  }

  private static void both(String text, Pattern expected) {
    run(Dialect.STARLARK, text, expected);
    run(Dialect.PANTS, text, expected);
  }

  /**
   * Evaluates {@code text}; fails on a crash or a hang. With {@link #ANY}, success and any
   * StarlarkException pass; with another pattern, the evaluation must fail with a
   * StarlarkException whose message matches it.
   */
  private static void run(Dialect dialect, String text, Pattern expected) {
    run(dialect, text, expected, 0);
  }

  private static void run(Dialect dialect, String text, Pattern expected, long stackSize) {
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
    if (expected == ANY) {
      return;
    }
    if (o instanceof Harness.Ok) {
      fail("evaluation succeeded in the " + dialect + " dialect, but an error matching /"
          + expected + "/ was expected, for:\n" + Harness.abbreviate(text));
    }
    StarlarkException e = ((Harness.Failed) o).error();
    if (!expected.matcher(e.getMessage()).find()) {
      fail("expected an error matching /" + expected + "/ in the " + dialect + " dialect, got "
          + e.kind() + ": " + e.getMessage());
    }
  }

  @AfterAll
  static void writeFindings() {
    Harness.writeFindings(NAME, false); // each input is already as small as its test
  }
}
