package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Argument;
import dev.mirror.starlark.syntax.Binding;
import dev.mirror.starlark.syntax.Expression;
import dev.mirror.starlark.syntax.Expression.Comprehension;
import dev.mirror.starlark.syntax.Expression.DictLiteral;
import dev.mirror.starlark.syntax.Expression.FString;
import dev.mirror.starlark.syntax.Expression.Identifier;
import dev.mirror.starlark.syntax.Expression.ListLiteral;
import dev.mirror.starlark.syntax.Function;
import dev.mirror.starlark.syntax.Operator;
import dev.mirror.starlark.syntax.Parameter;
import dev.mirror.starlark.syntax.Program;
import dev.mirror.starlark.syntax.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The tree-walking evaluator. Names were resolved to slots before evaluation, so a variable access
 * is an array access; each node kind is one case of a switch. Control flow is returned as a code,
 * not thrown.
 */
final class Eval {
  private Eval() {}

  private static final int NORMAL = 0;
  private static final int BREAK = 1;
  private static final int CONTINUE = 2;
  private static final int RETURN = 3;

  /** The activation of one function (or of a file's top level), and its place in the stack. */
  private static final class Frame extends StarlarkThread.Frame {
    final StarlarkThread thread;
    final Module module;
    final StarlarkFunction function; // null at the top level and in class bodies
    final Object[] locals;
    Object result = Starlark.NONE;

    Frame(StarlarkThread thread, Module module, StarlarkFunction function, Object[] locals,
        String name, Object code, int offset) {
      super(name, module.program().locations(), code, offset);
      this.thread = thread;
      this.module = module;
      this.function = function;
      this.locals = locals;
    }
  }

  // ---- entry points ----

  static void execModule(StarlarkThread thread, Module module) {
    Program program = module.program();
    Function toplevel = program.toplevel();
    Object[] locals = new Object[toplevel.locals().size()];
    for (int i : toplevel.cellIndices()) {
      locals[i] = new Cell(null);
    }
    Frame fr = new Frame(thread, module, null, locals, "<toplevel>", toplevel, 0);
    thread.push(fr);
    try {
      exec(fr, program.statements());
    } catch (EvalException e) {
      e.attachCallStack(thread);
      throw e;
    } finally {
      thread.pop();
    }
  }

  static Object callFunction(
      StarlarkThread thread, StarlarkFunction fn, Object[] positional, Object[] named) {
    Function code = fn.code;
    if (!thread.dialect().recursion() && thread.isActive(code)) {
      throw new EvalException("function '" + code.name() + "' called recursively (recursion is"
          + " allowed in the pants dialect only)");
    }
    thread.step();
    Object[] locals = new Object[code.locals().size()];
    ArgumentBinder.bind(code.name(), code.parameterNames(), fn.defaults, 0, code.numPositional(),
        code.hasVarargs(), code.hasKwargs(), positional, named, thread.mutability(), locals);
    for (int i : code.cellIndices()) {
      locals[i] = new Cell(locals[i]);
    }
    Frame fr = new Frame(thread, fn.module, fn, locals, code.name(), code, code.offset());
    thread.push(fr);
    try {
      exec(fr, code.body());
      return fr.result;
    } catch (EvalException e) {
      e.attachCallStack(thread);
      throw e;
    } catch (StackOverflowError e) {
      // The Java stack ran out before the call-depth limit: report it like that limit.
      EvalException error = new EvalException("maximum recursion depth exceeded (the Java stack"
          + " is too small for this program's recursion)");
      error.attachCallStack(thread);
      throw error;
    } finally {
      thread.pop();
    }
  }

  // ---- statements ----

  private static int exec(Frame fr, List<Statement> statements) {
    for (int i = 0, n = statements.size(); i < n; i++) {
      int r = exec(fr, statements.get(i));
      if (r != NORMAL) {
        return r;
      }
    }
    return NORMAL;
  }

