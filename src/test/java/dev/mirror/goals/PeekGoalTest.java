package dev.mirror.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mirror.targets.Address;
import dev.mirror.targets.Origin;
import dev.mirror.targets.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeekGoalTest {

  private static Target files(Object sources) {
    return new Target(Address.parse("//a:f"), "files", Map.of("sources", sources),
        new Origin("a/BUILD", 1, 1), List.of(), false);
  }

  private static Object nested(int depth) {
    List<Object> x = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      List<Object> outer = new ArrayList<>();
      outer.add(x);
      x = outer;
    }
    return x;
  }

  @Test
  void showsNestedValues() throws IOException {
    assertEquals("[\n  {\n    \"address\": \"a:f\",\n    \"target_type\": \"files\",\n"
        + "    \"dependencies\": [],\n    \"sources\": [\n      [\n        []\n      ]\n    ]\n"
        + "  }\n]\n", PeekGoal.render(List.of(files(nested(2))), false));
  }

  @Test
  void aValueTooDeepToShowIsAnErrorNamingTheTargetAndField() {
    IOException e = assertThrows(IOException.class,
        () -> PeekGoal.render(List.of(files(nested(100_000))), false));
    assertEquals("cannot show the 'sources' field of a:f: its value is nested more than 1000"
        + " levels deep", e.getMessage());
  }
}
