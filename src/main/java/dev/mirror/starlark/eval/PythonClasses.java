package dev.mirror.starlark.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python constructs of the Pants dialect that are values: simple classes and their instances,
 * and the builtin exception types that {@code raise} accepts.
 */
final class PythonClasses {
  private PythonClasses() {}

  /** {@code class Name:}; calling it makes an instance and runs {@code __init__}. */
  static final class ClassValue implements StarlarkCallable, Structure {
    private final String name;
    private final Dict attrs;

    ClassValue(String name, Dict attrs) {
      this.name = name;
      this.attrs = attrs;
    }

    @Override
    public String name() {
      return name;
    }

    Object lookup(String attr) {
      return attrs.get(attr);
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
      Instance instance = new Instance(this, thread.mutability());
      Object init = attrs.get("__init__");
      if (init instanceof StarlarkCallable f) {
        Object[] args = new Object[positional.length + 1];
        args[0] = instance;
        System.arraycopy(positional, 0, args, 1, positional.length);
        f.call(thread, args, named);
      } else if (positional.length > 0 || named.length > 0) {
        throw new EvalException(name + "() takes no arguments");
      }
      return instance;
    }

    @Override
    public Object getAttr(String attr) {
      return attrs.get(attr);
    }

    @Override
    public Collection<String> attrNames() {
      List<String> names = new ArrayList<>();
      for (Object k : attrs) {
        names.add((String) k);
      }
      return names;
    }

    @Override
    public String type() {
      return "type";
    }

    @Override
    public void repr(Printer out) {
      out.append("<class '").append(name).append("'>");
    }
  }

  /** An instance of a {@link ClassValue}: its own attributes, then the class's. */
  static final class Instance implements Structure {
    private final ClassValue cls;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Mutability mutability;

    Instance(ClassValue cls, Mutability mutability) {
      this.cls = cls;
      this.mutability = mutability;
    }

    ClassValue cls() {
      return cls;
    }

    @Override
    public Object getAttr(String name) {
      Object v = fields.get(name);
      if (v != null) {
        return v;
      }
      v = cls.lookup(name);
      if (v instanceof StarlarkFunction f) {
        return new Method(this, f);
      }
      return v;
    }

    @Override
    public void setAttr(String name, Object value) {
      if (mutability.isFrozen()) {
        throw new EvalException("trying to mutate a frozen " + cls.name() + " value");
      }
      fields.put(name, value);
    }

    @Override
    public Collection<String> attrNames() {
      List<String> names = new ArrayList<>(fields.keySet());
      for (String n : cls.attrNames()) {
        if (!names.contains(n)) {
          names.add(n);
        }
      }
      return names;
    }

    @Override
    public String type() {
      return cls.name();
    }

    @Override
    public void repr(Printer out) {
      out.append('<').append(cls.name()).append(" object>");
    }

    @Override
    public boolean isHashable() {
      return true;
    }

    @Override
    public boolean isImmutable() {
      return mutability.isFrozen();
    }
  }

  /** A method taken from an instance: calls the function with the instance first. */
  static final class Method implements StarlarkCallable {
    private final Instance self;
    private final StarlarkFunction function;

    Method(Instance self, StarlarkFunction function) {
      this.self = self;
      this.function = function;
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
      Object[] args = new Object[positional.length + 1];
      args[0] = self;
      System.arraycopy(positional, 0, args, 1, positional.length);
      return function.call(thread, args, named);
    }

    @Override
    public String name() {
      return function.name();
    }

    @Override
    public String type() {
      return "method";
    }

    @Override
    public void repr(Printer out) {
      out.append("<bound method ").append(function.name()).append(" of ")
          .append(self.type()).append(" object>");
    }
  }

  /** {@code ValueError} and friends: callables that make an exception value for {@code raise}. */
  static final class ExceptionType implements StarlarkCallable {
    private final String name;

    ExceptionType(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    ExceptionValue instantiate(Tuple args) {
      return new ExceptionValue(this, args);
    }

    @Override
    public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
      if (named.length > 0) {
        throw new EvalException(name + "() takes no keyword arguments");
      }
      return instantiate(Tuple.of(positional));
    }

    @Override
    public String type() {
      return "type";
    }

    @Override
    public void repr(Printer out) {
      out.append("<class '").append(name).append("'>");
    }
  }

  /** An exception value; raising it stops evaluation with {@code Type: message}. */
  record ExceptionValue(ExceptionType exceptionType, Tuple args) implements Structure {
    String message() {
      String text;
      if (args.size() == 0) {
        return exceptionType.name();
      } else if (args.size() == 1) {
        text = Starlark.str(args.get(0));
      } else {
        text = Starlark.str(args);
      }
      return exceptionType.name() + ": " + text;
    }

    @Override
    public Object getAttr(String name) {
      return name.equals("args") ? args : null;
    }

    @Override
    public Collection<String> attrNames() {
      return List.of("args");
    }

    @Override
    public String type() {
      return exceptionType.name();
    }

    @Override
    public void repr(Printer out) {
      out.append(exceptionType.name()).append('(');
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.repr(args.get(i));
      }
      out.append(')');
    }

    @Override
    public void str(Printer out) {
      if (args.size() == 1) {
        out.str(args.get(0));
      } else if (args.size() > 1) {
        out.repr(args);
      }
    }
  }

  /** The exception types the dialect predeclares. */
  static final List<String> EXCEPTION_NAMES = List.of(
      "Exception", "BaseException", "ValueError", "TypeError", "KeyError", "IndexError",
      "RuntimeError", "NotImplementedError", "AssertionError", "AttributeError", "LookupError",
      "OSError", "FileNotFoundError", "NameError", "ArithmeticError", "ZeroDivisionError",
      "SystemExit", "UnicodeError", "DeprecationWarning", "UserWarning", "Warning");
}
