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
    for (Object e : elems) {
      if (!Starlark.isHashable(e)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean isImmutable() {
    for (Object e : elems) {
      if (e instanceof StarlarkValue v && !v.isImmutable()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tuple t) || t.elems.length != elems.length) {
      return false;
    }
    for (int i = 0; i < elems.length; i++) {
      if (!Starlark.equal(elems[i], t.elems[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0x345678;
    for (Object e : elems) {
      h = h * 1000003 ^ Starlark.hashCode(e);
    }
    return h;
  }

  @Override
  public int compareTo(Tuple o) {
    return Slices.compareLexicographic(elems, elems.length, o.elems, o.elems.length);
  }

  @Override
  public String toString() {
    return Starlark.repr(this);
  }
}