  private static int exec(Frame fr, Statement s) {
    fr.offset = s.offset();
    switch (s.kind()) {
      case EXPRESSION -> eval(fr, ((Statement.ExpressionStatement) s).expression());
      case ASSIGN -> {
        Statement.Assign a = (Statement.Assign) s;
        Object value = operand(fr, a.rhs());
        if (a.lhs() instanceof Identifier id && id.binding().scope() == Binding.Scope.LOCAL) {
          fr.locals[id.binding().index()] = value; // x = ...: the common case, stored here
          return NORMAL;
        }
        fr.offset = a.offset();
        assign(fr, a.lhs(), value);
      }
      case AUGMENTED_ASSIGN -> execAugmented(fr, (Statement.AugmentedAssign) s);
      case IF -> {
        Statement.If i = (Statement.If) s;
        return Starlark.truth(operand(fr, i.condition())) ? exec(fr, i.then()) : exec(fr, i.otherwise());
      }
      case FOR -> {
        return execFor(fr, (Statement.For) s);
      }
      case WHILE -> {
        Statement.While w = (Statement.While) s;
        while (Starlark.truth(operand(fr, w.condition()))) {
          fr.offset = w.offset();
          fr.thread.step();
          int r = exec(fr, w.body());
          if (r == BREAK) {
            break;
          }
          if (r == RETURN) {
            return r;
          }
        }
      }
      case DEF -> {
        Statement.Def d = (Statement.Def) s;
        assign(fr, d.identifier(), makeFunction(fr, d.function()));
      }
      case RETURN -> {
        Expression value = ((Statement.Return) s).value();
        fr.result = value == null ? Starlark.NONE : eval(fr, value);
        return RETURN;
      }
      case BREAK -> {
        return BREAK;
      }
      case CONTINUE -> {
        return CONTINUE;
      }
      case PASS -> {}
      case LOAD -> execLoad(fr, (Statement.Load) s);
      case ASSERT -> {
        Statement.Assert a = (Statement.Assert) s;
        if (!Starlark.truth(eval(fr, a.condition()))) {
          String message = a.message() == null ? "" : Starlark.str(eval(fr, a.message()));
          fr.offset = a.offset();
          throw new EvalException(message.isEmpty() ? "AssertionError" : "AssertionError: " + message);
        }
      }
      case RAISE -> execRaise(fr, (Statement.Raise) s);
      case CLASS -> {
        Statement.ClassDef c = (Statement.ClassDef) s;
        assign(fr, c.identifier(), makeClass(fr, c));
      }
    }
    return NORMAL;
  }

  private static void execAugmented(Frame fr, Statement.AugmentedAssign a) {
    Expression lhs = a.lhs();
    if (lhs instanceof Identifier id && id.binding().scope() == Binding.Scope.LOCAL) {
      // n += 1 on a local int: no detour through load, augmented and store.
      Object old = fr.locals[id.binding().index()];
      if (old instanceof Long x) {
        Object rhs = operand(fr, a.rhs());
        if (rhs instanceof Long y) {
          Object r = smallIntOperation(a.op(), x, y);
          if (r != null) {
            fr.locals[id.binding().index()] = r;
            return;
          }
        }
        fr.offset = a.offset();
        fr.locals[id.binding().index()] = augmented(fr, a.op(), old, rhs);
        return;
      }
    }
    switch (lhs.kind()) {
      case IDENTIFIER -> {
        Object old = load(fr, (Identifier) lhs);
        Object rhs = eval(fr, a.rhs());
        fr.offset = a.offset();
        store(fr, (Identifier) lhs, augmented(fr, a.op(), old, rhs));
      }
      case INDEX -> {
        Expression.Index ix = (Expression.Index) lhs;
        Object object = operand(fr, ix.object());
        Object key = operand(fr, ix.key());
        fr.offset = ix.offset();
        Object old = Operators.index(object, key, fr.thread);
        Object rhs = eval(fr, a.rhs());
        fr.offset = a.offset();
        Object value = augmented(fr, a.op(), old, rhs);
        Operators.setIndex(object, key, value);
      }
      case DOT -> {
        Expression.Dot dot = (Expression.Dot) lhs;
        Object object = eval(fr, dot.object());
        fr.offset = dot.offset();
        Object old = Operators.getAttr(fr.thread, object, dot.name());
        Object rhs = eval(fr, a.rhs());
        fr.offset = a.offset();
        Object value = augmented(fr, a.op(), old, rhs);
        setAttr(object, dot.name(), value);
      }
      default -> throw new EvalException("cannot perform augmented assignment here");
    }
  }

