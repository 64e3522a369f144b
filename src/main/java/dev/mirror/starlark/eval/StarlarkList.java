package dev.mirror.starlark.eval;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A mutable sequence. Frozen with its {@link Mutability}; never hashable. */
public final class StarlarkList implements Sequence, Comparable<StarlarkList> {
  private Object[] elems;
  private int size;
  private final Mutability mutability;
  /** Active for-loops over this list; mutation is refused while any is running. */
  int iterators;

  public StarlarkList(Mutability mutability) {
    this.mutability = mutability;
    this.elems = new Object[4];
  }

  StarlarkList(Mutability mutability, Object[] elems) {
    this.mutability = mutability;
    this.elems = elems;
    this.size = elems.length;
  }

  public static StarlarkList of(Mutability mutability, Object... elems) {
    return new StarlarkList(mutability, elems.clone());
  }

  public static StarlarkList copyOf(Mutability mutability, List<?> elems) {
    return new StarlarkList(mutability, elems.toArray());
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Object get(int i) {
    return elems[i];
  }

  Object[] elements() {
    return elems;
  }

  Object[] toArray() {
    return Arrays.copyOf(elems, size);
  }

  @Override
  public Object slice(Mutability m, int start, int stop, int step) {
    return new StarlarkList(m, Slices.slice(Arrays.copyOf(elems, size), start, stop, step));
  }

  void checkMutable() {
    mutability.checkMutable("list", iterators);
  }


  boolean isFrozen() {
    return mutability.isFrozen();
  }

  void addUnchecked(Object x) {
    if (size == elems.length) {
      Limits.checkElements((long) size + 1);
      elems = Arrays.copyOf(elems, Math.max(4, size * 2));
    }
    elems[size++] = x;
  }

  public void append(Object x) {
    checkMutable();
    addUnchecked(x);
  }

  void addAll(Object[] xs, int n) {
    Limits.checkElements((long) size + n);
    if (size + n > elems.length) {
      elems = Arrays.copyOf(elems, Math.max(size + n, size * 2));
    }
    System.arraycopy(xs, 0, elems, size, n);
    size += n;
  }

  void set(int i, Object x) {
    checkMutable();
    elems[i] = x;
  }

  void insert(int i, Object x) {
    addUnchecked(null);
    System.arraycopy(elems, i, elems, i + 1, size - 1 - i);
    elems[i] = x;
  }

  Object removeAt(int i) {
    Object x = elems[i];
    System.arraycopy(elems, i + 1, elems, i, size - 1 - i);
    elems[--size] = null;
    return x;
  }

  void clear() {
    Arrays.fill(elems, 0, size, null);
    size = 0;
  }

  @Override
  public Iterator<Object> iterator() {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < size;
      }

      @Override
      public Object next() {
        if (i >= size) {
          throw new NoSuchElementException();
        }
        return elems[i++];
      }
    };
  }

  @Override
  public String type() {
    return "list";
  }

  @Override
  public void repr(Printer out) {
    out.append('[');
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.repr(elems[i]);
    }
    out.append(']');
  }

  @Override
  public boolean truth() {
    return size > 0;
  }

  @Override
  public boolean isHashable() {
    return false;
  }

  @Override
  public boolean isImmutable() {
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StarlarkList l && equalElements(l, 0);
  }

  /** Equality with {@code l}, {@code depth} levels inside the values first compared. */
  boolean equalElements(StarlarkList l, int depth) {
    if (this == l) {
      return true;
    }
    if (l.size != size) {
      return false;
    }
    Limits.checkNesting(depth, "compare");
    for (int i = 0; i < size; i++) {
      if (!Starlark.equal(elems[i], l.elems[i], depth + 1)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return size; // lists are unhashable; this only keeps equals and hashCode consistent
  }

  @Override
  public int compareTo(StarlarkList o) {
    return compareTo(o, 0);
  }

  int compareTo(StarlarkList o, int depth) {
    return Slices.compareLexicographic(elems, size, o.elems, o.size, depth);
  }

  @Override
  public String toString() {
    return Starlark.repr(this);
  }

  static final Map<String, BuiltinFunction> METHODS = Methods.table(
      BuiltinFunction.method("append", "x, /", (th, self, a) -> {
        ((StarlarkList) self).append(a[0]);
        return Starlark.NONE;
      }),
      BuiltinFunction.method("clear", "", (th, self, a) -> {
        StarlarkList l = (StarlarkList) self;
        l.checkMutable();
        l.clear();
        return Starlark.NONE;
      }),
      BuiltinFunction.method("extend", "x, /", (th, self, a) -> {
        StarlarkList l = (StarlarkList) self;
        l.checkMutable();
        Object[] xs = Methods.toArray(a[0], th);
        l.addAll(xs, xs.length);
        return Starlark.NONE;
      }),
      BuiltinFunction.method("index", "x, start=None, end=None, /", (th, self, a) -> {
        StarlarkList l = (StarlarkList) self;
        int[] b = Slices.bounds(a[1], a[2], Starlark.NONE, l.size);
        for (int i = b[0]; i < b[1]; i++) {
          if (Starlark.equal(l.elems[i], a[0])) {
            return (long) i;
          }
        }
        throw new EvalException("index: value " + Starlark.repr(a[0]) + " not in list");
      }),
      BuiltinFunction.method("insert", "index, x, /", (th, self, a) -> {
        StarlarkList l = (StarlarkList) self;
        l.checkMutable();
        long i = Methods.toLong(a[0], "index");
        if (i < 0) {
          i += l.size;
        }
        l.insert((int) Math.max(0, Math.min(l.size, i)), a[1]);
        return Starlark.NONE;
      }),
      BuiltinFunction.method("pop", "i=-1, /", (th, self, a) -> {
        StarlarkList l = (StarlarkList) self;
        l.checkMutable();
        if (l.size == 0) {
          throw new EvalException("pop: index out of range (list is empty)");
        }
        int i = Slices.index(a[0], l.size, "list");
        return l.removeAt(i);
      }),
      BuiltinFunction.method("remove", "x, /", (th, self, a) -> {
        StarlarkList l = (StarlarkList) self;
        l.checkMutable();
        for (int i = 0; i < l.size; i++) {
          if (Starlark.equal(l.elems[i], a[0])) {
            l.removeAt(i);
            return Starlark.NONE;
          }
        }
        throw new EvalException("remove: element " + Starlark.repr(a[0]) + " not found");
      }));
}
