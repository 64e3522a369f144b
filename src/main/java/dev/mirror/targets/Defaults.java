package dev.mirror.targets;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field defaults in force in a directory, as {@code __defaults__} sets them: values for all
 * target types ({@code all=}) and values for named types. Immutable: each call makes a new state,
 * and a directory's final state is what its subdirectories start from.
 *
 * <p>Pants expands {@code all=} into an entry per registered type; here {@code all} is kept
 * apart and applies to every type without an entry of its own, which gives the same answers
 * without knowing every other backend's types in advance.
 */
public record Defaults(Map<String, Object> all, Map<String, Map<String, Object>> byType) {

  public static final Defaults NONE = new Defaults(Map.of(), Map.of());

  public Defaults {
    all = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(all));
    byType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byType));
  }

  /** The defaults for a type: its own entry, or the {@code all} values it has fields for. */
  public Map<String, Object> forType(TargetType type) {
    Map<String, Object> own = byType.get(type.alias());
    return own != null ? own : filter(all, type);
  }

  /** The values of {@code values} that {@code type} has fields for (all, for opaque types). */
  static Map<String, Object> filter(Map<String, Object> values, TargetType type) {
    if (type.opaque()) {
      return values;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      type.field(e.getKey()).ifPresent(f -> out.put(f.name(), e.getValue()));
    }
    return out;
  }

  /**
   * Applies one {@code __defaults__} call. {@code perType} maps each mentioned type to its
   * values (already checked); {@code newAll} is the {@code all=} argument or null.
   * Without {@code extend}, a mentioned type's inherited defaults are replaced; with it, merged.
   */
  public Defaults apply(Map<TargetType, Map<String, Object>> perType, Map<String, Object> newAll,
      boolean extend, Collection<TargetType> knownTypes) {
    Map<String, Object> nextAll = new LinkedHashMap<>(all);
    Map<String, Map<String, Object>> next = new LinkedHashMap<>(byType);
    if (newAll != null) {
      if (extend) {
        nextAll.putAll(newAll);
        for (Map.Entry<String, Map<String, Object>> e : next.entrySet()) {
          TargetType t = typeOf(e.getKey(), knownTypes);
          Map<String, Object> merged = new LinkedHashMap<>(e.getValue());
          merged.putAll(filter(newAll, t));
          e.setValue(merged);
        }
      } else {
        // all= mentions every type: everything inherited is replaced.
        nextAll = new LinkedHashMap<>(newAll);
        next.clear();
      }
    }
    for (Map.Entry<TargetType, Map<String, Object>> e : perType.entrySet()) {
      TargetType t = e.getKey();
      Map<String, Object> base;
      if (extend) {
        Map<String, Object> own = next.get(t.alias());
        base = new LinkedHashMap<>(own != null ? own : filter(nextAll, t));
      } else {
        // Values from this call's all= stay; inherited ones go.
        base = new LinkedHashMap<>(newAll != null ? filter(newAll, t) : Map.of());
      }
      base.putAll(e.getValue());
      next.put(t.alias(), base);
    }
    return new Defaults(nextAll, next);
  }

  private static TargetType typeOf(String alias, Collection<TargetType> knownTypes) {
    for (TargetType t : knownTypes) {
      if (t.alias().equals(alias)) {
        return t;
      }
    }
    return TargetType.opaque(alias);
  }
}
