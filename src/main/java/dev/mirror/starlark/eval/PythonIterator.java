package dev.mirror.starlark.eval;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy iterator of the Pants dialect: what {@code map}, {@code filter} and {@code iter} return.
 * As in Python, one value is one pass: whatever iterates it ({@code for}, {@code list()}, {@code
 * next()}, {@code in}, {@code sorted}, ...) takes the elements from where the last consumer
 * stopped, so a second pass finds none, and a function it applies runs only as elements are
 * taken.
 *
 * <p>Its repr is {@code <map object>}, {@code <list_iterator object>} and so on: Python's adds the
 * object's address, which would make the same file print differently from run to run. It belongs
 * to the evaluation that made it: once that module is frozen it can no longer advance (it would
 * have to call functions of a finished evaluation), which is an error rather than a silent end.
 */
final class PythonIterator implements StarlarkIterable {

  /** Makes the elements: returns the next one, or {@link #END}. */
  @FunctionalInterface
  interface Source {
    Object next();
  }

  /** What {@link Source#next} and {@link #next} return when there are no more elements. */
  static final Object END = new Object();

  private static final Object NOTHING = new Object();

  private final String type;
  private final Mutability mutability;
  private final Source source;
  /** An element taken by {@code hasNext} and not yet handed out, or {@link #NOTHING}. */
  private Object peeked = NOTHING;
  private boolean exhausted;

  PythonIterator(String type, Mutability mutability, Source source) {
    this.type = type;
    this.mutability = mutability;
    this.source = source;
  }

  /** The iterator of an iterable value, named as Python names it ({@code list_iterator}). */
  static PythonIterator over(Object iterable, StarlarkThread thread) {
    String type = switch (Starlark.type(iterable)) {
      case "string" -> "str_iterator";
      case "dict" -> "dict_keyiterator";
      case "frozenset" -> "set_iterator";
      default -> Starlark.type(iterable) + "_iterator";
    };
    Iterator<?> it = Starlark.iterate(iterable, thread.dialect().iterableStrings()).iterator();
    return new PythonIterator(type, thread.mutability(), () -> it.hasNext() ? it.next() : END);
  }

  /** Takes the next element, or returns {@link #END}. */
  Object next() {
    if (peeked != NOTHING) {
      Object x = peeked;
      peeked = NOTHING;
      return x;
    }
    return advance();
  }

  private Object advance() {
    if (exhausted) {
      return END;
    }
    if (mutability.isFrozen()) {
      throw new EvalException("cannot advance a frozen " + type + " object (iterators cannot be"
          + " shared between modules)");
    }
    Object x = source.next();
    if (x == END) {
      exhausted = true;
    }
    return x;
  }

  @Override
  public Iterator<Object> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (peeked == NOTHING) {
          peeked = advance();
        }
        return peeked != END;
      }

      @Override
      public Object next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object x = peeked;
        peeked = NOTHING;
        return x;
      }
    };
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public void repr(Printer out) {
    out.append('<').append(type).append(" object>");
  }

  @Override
  public boolean isImmutable() {
    return false;
  }
}
