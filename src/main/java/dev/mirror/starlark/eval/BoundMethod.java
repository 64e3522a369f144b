package dev.mirror.starlark.eval;

/** A method of a builtin type taken as a value: {@code f = "a,b".split}. */
final class BoundMethod implements StarlarkCallable {
  private final Object receiver;
  private final BuiltinFunction method;

  BoundMethod(Object receiver, BuiltinFunction method) {
    this.receiver = receiver;
    this.method = method;
  }

  @Override
  public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
    return method.invoke(thread, receiver, positional, named);
  }

  @Override
  public String name() {
    return method.name();
  }

  @Override
  public String type() {
    return "builtin_function_or_method";
  }

  @Override
  public void repr(Printer out) {
    out.append("<built-in method ").append(method.name()).append(" of ")
        .append(Starlark.type(receiver)).append(" value>");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoundMethod m && m.receiver == receiver && m.method == method;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(receiver) * 31 + method.hashCode();
  }
}
