/**
 * The evaluation half of mirror's Starlark: values, the evaluator, the builtins and the
 * embedding API ({@link dev.mirror.starlark.eval.Interpreter}).
 *
 * <p>Values are plain Java objects where one fits (String, Boolean, Long with BigInteger beyond
 * 64 bits, Double) and classes of this package otherwise; {@link dev.mirror.starlark.eval.Starlark}
 * is the facade for their types, truth, equality, order, printing and conversion to Java.
 *
 * <p>The evaluator runs a tree of executable nodes ({@code ExprNode}, {@code StmtNode}) that
 * {@code NodeCompiler} makes from the resolved syntax tree once per compiled file ({@link
 * dev.mirror.starlark.eval.Interpreter.Compiled}). Each node kind, and each common shape of
 * operands (a local variable, two longs, a call with positional arguments only, a method of a
 * builtin type), is its own small class, so the JIT compiles small methods instead of one switch
 * over node kinds. Names were bound to slots by the resolver, so a variable is an array access,
 * and control flow is a return code, not an exception. Errors are {@link
 * dev.mirror.starlark.eval.EvalException}s with a message only: nodes record where the frame is
 * ({@code StarlarkThread.Frame.offset}) before they can fail, and the interpreter attaches the
 * call stack when the error leaves the innermost function, so builtins never compute locations.
 *
 * <p>Every mutable value belongs to the {@link dev.mirror.starlark.eval.Mutability} of the
 * evaluation that made it; the interpreter freezes it when the module's evaluation ends, after
 * which the values are immutable and may be shared between threads. A collection being iterated
 * refuses mutation. Steps (loop iterations and calls) and call depth are bounded per evaluation.
 *
 * <p>Java functions are {@link dev.mirror.starlark.eval.BuiltinFunction}s declared with a Python
 * parameter list ({@link dev.mirror.starlark.eval.Signature}); one binder ({@code
 * ArgumentBinder}) matches arguments for them and for Starlark functions alike, with Python's
 * messages.
 *
 * <p>The universe of names depends on the dialect ({@code Universe}): the spec's builtins, and in
 * the Pants dialect also the Python builtins BUILD files use ({@code PythonBuiltins}: sum, round,
 * isinstance, map, frozenset, chr, ord and others), with Python's results and messages. Python's
 * lazy iterators are one-pass {@code PythonIterator} values that print without an address, so
 * output stays deterministic; nothing that reaches outside the interpreter (exec, eval, compile,
 * globals, input, a working __import__) exists in either dialect.
 */
package dev.mirror.starlark.eval;
