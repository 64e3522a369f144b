package dev.mirror.starlark.syntax;

import dev.mirror.spelling.Spelling;
import dev.mirror.starlark.syntax.Expression.Comprehension;
import dev.mirror.starlark.syntax.Expression.DictLiteral;
import dev.mirror.starlark.syntax.Expression.FString;
import dev.mirror.starlark.syntax.Expression.Identifier;
import dev.mirror.starlark.syntax.Expression.ListLiteral;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every identifier of a file a {@link Binding} before anything runs.
 *
 * <p>The algorithm, as the spec describes it: a name bound anywhere in a block (by assignment,
 * {@code for}, {@code def}, a parameter, {@code load}) refers to that binding throughout the block.
 * Blocks nest: the file, each function (def, lambda, class body), and each comprehension, which
 * shares its function's frame but has its own names. A use is looked up in the innermost block
 * first, then outward through the blocks of the same function; then in the enclosing functions,
 * where a hit makes the variable a cell, captured by every function in between as a free
 * variable; then among the file's globals; then among the names the embedder predeclares and the
 * universal builtins. A name found nowhere is a static error, with a spelling suggestion.
 *
 * <p>Class bodies (Pants dialect) follow Python: their names are not visible from the methods
 * defined in them, so functions inside a class body capture from the class's enclosing function.
 */
public final class Resolver {

  /** What the embedder knows of names not bound in the file. */
  public interface Module {
    /**
     * Returns PREDECLARED or UNIVERSAL for a name the embedder provides, or null when the name is
     * undefined. {@code use} says how the file uses the name, for embedders that give unknown
     * names a meaning by their use.
     */
    Binding.Scope lookup(String name, NameUse use);

    /** Every name the embedder provides, for spelling suggestions. */
    Collection<String> names();
  }

  /**
   * How a file uses a name: called ({@code x(...)}), or as a key of a dict literal that is an
   * argument of a call to the function named {@code keyOfCallTo}.
   */
  public record NameUse(boolean called, String keyOfCallTo) {
    public static final NameUse VALUE = new NameUse(false, null);
    public static final NameUse CALL = new NameUse(true, null);
  }

  private static final class Block {
    final Block parent;
    final FunctionState function;
    final Map<String, Binding> bindings = new HashMap<>();

    Block(Block parent, FunctionState function) {
      this.parent = parent;
      this.function = function;
    }
  }

  private static final class FunctionState {
    final FunctionState enclosing; // null at the top level
    final Block definedIn; // the block of the enclosing function where this one is defined
    final boolean classBody;
    final List<Binding> locals = new ArrayList<>();
    final List<Binding> freeVars = new ArrayList<>(); // bindings in the enclosing function
    final Map<String, Binding> freeByName = new HashMap<>();
    int loopDepth;

    FunctionState(FunctionState enclosing, Block definedIn, boolean classBody) {
      this.enclosing = enclosing;
      this.definedIn = definedIn;
      this.classBody = classBody;
    }
  }

  private final FileLocations locs;
  private final Dialect dialect;
  private final Module module;
  private final List<SyntaxError> errors;
  private final Map<String, Binding> globals = new LinkedHashMap<>();
  private final Map<String, Binding> predeclared = new LinkedHashMap<>();
  private NameUse pendingUse = NameUse.VALUE;

  private Resolver(FileLocations locs, Dialect dialect, Module module, List<SyntaxError> errors) {
    this.locs = locs;
    this.dialect = dialect;
    this.module = module;
    this.errors = errors;
  }

  /** Resolves a parsed file; errors are appended to {@code errors}. */
  static Program resolveFile(
      FileLocations locs, Dialect dialect, List<Statement> statements, Module module,
      List<SyntaxError> errors) {
    Resolver r = new Resolver(locs, dialect, module, errors);
    Function toplevel = new Function("<toplevel>", 0, List.of(), statements);
    FunctionState state = new FunctionState(null, null, false);
    r.declareGlobals(statements);
    Block block = new Block(null, state);
    r.resolveStatements(statements, block, true);
    toplevel.setScope(state.locals, List.of(), cellIndices(state.locals));
    List<String> globalNames = new ArrayList<>(r.globals.keySet());
    List<String> predeclaredNames = new ArrayList<>(r.predeclared.keySet());
    return new Program(locs, dialect, statements, toplevel, globalNames, predeclaredNames);
  }

