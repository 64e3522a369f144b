package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Program;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The globals of one evaluated file. Its functions refer to it for their global variables; after
 * evaluation its values are frozen and it may be read from any thread.
 */
public final class Module {
  private final Program program;
  final Object[] globals;
  /** Values of the predeclared and universal names the file uses, by binding index. */
  final Object[] predeclared;

  Module(Program program, Object[] predeclared) {
    this.program = program;
    this.globals = new Object[program.globals().size()];
    this.predeclared = predeclared;
  }

  public Program program() {
    return program;
  }

  /** The file's global variables that are bound, in the order they were first declared. */
  public Map<String, Object> globals() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> names = program.globals();
    for (int i = 0; i < names.size(); i++) {
      if (globals[i] != null) {
        out.put(names.get(i), globals[i]);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** A global's value, or null when it is not bound. */
  public Object get(String name) {
    int i = program.globals().indexOf(name);
    return i < 0 ? null : globals[i];
  }

  /** The globals as plain Java values (see {@link Starlark#toJava}). */
  public Map<String, Object> toJava() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : globals().entrySet()) {
      out.put(e.getKey(), Starlark.toJava(e.getValue()));
    }
    return out;
  }
}