  /** {@code x op= y}: lists, dicts and sets are updated in place, as in Python. */
  private static Object augmented(Frame fr, Operator op, Object x, Object y) {
    if (x instanceof Long lx && y instanceof Long ly) {
      Object r = smallIntOperation(op, lx, ly);
      if (r != null) {
        return r;
      }
    }
    if (x instanceof StarlarkSet set && y instanceof StarlarkSet
        && (op == Operator.PIPE || op == Operator.AMPERSAND || op == Operator.MINUS
            || op == Operator.CARET)) {
      set.checkMutable();
      set.replaceWith((StarlarkSet) Operators.binary(op, x, y, fr.thread));
      return set;
    }
    if (op == Operator.PLUS && x instanceof StarlarkList list) {
      list.checkMutable();
      Object[] add = Methods.toArray(y, fr.thread);
      list.addAll(add, add.length);
      return list;
    }
    if (op == Operator.PIPE && x instanceof Dict d && y instanceof Dict other) {
      d.checkMutable();
      d.update(other, null, fr.thread, "|=");
      return d;
    }
    return Operators.binary(op, x, y, fr.thread);
  }

  private static int execFor(Frame fr, Statement.For f) {
    Object iterable = eval(fr, f.iterable());
    fr.offset = f.offset();
    StarlarkThread thread = fr.thread;
    if (iterable instanceof StarlarkList list) {
      list.iterators++;
      try {
        for (int i = 0; i < list.size(); i++) {
          fr.offset = f.offset();
          thread.step();
          bindLoopVariable(fr, f.vars(), list.get(i));
          int r = exec(fr, f.body());
          if (r == BREAK) {
            break;
          }
          if (r == RETURN) {
            return r;
          }
        }
      } finally {
        list.iterators--;
      }
      return NORMAL;
    }
    if (iterable instanceof RangeValue range) {
      for (long i = 0, n = range.length; i < n; i++) {
        fr.offset = f.offset();
        thread.step();
        bindLoopVariable(fr, f.vars(), box(range.start + i * range.step));
        int r = exec(fr, f.body());
        if (r == BREAK) {
          break;
        }
        if (r == RETURN) {
          return r;
        }
      }
      return NORMAL;
    }
    Iterable<?> items = Starlark.iterate(iterable, thread.dialect().iterableStrings());
    lock(iterable, 1);
    try {
      for (Object x : items) {
        fr.offset = f.offset();
        thread.step();
        bindLoopVariable(fr, f.vars(), x);
        int r = exec(fr, f.body());
        if (r == BREAK) {
          break;
        }
        if (r == RETURN) {
          return r;
        }
      }
    } finally {
      lock(iterable, -1);
    }
    return NORMAL;
  }

  /** Binds a loop's variable: a plain local is stored here, anything else goes to assign. */
  private static void bindLoopVariable(Frame fr, Expression vars, Object value) {
    if (vars instanceof Identifier id && id.binding().scope() == Binding.Scope.LOCAL) {
      fr.locals[id.binding().index()] = value;
    } else {
      assign(fr, vars, value);
    }
  }

  /** Marks a collection as being iterated, so that mutating it fails. */
  private static void lock(Object x, int delta) {
    if (x instanceof StarlarkList l) {
      l.iterators += delta;
    } else if (x instanceof Dict d) {
      d.iterators += delta;
    } else if (x instanceof StarlarkSet s) {
      s.iterators += delta;
    }
  }