  private void error(int offset, String message) {
    errors.add(new SyntaxError(locs.at(offset), message));
  }

  // ---- declarations ----

  private void declareGlobals(List<Statement> statements) {
    Map<String, Binding> seen = new HashMap<>();
    collectBindings(statements, (id, offset, kind) -> {
      Binding existing = globals.get(id.name());
      if (existing != null) {
        if (!dialect.globalRebinding()) {
          error(offset, "cannot reassign global '" + id.name() + "' declared at "
              + locs.at(existing.offset()) + " (rebinding globals is allowed in the pants dialect"
              + " only)");
        }
        id.bind(existing);
        return;
      }
      Binding b = new Binding(Binding.Scope.GLOBAL, globals.size(), id.name(), offset);
      globals.put(id.name(), b);
      id.bind(b);
    });
  }

  private interface Declarer {
    void declare(Identifier id, int offset, Statement.Kind kind);
  }

  /**
   * Calls {@code declarer} for every name the statements bind in their own block: assignment
   * targets, loop variables, defs, classes and loads, not descending into functions.
   */
  private void collectBindings(List<Statement> statements, Declarer declarer) {
    for (Statement s : statements) {
      switch (s.kind()) {
        case ASSIGN -> collectTargets(((Statement.Assign) s).lhs(), declarer, s.kind());
        case AUGMENTED_ASSIGN -> {
          Expression lhs = ((Statement.AugmentedAssign) s).lhs();
          if (lhs instanceof Identifier id) {
            declarer.declare(id, id.offset(), s.kind());
          }
        }
        case FOR -> {
          Statement.For f = (Statement.For) s;
          collectTargets(f.vars(), declarer, s.kind());
          collectBindings(f.body(), declarer);
        }
        case WHILE -> collectBindings(((Statement.While) s).body(), declarer);
        case IF -> {
          Statement.If i = (Statement.If) s;
          collectBindings(i.then(), declarer);
          collectBindings(i.otherwise(), declarer);
        }
        case DEF -> {
          Identifier id = ((Statement.Def) s).identifier();
          declarer.declare(id, id.offset(), s.kind());
        }
        case CLASS -> {
          Identifier id = ((Statement.ClassDef) s).identifier();
          declarer.declare(id, id.offset(), s.kind());
        }
        case LOAD -> {
          for (Statement.Load.Binding b : ((Statement.Load) s).bindings()) {
            declarer.declare(b.local(), b.offset(), s.kind());
          }
        }
        default -> {}
      }
    }
  }

  private void collectTargets(Expression target, Declarer declarer, Statement.Kind kind) {
    if (target instanceof Identifier id) {
      declarer.declare(id, id.offset(), kind);
    } else if (target instanceof ListLiteral list) {
      for (Expression e : list.elements()) {
        collectTargets(e, declarer, kind);
      }
    }
  }

  private Binding declareLocal(Block block, Identifier id) {
    Binding existing = block.bindings.get(id.name());
    if (existing != null) {
      id.bind(existing);
      return existing;
    }
    FunctionState fn = block.function;
    Binding b = new Binding(Binding.Scope.LOCAL, fn.locals.size(), id.name(), id.offset());
    fn.locals.add(b);
    block.bindings.put(id.name(), b);
    id.bind(b);
    return b;
  }

  // ---- statements ----

  private void resolveStatements(List<Statement> statements, Block block, boolean topLevel) {
    for (Statement s : statements) {
      resolveStatement(s, block, topLevel);
    }
  }

