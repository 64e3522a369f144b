package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.Argument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls. The common shapes have their own nodes: {@code f(x, y)} needs no named-argument array,
 * and {@code x.method(...)} on a builtin type makes no bound method and finds the method by the
 * receiver's class, remembered from the last call.
 */
final class CallNodes {
  private CallNodes() {}

  static final Object[] NO_ARGS = new Object[0];

  static Object call(StarlarkThread thread, Object fn, Object[] positional, Object[] named) {
    if (fn instanceof StarlarkCallable callable) {
      return callable.call(thread, positional, named);
    }
    throw new EvalException("'" + Starlark.type(fn) + "' object is not callable");
  }

  private static Object[] evalPositional(Frame fr, ExprNode[] arguments) {
    if (arguments.length == 0) {
      return NO_ARGS;
    }
    Object[] values = new Object[arguments.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = arguments[i].eval(fr);
    }
    return values;
  }

  /** {@code f(x, y)}: positional arguments only. */
  static final class PositionalCall extends ExprNode {
    private final ExprNode function;
    private final ExprNode[] arguments;

    PositionalCall(int offset, ExprNode function, ExprNode[] arguments) {
      super(offset);
      this.function = function;
      this.arguments = arguments;
    }

    @Override
    Object eval(Frame fr) {
      Object fn = function.eval(fr);
      if (fn instanceof StarlarkFunction f && f.plainArity == arguments.length) {
        // The arguments go straight to the callee's slots: no array to bind from.
        Object[] locals = f.newLocals();
        for (int i = 0; i < arguments.length; i++) {
          locals[i] = arguments[i].eval(fr);
        }
        fr.offset = offset;
        return f.callBound(fr.thread, locals);
      }
      Object[] positional = evalPositional(fr, arguments);
      fr.offset = offset;
      return call(fr.thread, fn, positional, NO_ARGS);
    }
  }

  /** {@code f(...)} with keyword, {@code *args} or {@code **kwargs} arguments. */
  static final class Call extends ExprNode {
    private final ExprNode function;
    private final Arguments arguments;

    Call(int offset, ExprNode function, Arguments arguments) {
      super(offset);
      this.function = function;
      this.arguments = arguments;
    }

    @Override
    Object eval(Frame fr) {
      Object fn = function.eval(fr);
      Object[][] args = arguments.eval(fr, fn);
      fr.offset = offset;
      return call(fr.thread, fn, args[0], args[1]);
    }
  }

  /** {@code x.name(...)}. */
  static final class MethodCall extends ExprNode {
    private final ExprNode receiver;
    private final String name;
    private final int dotOffset;
    /** The arguments when all are positional, else null and {@link #arguments} has them. */
    private final ExprNode[] positional;
    private final Arguments arguments;
    /** The receiver's class and its builtin method (null if none) at the last call. */
    private MethodOfClass cache;

    MethodCall(int offset, ExprNode receiver, String name, int dotOffset, ExprNode[] positional,
        Arguments arguments) {
      super(offset);
      this.receiver = receiver;
      this.name = name;
      this.dotOffset = dotOffset;
      this.positional = positional;
      this.arguments = arguments;
    }

    /** One immutable entry, so that threads sharing the node see a consistent pair. */
    private record MethodOfClass(Class<?> type, BuiltinFunction method) {}

    @Override
    Object eval(Frame fr) {
      Object self = receiver.eval(fr);
      BuiltinFunction method = builtinMethod(self);
      Object fn = null;
      if (method == null) {
        fr.offset = dotOffset;
        fn = Operators.getAttr(fr.thread, self, name);
      }
      Object[] pos;
      Object[] named;
      if (positional != null) {
        pos = evalPositional(fr, positional);
        named = NO_ARGS;
      } else {
        Object[][] args = arguments.eval(fr, method != null ? method : fn);
        pos = args[0];
        named = args[1];
      }
      fr.offset = offset;
      return method != null
          ? method.invoke(fr.thread, self, pos, named)
          : call(fr.thread, fn, pos, named);
    }

    private BuiltinFunction builtinMethod(Object self) {
      MethodOfClass c = cache;
      if (c == null || c.type != self.getClass()) {
        c = new MethodOfClass(self.getClass(),
            self instanceof Structure ? null : Methods.of(self).get(name));
        cache = c;
      }
      return c.method;
    }
  }

  /**
   * Arguments in general: evaluated into {positional, named as name/value pairs}, with {@code
   * *args} and {@code **kwargs} spliced in.
   *
   * <p>The order of evaluation is the call's, as the spec says. Python's differs only where a named
   * argument precedes a {@code *args} one (the parser allows that in the Pants dialect alone, and
   * the spec's {@code f(x=1, *a)}): Python evaluates the positional and {@code *args} arguments
   * first, then the named and {@code **kwargs} ones, each in the call's order, and the Pants
   * dialect follows it. A name given twice is found as Python finds it: a {@code **kwargs}
   * argument is checked as soon as it is evaluated, a run of named arguments after one once the
   * whole run is evaluated.
   */
  static final class Arguments {
    private final Argument.Kind[] kinds;
    private final String[] names;
    private final ExprNode[] values;
    private final int positionalCount;
    private final int keywordCount;
    private final boolean simple;
    /** Indexes of the arguments in Python's order of evaluation, or null if it is the call's. */
    private final int[] pythonOrder;

