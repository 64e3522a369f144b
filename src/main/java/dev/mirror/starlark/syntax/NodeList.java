package dev.mirror.starlark.syntax;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * The immutable list type of every list in the syntax tree. One final class, so the {@code get}
 * calls of the tree walkers are monomorphic and inlined (the JDK's immutable lists come in two classes).
 */
final class NodeList<T> extends AbstractList<T> implements RandomAccess {
  private static final NodeList<?> EMPTY = new NodeList<>(new Object[0]);

  private final Object[] items;

  private NodeList(Object[] items) {
    this.items = items;
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> copyOf(Collection<? extends T> items) {
    if (items instanceof NodeList<?>) {
      return (List<T>) items;
    }
    return items.isEmpty() ? (List<T>) EMPTY : new NodeList<>(items.toArray());
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    return (T) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
