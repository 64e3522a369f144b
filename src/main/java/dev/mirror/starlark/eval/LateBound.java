package dev.mirror.starlark.eval;

import java.util.Map;

/**
 * A predeclared name whose value is looked up when used, not when the file is compiled: for
 * files that share one namespace, as Pants' prelude files do, where a function in one file may
 * use a name another file defines later.
 */
public final class LateBound {
  private final String name;
  private final Map<String, Object> namespace;

  public LateBound(String name, Map<String, Object> namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  Object get() {
    Object v = namespace.get(name);
    if (v == null) {
      throw new EvalException("name '" + name + "' is not defined (yet: it is defined by a file"
          + " that has not run)");
    }
    return v;
  }
}
