package dev.mirror.buildfiles;

import dev.mirror.starlark.eval.Mapping;
import dev.mirror.starlark.eval.Printer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code parametrize(...)} value. As a field value it gives the field one value per alias
 * ({@code parametrize("a", "b")} or {@code parametrize(x=[...], y=[...])}); with a group name
 * and keyword fields it is a group, used as {@code **parametrize("grp", f1=..., f2=...)}, and
 * then appears to the target call as one entry keyed {@link #GROUP_PREFIX}{@code grp}.
 */
record Parametrize(String group, Map<String, Object> values) implements Mapping {

  static final String GROUP_PREFIX = "parametrize:";

  @Override
  public Map<String, Object> entries() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(GROUP_PREFIX + group, this);
    return one;
  }

  boolean isGroup() {
    return group != null;
  }

  @Override
  public String type() {
    return "parametrize";
  }

  @Override
  public void repr(Printer out) {
    out.append("parametrize(");
    boolean first = true;
    if (group != null) {
      out.repr(group);
      first = false;
    }
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(e.getKey()).append('=').repr(e.getValue());
    }
    out.append(')');
  }

  @Override
  public boolean isHashable() {
    return false;
  }
}
