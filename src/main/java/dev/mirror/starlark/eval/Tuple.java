package dev.mirror.starlark.eval;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** An immutable sequence; hashable when its elements are. */
public final class Tuple implements Sequence, Comparable<Tuple> {
  static final Tuple EMPTY = new Tuple(new Object[0]);

  final Object[] elems;

  private Tuple(Object[] elems) {
    this.elems = elems;
  }

  /** Wraps the array without copying; the caller gives it up. */
  static Tuple wrap(Object[] elems) {
    return elems.length == 0 ? EMPTY : new Tuple(elems);
  }

  public static Tuple of(Object... elems) {
    return wrap(elems.clone());
  }

  public static Tuple copyOf(List<?> elems) {
    return wrap(elems.toArray());
  }

  @Override
  public int size() {
    return elems.length;
  }

  @Override
  public Object get(int i) {
    return elems[i];
  }

  @Override
  public Object slice(Mutability mutability, int start, int stop, int step) {
    return wrap(Slices.slice(elems, start, stop, step));
  }

  @Override
  public Iterator<Object> iterator() {
    return Arrays.asList(elems).iterator();
  }

  @Override
  public String type() {
    return "tuple";
  }

  @Override
  public void repr(Printer out) {
    out.append('(');
    for (int i = 0; i < elems.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.repr(elems[i]);
    }
    if (elems.length == 1) {
      out.append(',');
    }
    out.append(')');
  }

  @Override
  public boolean truth() {
    return elems.length > 0;
  }

  @Override
  public boolean isHashable() {
    return isHashable(0);
  }

  private boolean isHashable(int depth) {
    Limits.checkNesting(depth, "hash");
    for (Object e : elems) {
      if (e instanceof Tuple t ? !t.isHashable(depth + 1) : !Starlark.isHashable(e)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean isImmutable() {
    return isImmutable(0);
  }

  private boolean isImmutable(int depth) {
    Limits.checkNesting(depth, "inspect");
    for (Object e : elems) {
      if (e instanceof Tuple t ? !t.isImmutable(depth + 1)
          : e instanceof StarlarkValue v && !v.isImmutable()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple t && equalElements(t, 0);
  }

  /** Equality with {@code t}, {@code depth} levels inside the values first compared. */
  boolean equalElements(Tuple t, int depth) {
    if (this == t) {
      return true;
    }
    if (t.elems.length != elems.length) {
      return false;
    }
    Limits.checkNesting(depth, "compare");
    for (int i = 0; i < elems.length; i++) {
      if (!Starlark.equal(elems[i], t.elems[i], depth + 1)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hashCode(0);
  }

  int hashCode(int depth) {
    Limits.checkNesting(depth, "hash");
    int h = 0x345678;
    for (Object e : elems) {
      h = h * 1000003 ^ Starlark.hashCode(e, depth + 1);
    }
    return h;
  }

  @Override
  public int compareTo(Tuple o) {
    return compareTo(o, 0);
  }

  int compareTo(Tuple o, int depth) {
    return Slices.compareLexicographic(elems, elems.length, o.elems, o.elems.length, depth);
  }

  @Override
  public String toString() {
    return Starlark.repr(this);
  }
}
