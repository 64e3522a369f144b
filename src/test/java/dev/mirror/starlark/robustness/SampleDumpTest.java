package dev.mirror.starlark.robustness;

import dev.mirror.starlark.syntax.Dialect;
import org.junit.jupiter.api.Test;

class SampleDumpTest {
  @Test
  void dump() {
    ProgramArbitraries s = new ProgramArbitraries(Dialect.STARLARK);
    ProgramArbitraries p = new ProgramArbitraries(Dialect.PANTS);
    s.program().sampleStream().limit(3).forEach(x -> System.out.println("=== S\n" + x));
    p.program().sampleStream().limit(3).forEach(x -> System.out.println("=== P\n" + x));
    p.expressionProgram().sampleStream().limit(5).forEach(x -> System.out.println("=== PE\n" + x));
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    p.program().sampleStream().limit(300).forEach(x -> {
      Harness.Outcome o = Harness.run(Dialect.PANTS, x, 10000);
      String k = o.label();
      if (o instanceof Harness.Failed f) k += ": " + f.error().getMessage().replaceAll("[0-9]+", "N").replaceAll("'[^']*'", "'X'");
      counts.merge(k.length() > 90 ? k.substring(0, 90) : k, 1, Integer::sum);
    });
    counts.forEach((k, v) -> System.out.println(v + "\t" + k));
  }
}
