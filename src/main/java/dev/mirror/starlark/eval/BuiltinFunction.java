package dev.mirror.starlark.eval;

/**
 * A function implemented in Java, declared with a {@link Signature}; its implementation receives
 * the arguments already matched to parameters. A method is a builtin bound to a receiver.
 */
public final class BuiltinFunction implements StarlarkCallable {

  /** The body of a builtin function: {@code args} in parameter order, then *args, **kwargs. */
  @FunctionalInterface
  public interface Impl {
    Object call(StarlarkThread thread, Object[] args) throws EvalException;
  }

  /** The body of a method: as {@link Impl}, with the receiver. */
  @FunctionalInterface
  public interface MethodImpl {
    Object call(StarlarkThread thread, Object self, Object[] args) throws EvalException;
  }

  private final String name;
  private final Signature signature;
  private final Impl impl;
  private final MethodImpl method;
  private final String doc;

  private BuiltinFunction(String name, Signature signature, Impl impl, MethodImpl method, String doc) {
    this.name = name;
    this.signature = signature;
    this.impl = impl;
    this.method = method;
    this.doc = doc;
  }

  /** A function; {@code params} is a Python parameter list (see {@link Signature}). */
  public static BuiltinFunction of(String name, String params, Impl impl) {
    return new BuiltinFunction(name, Signature.parse(params), impl, null, "");
  }

  public static BuiltinFunction of(String name, Signature signature, Impl impl) {
    return new BuiltinFunction(name, signature, impl, null, "");
  }

  static BuiltinFunction method(String name, String params, MethodImpl impl) {
    return new BuiltinFunction(name, Signature.parse(params), null, impl, "");
  }

  @Override
  public String name() {
    return name;
  }

  public Signature signature() {
    return signature;
  }

  public String doc() {
    return doc;
  }

  boolean isMethod() {
    return method != null;
  }

  @Override
  public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
    return invoke(thread, null, positional, named);
  }

  /** Calls the method on {@code self}; also used for functions, with a null receiver. */
  Object invoke(StarlarkThread thread, Object self, Object[] positional, Object[] named) {
    Signature s = signature;
    Object[] args = new Object[s.slots()];
    ArgumentBinder.bind(name, s.names(), s.defaults(), s.positionalOnly(), s.positional(),
        s.varargs() != null, s.kwargs() != null, positional, named, thread.mutability(), args);
    return method != null ? method.call(thread, self, args) : impl.call(thread, args);
  }

  @Override
  public String type() {
    return "builtin_function_or_method";
  }

  @Override
  public void repr(Printer out) {
    out.append("<built-in function ").append(name).append('>');
  }
}