  private void resolveStatement(Statement s, Block block, boolean topLevel) {
    FunctionState fn = block.function;
    switch (s.kind()) {
      case EXPRESSION -> resolve(((Statement.ExpressionStatement) s).expression(), block);
      case ASSIGN -> {
        Statement.Assign a = (Statement.Assign) s;
        resolve(a.rhs(), block);
        resolveTarget(a.lhs(), block);
      }
      case AUGMENTED_ASSIGN -> {
        Statement.AugmentedAssign a = (Statement.AugmentedAssign) s;
        resolve(a.rhs(), block);
        resolveTarget(a.lhs(), block);
      }
      case IF -> {
        Statement.If i = (Statement.If) s;
        resolve(i.condition(), block);
        resolveStatements(i.then(), block, topLevel);
        resolveStatements(i.otherwise(), block, topLevel);
      }
      case FOR -> {
        Statement.For f = (Statement.For) s;
        resolve(f.iterable(), block);
        resolveTarget(f.vars(), block);
        fn.loopDepth++;
        resolveStatements(f.body(), block, topLevel);
        fn.loopDepth--;
      }
      case WHILE -> {
        Statement.While w = (Statement.While) s;
        resolve(w.condition(), block);
        fn.loopDepth++;
        resolveStatements(w.body(), block, topLevel);
        fn.loopDepth--;
      }
      case DEF -> {
        Statement.Def d = (Statement.Def) s;
        resolveFunction(d.function(), block, false);
        resolveTarget(d.identifier(), block);
      }
      case CLASS -> {
        Statement.ClassDef c = (Statement.ClassDef) s;
        resolveFunction(c.body(), block, true);
        resolveTarget(c.identifier(), block);
      }
      case RETURN -> {
        if (fn.enclosing == null || fn.classBody) {
          error(s.offset(), "return statement not within a function");
        }
        Expression value = ((Statement.Return) s).value();
        if (value != null) {
          resolve(value, block);
        }
      }
      case BREAK, CONTINUE -> {
        if (fn.loopDepth == 0) {
          error(s.offset(), (s.kind() == Statement.Kind.BREAK ? "break" : "continue")
              + " not in a loop");
        }
      }
      case PASS -> {}
      case LOAD -> {
        if (!topLevel || fn.enclosing != null) {
          error(s.offset(), "load statement not at top level");
        }
        for (Statement.Load.Binding b : ((Statement.Load) s).bindings()) {
          resolveTarget(b.local(), block);
        }
      }
      case ASSERT -> {
        Statement.Assert a = (Statement.Assert) s;
        resolve(a.condition(), block);
        if (a.message() != null) {
          resolve(a.message(), block);
        }
      }
      case RAISE -> {
        Expression e = ((Statement.Raise) s).exception();
        if (e != null) {
          resolve(e, block);
        }
      }
    }
  }

  /** Binds the names an assignment target assigns; evaluates the rest (a[i], x.f). */
  private void resolveTarget(Expression target, Block block) {
    switch (target.kind()) {
      case IDENTIFIER -> {
        Identifier id = (Identifier) target;
        if (id.binding() != null) {
          return; // a global, bound by declareGlobals
        }
        Binding b = lookupLocal(block, id.name());
        if (b == null) {
          b = block.function.enclosing == null ? globals.get(id.name()) : null;
        }
        if (b == null) {
          // Comprehension variables are declared by resolveComprehension; anything else bound
          // here was collected beforehand, so this is a defensive fallback.
          b = declareLocal(block, id);
        }
        id.bind(b);
      }
      case TUPLE, LIST -> {
        for (Expression e : ((ListLiteral) target).elements()) {
          resolveTarget(e, block);
        }
      }
      default -> resolve(target, block);
    }
  }