    Arguments(Argument.Kind[] kinds, String[] names, ExprNode[] values) {
      this.kinds = kinds;
      this.names = names;
      this.values = values;
      int positional = 0, keyword = 0;
      boolean starred = false, named = false, reordered = false;
      for (Argument.Kind k : kinds) {
        switch (k) {
          case POSITIONAL -> positional++;
          case KEYWORD -> keyword++;
          default -> starred = true;
        }
        boolean isNamed = k == Argument.Kind.KEYWORD || k == Argument.Kind.STAR_STAR;
        reordered |= named && !isNamed;
        named |= isNamed;
      }
      this.positionalCount = positional;
      this.keywordCount = keyword;
      this.simple = !starred;
      this.pythonOrder = reordered ? pythonOrder(kinds) : null;
    }

    private static int[] pythonOrder(Argument.Kind[] kinds) {
      int[] order = new int[kinds.length];
      int n = 0;
      for (int i = 0; i < kinds.length; i++) {
        if (kinds[i] == Argument.Kind.POSITIONAL || kinds[i] == Argument.Kind.STAR) {
          order[n++] = i;
        }
      }
      for (int i = 0; i < kinds.length; i++) {
        if (kinds[i] == Argument.Kind.KEYWORD || kinds[i] == Argument.Kind.STAR_STAR) {
          order[n++] = i;
        }
      }
      return order;
    }

    /** Evaluates the arguments of a call of {@code fn} (named in messages). */
    Object[][] eval(Frame fr, Object fn) {
      return simple ? evalSimple(fr) : evalStarred(fr, fn);
    }

    private Object[][] evalSimple(Frame fr) {
      Object[] positional = positionalCount == 0 ? NO_ARGS : new Object[positionalCount];
      Object[] named = keywordCount == 0 ? NO_ARGS : new Object[2 * keywordCount];
      int p = 0, k = 0;
      for (int i = 0; i < values.length; i++) {
        if (kinds[i] == Argument.Kind.POSITIONAL) {
          positional[p++] = values[i].eval(fr);
        } else {
          named[k++] = names[i];
          named[k++] = values[i].eval(fr);
        }
      }
      return new Object[][] {positional, named};
    }

    private Object[][] evalStarred(Frame fr, Object fn) {
      List<Object> positional = new ArrayList<>();
      List<Object> named = new ArrayList<>();
      int[] order = pythonOrder != null && fr.thread.dialect().pythonLeniency() ? pythonOrder : null;
      boolean splicedKeywords = false;
      int run = -1; // where in named the run of named arguments after a **kwargs one began
      for (int j = 0; j < values.length; j++) {
        int i = order == null ? j : order[j];
        ExprNode value = values[i];
        switch (kinds[i]) {
          case POSITIONAL -> positional.add(value.eval(fr));
          case KEYWORD -> {
            if (splicedKeywords && run < 0) {
              run = named.size();
            }
            named.add(names[i]);
            named.add(value.eval(fr));
          }
          case STAR -> {
            Object v = value.eval(fr);
            fr.offset = value.offset;
            if (!(v instanceof StarlarkIterable)
                && !(v instanceof String && fr.thread.dialect().iterableStrings())) {
              throw new EvalException("argument after * must be iterable, not " + Starlark.type(v));
            }
            positional.addAll(Arrays.asList(Methods.toArray(v, fr.thread)));
          }
          case STAR_STAR -> {
            if (run >= 0) {
              checkRun(fr, fn, named, run);
              run = -1;
            }
            Object v = value.eval(fr);
            fr.offset = value.offset;
            spliceKeywords(fn, v, named);
            splicedKeywords = true;
          }
        }
      }
      if (run >= 0) {
        checkRun(fr, fn, named, run);
      }
      return new Object[][] {positional.toArray(), named.toArray()};
    }

    /**
     * Checks the names of a run of named arguments, {@code named[run:]}, against those before it,
     * which include a spliced **kwargs.
     */
    private void checkRun(Frame fr, Object fn, List<Object> named, int run) {
      for (int k = run; k < named.size(); k += 2) {
        Object name = named.get(k);
        for (int m = 0; m < run; m += 2) {
          if (named.get(m).equals(name)) {
            for (int i = 0; i < kinds.length; i++) {
              if (kinds[i] == Argument.Kind.KEYWORD && names[i].equals(name)) {
                fr.offset = values[i].offset; // names of named arguments are unique
              }
            }
            throw multipleValues(fn, name);
          }
        }
      }
    }

    private static EvalException multipleValues(Object fn, Object name) {
      String callee = fn instanceof StarlarkCallable c ? c.name() + "()"
          : "'" + Starlark.type(fn) + "' object";
      return new EvalException(callee + " got multiple values for keyword argument '" + name
          + "'");
    }

    private static void spliceKeywords(Object fn, Object v, List<Object> named) {
      Map<?, ?> entries;
      if (v instanceof Dict d) {
        for (Map.Entry<Object, Object> kv : d.entrySet()) {
          if (!(kv.getKey() instanceof String)) {
            throw new EvalException("keywords must be strings, not " + Starlark.type(kv.getKey()));
          }
        }
        Map<Object, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> kv : d.entrySet()) {
          copy.put(kv.getKey(), kv.getValue());
        }
        entries = copy;
      } else if (v instanceof Mapping m) {
        entries = m.entries();
      } else {
        throw new EvalException("argument after ** must be a mapping, not " + Starlark.type(v));
      }
      for (Map.Entry<?, ?> kv : entries.entrySet()) {
        for (int i = 0; i < named.size(); i += 2) {
          if (named.get(i).equals(kv.getKey())) {
            throw multipleValues(fn, kv.getKey());
          }
        }
        named.add(kv.getKey());
        named.add(kv.getValue());
      }
    }
  }
}
