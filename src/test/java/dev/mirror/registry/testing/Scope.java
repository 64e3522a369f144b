package dev.mirror.registry.testing;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One access scope of the registry token protocol, {@code repository:library/alpine:pull,push}:
 * a resource type, a name and the actions asked for (or granted).
 */
public record Scope(String type, String name, Set<String> actions) {
  public Scope {
    actions = Set.copyOf(actions);
  }

  /**
   * Parses {@code type:name:actions}. The name sits between the first and the last colon: a
   * repository name has no colon, but a type may carry a class, as in {@code repository(plugin)}.
   */
  public static Scope parse(String text) {
    int first = text.indexOf(':');
    int last = text.lastIndexOf(':');
    if (first < 0 || last == first) {
      throw new IllegalArgumentException("scope is not type:name:actions: " + text);
    }
    Set<String> actions = new LinkedHashSet<>();
    for (String action : text.substring(last + 1).split(",")) {
      if (!action.isBlank()) {
        actions.add(action.strip());
      }
    }
    return new Scope(text.substring(0, first), text.substring(first + 1, last), actions);
  }

  public static Scope repository(String name, String... actions) {
    return new Scope("repository", name, Set.of(actions));
  }

  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions.stream().sorted().toList());
  }
}
