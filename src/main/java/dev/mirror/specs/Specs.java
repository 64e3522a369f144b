package dev.mirror.specs;

import java.util.List;

/**
 * The specs of one command line: includes and ignores ({@code -spec}), each in argument order.
 * The result of resolving them is (union of includes) minus (union of ignores).
 */
public record Specs(List<Spec> includes, List<Spec> ignores) {
  public Specs {
    includes = List.copyOf(includes);
    ignores = List.copyOf(ignores);
  }

  public boolean isEmpty() {
    return includes.isEmpty() && ignores.isEmpty();
  }
}
