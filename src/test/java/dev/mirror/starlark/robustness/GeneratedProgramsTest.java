package dev.mirror.starlark.robustness;

import dev.mirror.starlark.syntax.Dialect;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random, syntactically plausible programs (see {@link ProgramArbitraries}) in both dialects
 * must evaluate, or fail with a StarlarkException: never another exception, never a hang.
 * Failing programs are shrunk by jqwik; the distinct failures are also reduced and written to
 * {@code target/robustness-findings/GeneratedProgramsTest.txt}.
 */
class GeneratedProgramsTest {

  private static final String NAME = "GeneratedProgramsTest";

  private static final ProgramArbitraries STARLARK = new ProgramArbitraries(Dialect.STARLARK, false);
  private static final ProgramArbitraries PANTS = new ProgramArbitraries(Dialect.PANTS, false);

  @Property
  void starlarkProgramsFailOnlyWithStarlarkErrors(@ForAll("starlarkPrograms") String program) {
    check(Dialect.STARLARK, program);
  }

  @Property
  void pantsProgramsFailOnlyWithStarlarkErrors(@ForAll("pantsPrograms") String program) {
    check(Dialect.PANTS, program);
  }

  @Property
  void starlarkExpressionsFailOnlyWithStarlarkErrors(@ForAll("starlarkExpressions") String program) {
    check(Dialect.STARLARK, program);
  }

  @Property
  void pantsExpressionsFailOnlyWithStarlarkErrors(@ForAll("pantsExpressions") String program) {
    check(Dialect.PANTS, program);
  }

  /** % and str.format with random format strings over random values, in both dialects. */
  @Property
  void formattingFailsOnlyWithStarlarkErrors(@ForAll("formatting") String program,
      @ForAll("dialects") Dialect dialect) {
    check(dialect, program);
  }

  private static void check(Dialect dialect, String program) {
    Harness.Outcome o = Harness.check(NAME, dialect, program);
    Statistics.label("outcome").collect(o.label());
  }

  @Provide
  Arbitrary<String> starlarkPrograms() {
    return STARLARK.program();
  }

  @Provide
  Arbitrary<String> pantsPrograms() {
    return PANTS.program();
  }

  @Provide
  Arbitrary<String> starlarkExpressions() {
    return STARLARK.expressionProgram();
  }

  @Provide
  Arbitrary<String> pantsExpressions() {
    return PANTS.expressionProgram();
  }

  @Provide
  Arbitrary<Dialect> dialects() {
    return Arbitraries.of(Dialect.STARLARK, Dialect.PANTS);
  }

  @Provide
  Arbitrary<String> formatting() {
    Arbitrary<String> value = STARLARK.expr(ProgramArbitraries.LITERALS, 1);
    Arbitrary<String> values = value.list().ofMaxSize(3).map(l -> String.join(", ", l));
    Arbitrary<String> one = Combinators.combine(STARLARK.formatString(), value, values,
            Arbitraries.integers().between(0, 4))
        .as((fmt, v, vs, form) -> switch (form) {
          case 0 -> fmt + " % " + v;
          case 1 -> fmt + " % (" + vs + (vs.isEmpty() ? ")" : ",)");
          case 2 -> fmt + " % {\"k\": " + v + ", \"x\": " + v + "}";
          case 3 -> fmt + ".format(" + vs + ")";
          default -> fmt + ".format(" + vs + (vs.isEmpty() ? "" : ", ") + "k=" + v + ", x=" + v + ")";
        });
    return one.list().ofMinSize(1).ofMaxSize(4).map(l -> {
      StringBuilder sb = new StringBuilder();
      for (String x : l) {
        sb.append("probe(lambda: ").append(x).append(")\n");
      }
      return sb.toString();
    });
  }

  @AfterContainer
  static void writeFindings() {
    Harness.writeFindings(NAME);
  }
}
