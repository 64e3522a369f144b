package dev.mirror.starlark.syntax;

/**
 * Where the resolver found a name: its scope and its slot there. Locals and cells index the
 * frame, free variables the function's captured cells, globals the module's slots, predeclared
 * and universal names the file's table of them. Every use of one variable shares one binding, so
 * when a later inner function captures a local, the resolver turns it into a cell for all uses.
 */
public final class Binding {
  public enum Scope { LOCAL, CELL, FREE, GLOBAL, PREDECLARED, UNIVERSAL }

  private Scope scope;
  private final int index;
  private final String name;
  private final int offset;

  Binding(Scope scope, int index, String name, int offset) {
    this.scope = scope;
    this.index = index;
    this.name = name;
    this.offset = offset;
  }

  public Scope scope() {
    return scope;
  }

  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  /** Where the name was first bound (for globals and locals), for messages. */
  public int offset() {
    return offset;
  }

  void setScope(Scope scope) {
    this.scope = scope;
  }

  @Override
  public String toString() {
    return name + "(" + scope + "#" + index + ")";
  }
}
