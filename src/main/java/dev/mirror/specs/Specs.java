package dev.mirror.specs;

import java.util.ArrayList;
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

  /**
   * The directories resolving these specs will read targets from (ignores included), so that a
   * loader can start evaluating them all at once. File specs read none.
   */
  public List<String> directoriesToLoad(TargetSource source) {
    List<String> dirs = new ArrayList<>();
    List<Spec> all = new ArrayList<>(includes);
    all.addAll(ignores);
    for (Spec spec : all) {
      if (spec instanceof Spec.RecursiveGlob glob) {
        dirs.addAll(source.buildDirectoriesUnder(glob.dir()));
      } else if (spec instanceof Spec.DirGlob glob) {
        dirs.add(glob.dir());
      } else if (spec instanceof Spec.DirLiteral literal) {
        dirs.add(literal.dir());
      } else if (spec instanceof Spec.AddressLiteral literal) {
        dirs.add(literal.address().specPath());
      }
    }
    return dirs;
  }
}