  private void resolveFunction(Function f, Block definedIn, boolean classBody) {
    // Default values are evaluated where the function is defined.
    for (Parameter p : f.parameters()) {
      if (p.defaultValue() != null) {
        resolve(p.defaultValue(), definedIn);
      }
    }
    // Functions defined in a class body do not see the class's names (Python's rule).
    Block outer = definedIn;
    while (outer != null && outer.function.classBody) {
      outer = outer.function.definedIn;
    }
    FunctionState state = new FunctionState(outer.function, outer, classBody);
    Block block = new Block(null, state);
    for (Parameter p : f.parameters()) {
      if (p.kind() == Parameter.Kind.MANDATORY || p.kind() == Parameter.Kind.OPTIONAL) {
        declareLocal(block, p.identifier());
      }
    }
    for (Parameter p : f.parameters()) {
      if (p.kind() == Parameter.Kind.STAR && p.identifier() != null) {
        declareLocal(block, p.identifier());
      }
    }
    for (Parameter p : f.parameters()) {
      if (p.kind() == Parameter.Kind.STAR_STAR) {
        declareLocal(block, p.identifier());
      }
    }
    collectBindings(f.body(), (id, offset, kind) -> declareLocal(block, id));
    resolveStatements(f.body(), block, false);
    f.setScope(state.locals, state.freeVars, cellIndices(state.locals));
  }

  private static int[] cellIndices(List<Binding> locals) {
    return locals.stream()
        .filter(b -> b.scope() == Binding.Scope.CELL)
        .mapToInt(Binding::index)
        .toArray();
  }

  // ---- expressions ----

  private void resolve(Expression e, Block block) {
    switch (e.kind()) {
      case IDENTIFIER -> {
        NameUse use = pendingUse;
        pendingUse = NameUse.VALUE;
        use((Identifier) e, block, use);
      }
      case LITERAL -> {}
      case FSTRING -> {
        for (Object part : ((FString) e).parts()) {
          if (part instanceof FString.Field field) {
            resolve(field.value(), block);
            if (field.spec() != null) {
              resolve(field.spec(), block);
            }
          }
        }
      }
      case LIST, TUPLE -> {
        for (Expression x : ((ListLiteral) e).elements()) {
          resolve(x, block);
        }
      }
      case DICT -> {
        for (DictLiteral.Entry entry : ((DictLiteral) e).entries()) {
          if (entry.key() != null) {
            resolve(entry.key(), block);
          }
          resolve(entry.value(), block);
        }
      }
      case UNPACK -> resolve(((Expression.Unpack) e).value(), block);
      case UNARY -> resolve(((Expression.Unary) e).operand(), block);
      case BINARY -> {
        Expression.Binary b = (Expression.Binary) e;
        resolve(b.left(), block);
        resolve(b.right(), block);
      }
      case CONDITIONAL -> {
        Expression.Conditional c = (Expression.Conditional) e;
        resolve(c.condition(), block);
        resolve(c.then(), block);
        resolve(c.otherwise(), block);
      }
      case INDEX -> {
        Expression.Index i = (Expression.Index) e;
        resolve(i.object(), block);
        resolve(i.key(), block);
      }
      case SLICE -> {
        Expression.Slice s = (Expression.Slice) e;
        resolve(s.object(), block);
        for (Expression x : new Expression[] {s.start(), s.stop(), s.step()}) {
          if (x != null) {
            resolve(x, block);
          }
        }
      }
      case DOT -> resolve(((Expression.Dot) e).object(), block);
      case CALL -> {
        Expression.Call call = (Expression.Call) e;
        if (call.function() instanceof Identifier) {
          pendingUse = NameUse.CALL;
        }
        resolve(call.function(), block);
        String callee = call.function() instanceof Identifier id ? id.name() : null;
        for (Argument a : call.arguments()) {
          if (callee != null && a.value() instanceof DictLiteral dict) {
            resolveDictArgument(dict, callee, block);
          } else {
            resolve(a.value(), block);
          }
        }
      }
      case LAMBDA -> {
        Expression.Lambda l = (Expression.Lambda) e;
        Function f = new Function("lambda", l.offset(), l.parameters(),
            List.of(new Statement.Return(l.body().offset(), l.body())));
        l.setFunction(f);
        resolveFunction(f, block, false);
      }
      case COMPREHENSION -> resolveComprehension((Comprehension) e, block);
    }
  }

