package dev.mirror.targets;

import dev.mirror.registry.RepositoryName;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repository names read so far, by their text: one run's memo, shared by the threads that load
 * BUILD files. A tree names few repositories many times (every variant of a generator, every
 * image of a team), and {@link RepositoryName#parse} compiles its patterns on each call (about
 * 2 µs). Measured on 30,000 images naming 300 sources and 15,000 destinations: without the memo,
 * validation took 150 ms of CPU where the old precompiled pattern took 80 ms; with it, 55 ms.
 */
public final class RepositoryNames {
  private final Map<String, RepositoryName> valid = new ConcurrentHashMap<>();

  /** The name {@code text} reads as, or null when {@code check} refuses it (not remembered). */
  RepositoryName get(String text, java.util.function.Function<String, RepositoryName> check) {
    RepositoryName known = valid.get(text);
    if (known != null) {
      return known;
    }
    RepositoryName name = check.apply(text);
    if (name != null) {
      valid.put(text, name);
    }
    return name;
  }
}
