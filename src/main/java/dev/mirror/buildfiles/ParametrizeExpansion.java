package dev.mirror.buildfiles;

import dev.mirror.targets.Address;
import dev.mirror.targets.TargetException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a target call's {@code parametrize} values into one set of fields per combination:
 * {@code f=parametrize("a", "b")} gives {@code @f=a} and {@code @f=b}; several parametrized
 * fields give their cartesian product; {@code **parametrize("grp", ...)} groups are alternatives
 * of one more dimension, {@code @parametrize=grp}.
 */
final class ParametrizeExpansion {
  private ParametrizeExpansion() {}

  /** One dimension: the parameter's key and, per alias, the fields it sets. */
  private record Dimension(String key, Map<String, Map<String, Object>> choices) {}

  static List<Map.Entry<Map<String, String>, Map<String, Object>>> expand(
      Map<String, Object> given, BuildFileContext.Declaration d, String directory, String name)
      throws TargetException {
    Map<String, Object> plain = new LinkedHashMap<>();
    List<Dimension> dimensions = new ArrayList<>();
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : given.entrySet()) {
      if (e.getValue() instanceof Parametrize p) {
        if (p.isGroup()) {
          groups.put(p.group(), p.values());
        } else {
          Map<String, Map<String, Object>> choices = new LinkedHashMap<>();
          for (Map.Entry<String, Object> alias : p.values().entrySet()) {
            choices.put(alias.getKey(), Map.of(e.getKey(), alias.getValue()));
          }
          dimensions.add(new Dimension(e.getKey(), choices));
        }
        if (d.type.generator()) {
          String field = p.isGroup() ? p.values().keySet().iterator().next() : e.getKey();
          throw new TargetException(d.origin, "Only fields which will be moved to generated"
              + " targets may be parametrized, so target generator "
              + Address.of(directory, name) + " (with type " + d.type.alias()
              + ") cannot parametrize the '" + field + "' field.");
        }
      } else {
        plain.put(e.getKey(), e.getValue());
      }
    }
    if (!groups.isEmpty()) {
      dimensions.add(new Dimension("parametrize", groups));
    }
    List<Map.Entry<Map<String, String>, Map<String, Object>>> out = new ArrayList<>();
    out.add(new AbstractMap.SimpleEntry<>(new LinkedHashMap<>(), plain));
    for (Dimension dim : dimensions) {
      List<Map.Entry<Map<String, String>, Map<String, Object>>> next = new ArrayList<>();
      for (Map.Entry<Map<String, String>, Map<String, Object>> partial : out) {
        for (Map.Entry<String, Map<String, Object>> choice : dim.choices().entrySet()) {
          Map<String, String> params = new LinkedHashMap<>(partial.getKey());
          params.put(dim.key(), choice.getKey());
          Map<String, Object> fields = new LinkedHashMap<>(partial.getValue());
          fields.putAll(choice.getValue());
          next.add(new AbstractMap.SimpleEntry<>(params, fields));
        }
      }
      out = next;
    }
    return out;
  }
}