  private void resolveDictArgument(DictLiteral dict, String callee, Block block) {
    for (DictLiteral.Entry entry : dict.entries()) {
      if (entry.key() instanceof Identifier) {
        pendingUse = new NameUse(false, callee);
      } else if (entry.key() instanceof ListLiteral tuple) {
        // __defaults__({(a, b): {...}}): each name of a tuple key counts as a key too.
        for (Expression x : tuple.elements()) {
          if (x instanceof Identifier) {
            pendingUse = new NameUse(false, callee);
          }
          resolve(x, block);
        }
        resolve(entry.value(), block);
        continue;
      }
      if (entry.key() != null) {
        resolve(entry.key(), block);
      }
      resolve(entry.value(), block);
    }
  }

  /**
   * A comprehension is a block whose names are the variables of all its for clauses, bound before
   * any of its expressions is resolved; only the first iterable is resolved outside it.
   */
  private void resolveComprehension(Comprehension c, Block block) {
    Block inner = new Block(block, block.function);
    for (Comprehension.Clause clause : c.clauses()) {
      if (clause.isFor()) {
        collectTargets(clause.vars(), (id, offset, kind) -> {
          if (!inner.bindings.containsKey(id.name())) {
            Binding b = new Binding(Binding.Scope.LOCAL, inner.function.locals.size(), id.name(),
                offset);
            inner.function.locals.add(b);
            inner.bindings.put(id.name(), b);
          }
        }, Statement.Kind.FOR);
      }
    }
    boolean first = true;
    for (Comprehension.Clause clause : c.clauses()) {
      if (clause.isFor()) {
        resolve(clause.iterable(), first ? block : inner);
        first = false;
        resolveTarget(clause.vars(), inner);
      } else {
        resolve(clause.condition(), inner);
      }
    }
    resolve(c.body(), inner);
  }

  private void use(Identifier id, Block block, NameUse use) {
    Binding b = lookup(id.name(), block);
    if (b == null) {
      Binding.Scope scope = module.lookup(id.name(), use);
      if (scope != null) {
        b = predeclared.computeIfAbsent(id.name(),
            n -> new Binding(scope, predeclared.size(), n, id.offset()));
      }
    }
    if (b == null) {
      String suggestion = suggest(id.name(), block);
      error(id.offset(), "name '" + id.name() + "' is not defined"
          + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
      b = new Binding(Binding.Scope.UNIVERSAL, -1, id.name(), id.offset());
    }
    id.bind(b);
  }

  private Binding lookupLocal(Block block, String name) {
    for (Block b = block; b != null; b = b.parent) {
      Binding binding = b.bindings.get(name);
      if (binding != null) {
        return binding;
      }
    }
    return null;
  }

  /** Finds a name in this function, the enclosing ones (capturing it), then the globals. */
  private Binding lookup(String name, Block block) {
    Binding local = lookupLocal(block, name);
    if (local != null) {
      return local;
    }
    Binding free = lookupFree(block.function, name);
    if (free != null) {
      return free;
    }
    return globals.get(name);
  }

  private Binding lookupFree(FunctionState fn, String name) {
    if (fn.enclosing == null || fn.definedIn == null) {
      return null;
    }
    Binding existing = fn.freeByName.get(name);
    if (existing != null) {
      return existing;
    }
    Binding outer = lookupLocal(fn.definedIn, name);
    if (outer != null) {
      if (outer.scope() == Binding.Scope.LOCAL) {
        outer.setScope(Binding.Scope.CELL);
      }
    } else {
      outer = lookupFree(fn.definedIn.function, name);
    }
    if (outer == null) {
      return null;
    }
    Binding free = new Binding(Binding.Scope.FREE, fn.freeVars.size(), name, outer.offset());
    fn.freeVars.add(outer);
    fn.freeByName.put(name, free);
    return free;
  }

  private String suggest(String name, Block block) {
    List<String> candidates = new ArrayList<>();
    for (Block b = block; b != null; b = b.parent) {
      candidates.addAll(b.bindings.keySet());
    }
    candidates.addAll(globals.keySet());
    candidates.addAll(module.names());
    return Spelling.closest(name, candidates);
  }
}
