package dev.mirror.specs;

import dev.mirror.targets.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The targets of each directory one resolution needs, loaded once. A directory whose BUILD files
 * (or an ancestor's) fail to evaluate is recorded and resolution goes on, so that one run reports
 * every broken BUILD file the specs need, not just the first.
 */
final class DirectoryLoader {
  private final TargetSource source;
  private final Map<String, Optional<List<Target>>> loaded = new HashMap<>();
  private final List<TargetSource.LoadException> failures = new ArrayList<>();

  DirectoryLoader(TargetSource source) {
    this.source = source;
  }

  /**
   * The targets residing in {@code dir}: empty when it has no BUILD files, absent when they could
   * not be evaluated (the failure is kept for {@link #failure()}).
   */
  Optional<List<Target>> targetsIn(String dir) {
    Optional<List<Target>> cached = loaded.get(dir);
    if (cached != null) {
      return cached;
    }
    Optional<List<Target>> result;
    if (!source.hasBuildFiles(dir)) {
      result = Optional.of(List.of()); // Pants evaluates only directories with BUILD files
    } else {
      try {
        result = Optional.of(List.copyOf(source.targetsIn(dir)));
      } catch (TargetSource.LoadException e) {
        failures.add(e);
        result = Optional.empty();
      }
    }
    loaded.put(dir, result);
    return result;
  }

  boolean failed() {
    return !failures.isEmpty();
  }

  /**
   * Every load failure seen: the exception itself when there was one, else one exception with
   * the distinct problems in the order met (directories sharing a broken ancestor repeat it).
   */
  TargetSource.LoadException failure() {
    if (failures.size() == 1) {
      return failures.get(0);
    }
    Set<String> problems = new LinkedHashSet<>();
    failures.forEach(f -> problems.addAll(f.problems()));
    return new TargetSource.LoadException(new ArrayList<>(problems));
  }
}
