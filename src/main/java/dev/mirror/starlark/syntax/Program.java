package dev.mirror.starlark.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * A file that parsed and resolved without error: its statements, the function that runs its top
 * level, its globals in slot order, and the predeclared names it uses. Immutable once made, so
 * one program may run on many threads.
 */
public final class Program {
  private final FileLocations locations;
  private final Dialect dialect;
  private final List<Statement> statements;
  private final Function toplevel;
  private final List<String> globals;
  private final List<String> predeclared;

  Program(FileLocations locations, Dialect dialect, List<Statement> statements, Function toplevel,
      List<String> globals, List<String> predeclared) {
    this.locations = locations;
    this.dialect = dialect;
    this.statements = NodeList.copyOf(statements);
    this.toplevel = toplevel;
    this.globals = List.copyOf(globals);
    this.predeclared = List.copyOf(predeclared);
  }

  /** Parses and resolves a file; all its static errors are thrown together. */
  public static Program compile(String file, String text, Dialect dialect, Resolver.Module module)
      throws SyntaxError.Exception {
    FileLocations locs = new FileLocations(file, text);
    List<SyntaxError> errors = new ArrayList<>();
    List<Statement> statements = Parser.parseFile(locs, dialect, errors);
    if (!errors.isEmpty()) {
      throw new SyntaxError.Exception(errors);
    }
    Program program = Resolver.resolveFile(locs, dialect, statements, module, errors);
    if (!errors.isEmpty()) {
      throw new SyntaxError.Exception(errors);
    }
    return program;
  }

  public FileLocations locations() {
    return locations;
  }

  public Dialect dialect() {
    return dialect;
  }

  public List<Statement> statements() {
    return statements;
  }

  public Function toplevel() {
    return toplevel;
  }

  /** Global names in slot order. */
  public List<String> globals() {
    return globals;
  }

  /** Predeclared and universal names the file uses, in the order of their bindings' indices. */
  public List<String> predeclared() {
    return predeclared;
  }

  /** The modules the file loads, in order. */
  public List<Statement.Load> loads() {
    List<Statement.Load> loads = new ArrayList<>();
    for (Statement s : statements) {
      if (s instanceof Statement.Load load) {
        loads.add(load);
      }
    }
    return loads;
  }
}