  private static void execLoad(Frame fr, Statement.Load load) {
    Interpreter interpreter = fr.thread.interpreter();
    Map<String, Object> loaded = interpreter.load(load.module(), fr.module.program().locations().file());
    for (Statement.Load.Binding b : load.bindings()) {
      fr.offset = b.offset();
      if (b.original().startsWith("_")) {
        throw new EvalException("load: symbol '" + b.original() + "' is private to module '"
            + load.module() + "'");
      }
      Object value = loaded.get(b.original());
      if (value == null) {
        String suggestion = dev.mirror.starlark.syntax.Spelling.closest(b.original(), loaded.keySet());
        throw new EvalException("load: module '" + load.module() + "' has no symbol '"
            + b.original() + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
      }
      store(fr, b.local(), value);
    }
  }

  private static void execRaise(Frame fr, Statement.Raise r) {
    if (r.exception() == null) {
      throw new EvalException("RuntimeError: No active exception to reraise");
    }
    Object value = eval(fr, r.exception());
    fr.offset = r.offset();
    if (value instanceof PythonClasses.ExceptionType type) {
      value = type.instantiate(Tuple.EMPTY);
    }
    if (value instanceof PythonClasses.ExceptionValue e) {
      throw new EvalException(e.message());
    }
    throw new EvalException("TypeError: exceptions must derive from BaseException, not "
        + Starlark.type(value));
  }

  // ---- functions and classes ----

  private static StarlarkFunction makeFunction(Frame fr, Function code) {
    List<Parameter> params = code.parameters();
    Object[] defaults = new Object[code.parameterNames().size()];
    int i = 0;
    for (Parameter p : params) {
      if (p.kind() == Parameter.Kind.MANDATORY || p.kind() == Parameter.Kind.OPTIONAL) {
        if (p.defaultValue() != null) {
          defaults[i] = eval(fr, p.defaultValue());
        }
        i++;
      }
    }
    List<Binding> free = code.freeVars();
    Cell[] cells = new Cell[free.size()];
    for (int j = 0; j < cells.length; j++) {
      Binding b = free.get(j);
      cells[j] = b.scope() == Binding.Scope.CELL
          ? (Cell) fr.locals[b.index()]
          : fr.function.freeCells[b.index()];
    }
    return new StarlarkFunction(code, fr.module, defaults, cells);
  }

  private static Object makeClass(Frame fr, Statement.ClassDef c) {
    Function body = c.body();
    StarlarkFunction bodyFn = makeFunction(fr, body);
    Object[] locals = new Object[body.locals().size()];
    for (int i : body.cellIndices()) {
      locals[i] = new Cell(null);
    }
    Frame classFrame = new Frame(fr.thread, fr.module, bodyFn, locals, body.name(), body,
        c.offset());
    fr.thread.push(classFrame);
    try {
      exec(classFrame, body.body());
    } catch (EvalException e) {
      e.attachCallStack(fr.thread);
      throw e;
    } finally {
      fr.thread.pop();
    }
    Dict attrs = new Dict(fr.thread.mutability());
    for (Binding b : body.locals()) {
      Object v = locals[b.index()];
      if (v instanceof Cell cell) {
        v = cell.value;
      }
      if (v != null) {
        attrs.putUnchecked(b.name(), v);
      }
    }
    return new PythonClasses.ClassValue(c.identifier().name(), attrs);
  }

  // ---- variables ----

  private static Object load(Frame fr, Identifier id) {
    Binding b = id.binding();
    Object v;
    switch (b.scope()) {
      case LOCAL -> v = fr.locals[b.index()];
      case CELL -> v = ((Cell) fr.locals[b.index()]).value;
      case FREE -> v = fr.function.freeCells[b.index()].value;
      case GLOBAL -> {
        v = fr.module.globals[b.index()];
        if (v == null) {
          fr.offset = id.offset();
          throw new EvalException("global variable '" + id.name() + "' referenced before"
              + " assignment");
        }
        return v;
      }
      default -> {
        v = fr.module.predeclared[b.index()];
        return v instanceof LateBound late ? late.get() : v;
      }
    }
    if (v == null) {
      fr.offset = id.offset();
      throw new EvalException("local variable '" + id.name() + "' referenced before assignment");
    }
    return v;
  }

  private static void store(Frame fr, Identifier id, Object value) {
    Binding b = id.binding();
    switch (b.scope()) {
      case LOCAL -> fr.locals[b.index()] = value;
      case CELL -> ((Cell) fr.locals[b.index()]).value = value;
      case FREE -> fr.function.freeCells[b.index()].value = value;
      case GLOBAL -> fr.module.globals[b.index()] = value;
      default -> throw new EvalException("cannot assign to '" + id.name() + "'");
    }
  }

  private static void assign(Frame fr, Expression target, Object value) {
    switch (target.kind()) {
      case IDENTIFIER -> store(fr, (Identifier) target, value);
      case INDEX -> {
        Expression.Index ix = (Expression.Index) target;
        Object object = operand(fr, ix.object());
        Object key = operand(fr, ix.key());
        fr.offset = ix.offset();
        Operators.setIndex(object, key, value);
      }
      case DOT -> {
        Expression.Dot dot = (Expression.Dot) target;
        Object object = eval(fr, dot.object());
        fr.offset = dot.offset();
        setAttr(object, dot.name(), value);
      }
      case TUPLE, LIST -> {
        List<Expression> targets = ((ListLiteral) target).elements();
        Object[] values;
        if (value instanceof Tuple t) {
          values = t.elems;
        } else if (value instanceof StarlarkList l) {
          values = l.toArray();
        } else {
          fr.offset = target.offset();
          try {
            values = Methods.toArray(value, fr.thread);
          } catch (EvalException e) {
            throw new EvalException("got '" + Starlark.type(value) + "' in sequence assignment");
          }
        }
        if (values.length != targets.size()) {
          fr.offset = target.offset();
          throw new EvalException(values.length > targets.size()
              ? "too many values to unpack (got " + values.length + ", want " + targets.size() + ")"
              : "not enough values to unpack (got " + values.length + ", want " + targets.size() + ")");
        }
        for (int i = 0; i < values.length; i++) {
          assign(fr, targets.get(i), values[i]);
        }
      }
      default -> throw new EvalException("cannot assign to this expression");
    }
  }

  private static void setAttr(Object object, String name, Object value) {
    if (object instanceof Structure s) {
      s.setAttr(name, value);
      return;
    }
    throw new EvalException("'" + Starlark.type(object) + "' value does not support field"
        + " assignment");
  }

  // ---- expressions ----

  /**
   * The operations on two longs that cannot fail or overflow, computed without leaving the
   * evaluator; null sends the operands to {@link Operators#binary}, which handles every case.
   * Most arithmetic and comparisons of a compute-heavy program take this path.
   */
  /** Boxed ints from -128 to 32767, made once: loop counters and indices need no allocation. */
  private static final Long[] SMALL_INTS = new Long[32768 + 128];

  static {
    for (int i = 0; i < SMALL_INTS.length; i++) {
      SMALL_INTS[i] = (long) (i - 128);
    }
  }

  static Long box(long v) {
    return v >= -128 && v < 32768 ? SMALL_INTS[(int) v + 128] : Long.valueOf(v);
  }

  private static Object smallIntOperation(Operator op, long a, long b) {
    switch (op) {
      case PLUS: {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? null : box(r);
      }
      case MINUS: {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? null : box(r);
      }
      case STAR: {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? box(lo) : null;
      }
      case PERCENT:
        return b > 0 ? box(Math.floorMod(a, b)) : null;
      case SLASH_SLASH:
        return b > 0 ? box(Math.floorDiv(a, b)) : null;
      case EQUALS:
        return a == b;
      case NOT_EQUALS:
        return a != b;
      case LESS:
        return a < b;
      case LESS_EQUALS:
        return a <= b;
      case GREATER:
        return a > b;
      case GREATER_EQUALS:
        return a >= b;
      case AMPERSAND:
        return a & b;
      case PIPE:
        return a | b;
      case CARET:
        return a ^ b;
      default:
        return null;
    }
  }

  /**
   * Evaluates an operand: a local variable or a literal is read here, without the recursive call
   * and switch of {@link #eval}; the JIT inlines this into the operators' cases. Most operands
   * of a compute-heavy program are one or the other.
   */
  private static Object operand(Frame fr, Expression e) {
    if (e.kind() == Expression.Kind.IDENTIFIER) {
      Binding b = ((Identifier) e).binding();
      if (b.scope() == Binding.Scope.LOCAL) {
        Object v = fr.locals[b.index()];
        if (v != null) {
          return v;
        }
      }
    } else if (e.kind() == Expression.Kind.LITERAL) {
      Object v = ((Expression.Literal) e).value();
      if (!(v instanceof byte[])) {
        return v;
      }
    }
    return eval(fr, e);
  }

  static Object eval(Frame fr, Expression e) {
    switch (e.kind()) {
      case IDENTIFIER: {
        Identifier id = (Identifier) e;
        Binding b = id.binding();
        if (b.scope() == Binding.Scope.LOCAL) {
          Object v = fr.locals[b.index()];
          if (v != null) {
            return v;
          }
        }
        return load(fr, id);
      }
      case LITERAL: {
        Object v = ((Expression.Literal) e).value();
        return v instanceof byte[] bytes ? Bytes.of(bytes) : v;
      }
      case FSTRING:
        return evalFString(fr, (FString) e);
      case LIST: {
        ListLiteral list = (ListLiteral) e;
        return new StarlarkList(fr.thread.mutability(), evalElements(fr, list));
      }
      case TUPLE:
        return Tuple.wrap(evalElements(fr, (ListLiteral) e));
      case DICT:
        return evalDict(fr, (DictLiteral) e);
      case UNARY:
        return evalUnary(fr, (Expression.Unary) e);
      case BINARY: {
        Expression.Binary b = (Expression.Binary) e;
        Operator op = b.op();
        if (op == Operator.AND) {
          Object x = eval(fr, b.left());
          return Starlark.truth(x) ? eval(fr, b.right()) : x;
        }
        if (op == Operator.OR) {
          Object x = eval(fr, b.left());
          return Starlark.truth(x) ? x : eval(fr, b.right());
        }
        Object x = operand(fr, b.left());
        Object y = operand(fr, b.right());
        if (x instanceof Long lx && y instanceof Long ly) {
          Object r = smallIntOperation(op, lx, ly);
          if (r != null) {
            return r;
          }
        }
        fr.offset = b.offset();
        return Operators.binary(op, x, y, fr.thread);
      }
      case CONDITIONAL: {
        Expression.Conditional c = (Expression.Conditional) e;
        return Starlark.truth(eval(fr, c.condition())) ? eval(fr, c.then()) : eval(fr, c.otherwise());
      }
      case INDEX: {
        Expression.Index ix = (Expression.Index) e;
        Object object = operand(fr, ix.object());
        Object key = operand(fr, ix.key());
        fr.offset = ix.offset();
        return Operators.index(object, key, fr.thread);
      }
      case SLICE: {
        Expression.Slice s = (Expression.Slice) e;
        Object object = eval(fr, s.object());
        Object start = s.start() == null ? Starlark.NONE : eval(fr, s.start());
        Object stop = s.stop() == null ? Starlark.NONE : eval(fr, s.stop());
        Object step = s.step() == null ? Starlark.NONE : eval(fr, s.step());
        fr.offset = s.offset();
        return Operators.slice(object, start, stop, step, fr.thread);
      }
      case DOT: {
        Expression.Dot dot = (Expression.Dot) e;
        Object object = eval(fr, dot.object());
        fr.offset = dot.offset();
        return Operators.getAttr(fr.thread, object, dot.name());
      }
      case CALL:
        return evalCall(fr, (Expression.Call) e);
      case LAMBDA:
        return makeFunction(fr, ((Expression.Lambda) e).function());
      case COMPREHENSION:
        return evalComprehension(fr, (Comprehension) e);
      case UNPACK:
      default:
        fr.offset = e.offset();
        throw new EvalException("starred expression is not allowed here");
    }
  }

  private static Object[] evalElements(Frame fr, ListLiteral list) {
    List<Expression> elements = list.elements();
    if (!list.hasUnpack()) {
      Object[] out = new Object[elements.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = eval(fr, elements.get(i));
      }
      return out;
    }
    List<Object> out = new ArrayList<>();
    for (Expression x : elements) {
      if (x instanceof Expression.Unpack u) {
        Object v = eval(fr, u.value());
        fr.offset = u.offset();
        out.addAll(Arrays.asList(Methods.toArray(v, fr.thread)));
      } else {
        out.add(eval(fr, x));
      }
    }
    return out.toArray();
  }

  private static Object evalDict(Frame fr, DictLiteral d) {
    List<DictLiteral.Entry> entries = d.entries();
    Dict dict = new Dict(fr.thread.mutability(), entries.size());
    for (DictLiteral.Entry entry : entries) {
      if (entry.key() == null) {
        Object m = eval(fr, entry.value());
        fr.offset = entry.value().offset();
        if (m instanceof Dict other) {
          for (Map.Entry<Object, Object> kv : other.entrySet()) {
            dict.putUnchecked(kv.getKey(), kv.getValue());
          }
        } else if (m instanceof Mapping mapping) {
          for (Map.Entry<String, Object> kv : mapping.entries().entrySet()) {
            dict.putUnchecked(kv.getKey(), kv.getValue());
          }
        } else {
          throw new EvalException("'" + Starlark.type(m) + "' object is not a mapping");
        }
        continue;
      }
      Object key = eval(fr, entry.key());
      Object value = eval(fr, entry.value());
      fr.offset = entry.key().offset();
      Starlark.checkHashable(key);
      if (dict.containsKey(key)) {
        if (!fr.thread.dialect().duplicateKeysLastWins()) {
          throw new EvalException("dictionary expression has duplicate key: " + Starlark.repr(key));
        }
        fr.thread.warn(fr.module.program().locations().at(entry.key().offset()),
            "dict literal has duplicate key " + Starlark.repr(key) + "; the last value is used");
      }
      dict.putUnchecked(key, value);
    }
    return dict;
  }

  private static Object evalUnary(Frame fr, Expression.Unary u) {
    Object x = eval(fr, u.operand());
    fr.offset = u.offset();
    switch (u.op()) {
      case NOT:
        return !Starlark.truth(x);
      case MINUS:
        if (x instanceof Long || x instanceof java.math.BigInteger) {
          return Ints.negate(x);
        }
        if (x instanceof Double d) {
          return -d;
        }
        break;
      case PLUS:
        if (x instanceof Long || x instanceof java.math.BigInteger || x instanceof Double) {
          return x;
        }
        break;
      case TILDE:
        if (x instanceof Long || x instanceof java.math.BigInteger) {
          return Ints.not(x);
        }
        break;
      default:
        break;
    }
    throw new EvalException("unsupported unary operation: " + u.operator() + Starlark.type(x));
  }

  private static Object evalFString(Frame fr, FString f) {
    StringBuilder sb = new StringBuilder();
    for (Object part : f.parts()) {
      if (part instanceof String s) {
        sb.append(s);
        continue;
      }
      FString.Field field = (FString.Field) part;
      Object v = eval(fr, field.value());
      if (field.conversion() == 'r') {
        v = Starlark.repr(v);
      } else if (field.conversion() == 's') {
        v = Starlark.str(v);
      }
      if (field.spec() != null) {
        String spec = (String) evalFString(fr, field.spec());
        fr.offset = field.value().offset();
        sb.append(Formatter.formatSpec(v, spec));
      } else {
        sb.append(Starlark.str(v));
      }
    }
    return sb.toString();
  }

  // ---- calls ----

  private static final Object[] NO_ARGS = new Object[0];

  private static Object evalCall(Frame fr, Expression.Call call) {
    Expression fnExpr = call.function();
    StarlarkThread thread = fr.thread;
    // x.method(...) on a builtin type: no bound method is made.
    if (fnExpr instanceof Expression.Dot dot) {
      Object receiver = eval(fr, dot.object());
      if (!(receiver instanceof Structure)) {
        BuiltinFunction method = Methods.of(receiver).get(dot.name());
        if (method != null) {
          Object[][] args = evalArguments(fr, call);
          fr.offset = call.offset();
          return method.invoke(thread, receiver, args[0], args[1]);
        }
      }
      fr.offset = dot.offset();
      Object fn = Operators.getAttr(thread, receiver, dot.name());
      Object[][] args = evalArguments(fr, call);
      fr.offset = call.offset();
      return call(thread, fn, args[0], args[1]);
    }
    Object fn = eval(fr, fnExpr);
    if (call.isSimple() && call.keywordCount() == 0) {
      // f(x, y): the common case needs no named-argument array.
      List<Argument> arguments = call.arguments();
      Object[] positional = arguments.isEmpty() ? NO_ARGS : new Object[arguments.size()];
      for (int i = 0; i < positional.length; i++) {
        positional[i] = operand(fr, arguments.get(i).value());
      }
      fr.offset = call.offset();
      return call(thread, fn, positional, NO_ARGS);
    }
    Object[][] args = evalArguments(fr, call);
    fr.offset = call.offset();
    return call(thread, fn, args[0], args[1]);
  }

  static Object call(StarlarkThread thread, Object fn, Object[] positional, Object[] named) {
    if (fn instanceof StarlarkCallable callable) {
      return callable.call(thread, positional, named);
    }
    throw new EvalException("'" + Starlark.type(fn) + "' object is not callable");
  }

  /** Evaluates arguments into {positional, named as name/value pairs}. */
  private static Object[][] evalArguments(Frame fr, Expression.Call call) {
    List<Argument> arguments = call.arguments();
    if (call.isSimple()) {
      Object[] positional = call.positionalCount() == 0 ? NO_ARGS : new Object[call.positionalCount()];
      Object[] named = call.keywordCount() == 0 ? NO_ARGS : new Object[2 * call.keywordCount()];
      int p = 0, k = 0;
      for (int i = 0, n = arguments.size(); i < n; i++) {
        Argument a = arguments.get(i);
        if (a.kind() == Argument.Kind.POSITIONAL) {
          positional[p++] = eval(fr, a.value());
        } else {
          named[k++] = a.name();
          named[k++] = eval(fr, a.value());
        }
      }
      return new Object[][] {positional, named};
    }
    List<Object> positional = new ArrayList<>();
    List<Object> named = new ArrayList<>();
    for (Argument a : arguments) {
      switch (a.kind()) {
        case POSITIONAL -> positional.add(eval(fr, a.value()));
        case KEYWORD -> {
          named.add(a.name());
          named.add(eval(fr, a.value()));
        }
        case STAR -> {
          Object v = eval(fr, a.value());
          fr.offset = a.value().offset();
          if (!(v instanceof StarlarkIterable) && !(v instanceof String && fr.thread.dialect().iterableStrings())) {
            throw new EvalException("argument after * must be iterable, not " + Starlark.type(v));
          }
          positional.addAll(Arrays.asList(Methods.toArray(v, fr.thread)));
        }
        case STAR_STAR -> {
          Object v = eval(fr, a.value());
          fr.offset = a.value().offset();
          Map<?, ?> entries;
          if (v instanceof Dict d) {
            for (Map.Entry<Object, Object> kv : d.entrySet()) {
              if (!(kv.getKey() instanceof String)) {
                throw new EvalException("keywords must be strings, not " + Starlark.type(kv.getKey()));
              }
            }
            entries = toMap(d);
          } else if (v instanceof Mapping m) {
            entries = m.entries();
          } else {
            throw new EvalException("argument after ** must be a mapping, not " + Starlark.type(v));
          }
          for (Map.Entry<?, ?> kv : entries.entrySet()) {
            for (int i = 0; i < named.size(); i += 2) {
              if (named.get(i).equals(kv.getKey())) {
                throw new EvalException("got multiple values for keyword argument '" + kv.getKey() + "'");
              }
            }
            named.add(kv.getKey());
            named.add(kv.getValue());
          }
        }
      }
    }
    return new Object[][] {positional.toArray(), named.toArray()};
  }

  private static Map<Object, Object> toMap(Dict d) {
    Map<Object, Object> m = new java.util.LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : d.entrySet()) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  // ---- comprehensions ----

  private static Object evalComprehension(Frame fr, Comprehension c) {
    if (c.isDict()) {
      Dict result = new Dict(fr.thread.mutability());
      clauses(fr, c, 0, result);
      return result;
    }
    StarlarkList result = new StarlarkList(fr.thread.mutability());
    clauses(fr, c, 0, result);
    return result;
  }

  private static void clauses(Frame fr, Comprehension c, int index, Object result) {
    List<Comprehension.Clause> clauses = c.clauses();
    if (index == clauses.size()) {
      if (result instanceof Dict d) {
        DictLiteral.Entry entry = ((DictLiteral) c.body()).entries().get(0);
        Object key = eval(fr, entry.key());
        Object value = eval(fr, entry.value());
        fr.offset = entry.key().offset();
        Starlark.checkHashable(key);
        d.putUnchecked(key, value);
      } else {
        ((StarlarkList) result).addUnchecked(eval(fr, c.body()));
      }
      return;
    }
    Comprehension.Clause clause = clauses.get(index);
    if (!clause.isFor()) {
      if (Starlark.truth(eval(fr, clause.condition()))) {
        clauses(fr, c, index + 1, result);
      }
      return;
    }
    Object iterable = eval(fr, clause.iterable());
    fr.offset = clause.offset();
    if (iterable instanceof StarlarkList list) {
      list.iterators++;
      try {
        for (int i = 0; i < list.size(); i++) {
          fr.thread.step();
          bindLoopVariable(fr, clause.vars(), list.get(i));
          clauses(fr, c, index + 1, result);
        }
      } finally {
        list.iterators--;
      }
      return;
    }
    Iterable<?> items = Starlark.iterate(iterable, fr.thread.dialect().iterableStrings());
    lock(iterable, 1);
    try {
      for (Object x : items) {
        fr.thread.step();
        bindLoopVariable(fr, clause.vars(), x);
        clauses(fr, c, index + 1, result);
      }
    } finally {
      lock(iterable, -1);
    }
  }
}
