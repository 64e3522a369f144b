package dev.mirror.buildfiles;

import dev.mirror.starlark.eval.Printer;
import dev.mirror.starlark.eval.Starlark;
import dev.mirror.starlark.eval.Structure;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The value of a call to another backend's symbol used inside an expression, such as
 * {@code http_source(url=...)} or {@code stevedore_namespace("x")}: kept as written, hashable,
 * and printed back as a call.
 */
record OpaqueCall(String function, List<Object> args, Map<String, Object> kwargs)
    implements Structure {

  @Override
  public Object getAttr(String name) {
    return kwargs.get(name);
  }

  @Override
  public Collection<String> attrNames() {
    return kwargs.keySet();
  }

  @Override
  public String type() {
    return function;
  }

  @Override
  public void repr(Printer out) {
    out.append(function).append('(');
    boolean first = true;
    for (Object a : args) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.repr(a);
    }
    for (Map.Entry<String, Object> e : kwargs.entrySet()) {
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
    return args.stream().allMatch(Starlark::isHashable)
        && kwargs.values().stream().allMatch(Starlark::isHashable);
  }

  @Override
  public String toString() {
    return Starlark.repr(this);
  }
}
