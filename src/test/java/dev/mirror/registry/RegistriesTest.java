package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistriesTest {
  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().endsWith("-SelectorManager")).collect(Collectors.toSet());
  }

  @Test
  void closeEndsItsOwnHttpClientsSelectorThreadOnly() throws Exception {
    Set<Thread> before = selectorThreads();
    Registries registries = new Registries(new RegistryOptions(Set.of(), null,
        Path.of("/nonexistent/mirror-test/config.json"), RetryPolicy.DEFAULT), Map.of());
    Registries other = new Registries(new RegistryOptions(Set.of(), null,
        Path.of("/nonexistent/mirror-test/config.json"), RetryPolicy.DEFAULT), Map.of());
    try {
      Set<Thread> started = new HashSet<>(selectorThreads());
      started.removeAll(before);
      assertEquals(2, started.size(), started.toString());

      registries.close();
      Set<Thread> ended = new HashSet<>();
      for (Thread thread : started) {
        thread.join(200);
        if (!thread.isAlive()) {
          ended.add(thread);
        }
      }
      assertEquals(1, ended.size(), "threads ended: " + ended);
      started.removeAll(ended);
      assertFalse(started.isEmpty() || !started.iterator().next().isAlive(),
          "the other client's selector thread still runs");
    } finally {
      other.close();
    }
  }
}
