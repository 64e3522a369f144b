package dev.mirror.starlark.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A mutable set that remembers insertion order; elements must be hashable. Its subclass {@link
 * Frozen} is the Pants dialect's {@code frozenset}.
 */
public sealed class StarlarkSet implements StarlarkIterable, Starlark.Sized
    permits StarlarkSet.Frozen {
  private final LinkedHashSet<Object> set;
  private final Mutability mutability;
  int iterators;

  public StarlarkSet(Mutability mutability) {
    this.mutability = mutability;
    this.set = new LinkedHashSet<>();
  }

  /** Elements are stored as dict keys are: an integral float under the equal int. */
  private static Object canonical(Object k) {
    if (k instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p63) {
      return d.longValue();
    }
    return k;
  }

  @Override
  public int size() {
    return set.size();
  }

  public boolean contains(Object x) {
    Starlark.checkHashable(x);
    return set.contains(canonical(x));
  }

  void checkMutable() {
    mutability.checkMutable("set", iterators);
  }


  void addUnchecked(Object x) {
    set.add(canonical(x));
  }

  public void add(Object x) {
    checkMutable();
    Starlark.checkHashable(x);
    set.add(canonical(x));
  }

  void replaceWith(StarlarkSet other) {
    set.clear();
    set.addAll(other.set);
  }

  /** An empty set of this one's kind: the result of an operator keeps its left operand's. */
  private StarlarkSet emptyLike(Mutability m) {
    return this instanceof Frozen ? new Frozen() : new StarlarkSet(m);
  }

  StarlarkSet copy(Mutability m) {
    StarlarkSet s = emptyLike(m);
    s.set.addAll(set);
    return s;
  }

  static StarlarkSet from(Object iterable, StarlarkThread th) {
    StarlarkSet s = new StarlarkSet(th.mutability());
    for (Object x : Starlark.iterate(iterable, false)) {
      Starlark.checkHashable(x);
      s.set.add(canonical(x));
    }
    return s;
  }

  StarlarkSet union(Object other, StarlarkThread th) {
    StarlarkSet s = copy(th.mutability());
    for (Object x : Starlark.iterate(other, false)) {
      Starlark.checkHashable(x);
      s.set.add(canonical(x));
    }
    return s;
  }

  StarlarkSet intersection(Object other, StarlarkThread th) {
    StarlarkSet o = other instanceof StarlarkSet os ? os : from(other, th);
    StarlarkSet s = emptyLike(th.mutability());
    for (Object x : set) {
      if (o.set.contains(x)) {
        s.set.add(x);
      }
    }
    return s;
  }

  StarlarkSet difference(Object other, StarlarkThread th) {
    StarlarkSet o = other instanceof StarlarkSet os ? os : from(other, th);
    StarlarkSet s = emptyLike(th.mutability());
    for (Object x : set) {
      if (!o.set.contains(x)) {
        s.set.add(x);
      }
    }
    return s;
  }

  StarlarkSet symmetricDifference(Object other, StarlarkThread th) {
    StarlarkSet o = other instanceof StarlarkSet os ? os : from(other, th);
    StarlarkSet s = difference(o, th);
    for (Object x : o.set) {
      if (!set.contains(x)) {
        s.set.add(x);
      }
    }
    return s;
  }

  boolean isSubsetOf(StarlarkSet o) {
    return o.set.containsAll(set);
  }

  @Override
  public Iterator<Object> iterator() {
    return List.copyOf(set).iterator();
  }

  @Override
  public String type() {
    return "set";
  }

  /** {@code set([1, 2])}, or {@code frozenset([1, 2])}: a call that makes the value again. */
  @Override
  public void repr(Printer out) {
    if (set.isEmpty()) {
      out.append(type()).append("()");
      return;
    }
    out.append(type()).append("([");
    boolean first = true;
    for (Object x : set) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.repr(x);
    }
    out.append("])");
  }

  @Override
  public boolean truth() {
    return !set.isEmpty();
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
    return o instanceof StarlarkSet s && s.set.equals(set);
  }

  @Override
  public int hashCode() {
    return set.size();
  }

  @Override
  public String toString() {
    return Starlark.repr(this);
  }

  /**
   * Python's {@code frozenset} (Pants dialect): a set that never changes, so it is hashable; it
   * has the set methods that make new sets, and equals the set of the same elements.
   */
  static final class Frozen extends StarlarkSet {
    Frozen() {
      super(Mutability.IMMUTABLE);
    }

    static Frozen from(Object iterable) {
      Frozen s = new Frozen();
      for (Object x : Starlark.iterate(iterable, true)) {
        Starlark.checkHashable(x);
        s.addUnchecked(x);
      }
      return s;
    }

    @Override
    public String type() {
      return "frozenset";
    }

    @Override
    public boolean isHashable() {
      return true;
    }

    @Override
    public boolean isImmutable() {
      return true;
    }

    @Override
    public int hashCode() {
      return ((StarlarkSet) this).set.hashCode();
    }
  }

  private static Object[] others(Object varargs) {
    return ((Tuple) varargs).elems;
  }

  static final Map<String, BuiltinFunction> METHODS = Methods.table(
      BuiltinFunction.method("add", "element, /", (th, self, a) -> {
        ((StarlarkSet) self).add(a[0]);
        return Starlark.NONE;
      }),
      BuiltinFunction.method("clear", "", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        s.set.clear();
        return Starlark.NONE;
      }),
      BuiltinFunction.method("difference", "*others", (th, self, a) -> {
        StarlarkSet s = ((StarlarkSet) self).copy(th.mutability());
        for (Object o : others(a[0])) {
          s = s.difference(o, th);
        }
        return s;
      }),
      BuiltinFunction.method("difference_update", "*others", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        for (Object o : others(a[0])) {
          StarlarkSet d = s.difference(o, th);
          s.set.retainAll(d.set);
        }
        return Starlark.NONE;
      }),
      BuiltinFunction.method("discard", "element, /", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        Starlark.checkHashable(a[0]);
        s.set.remove(canonical(a[0]));
        return Starlark.NONE;
      }),
      BuiltinFunction.method("intersection", "*others", (th, self, a) -> {
        StarlarkSet s = ((StarlarkSet) self).copy(th.mutability());
        for (Object o : others(a[0])) {
          s = s.intersection(o, th);
        }
        return s;
      }),
      BuiltinFunction.method("intersection_update", "*others", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        for (Object o : others(a[0])) {
          StarlarkSet i = s.intersection(o, th);
          s.set.retainAll(i.set);
        }
        return Starlark.NONE;
      }),
      BuiltinFunction.method("isdisjoint", "other, /", (th, self, a) ->
          ((StarlarkSet) self).intersection(a[0], th).set.isEmpty()),
      BuiltinFunction.method("issubset", "other, /", (th, self, a) ->
          ((StarlarkSet) self).isSubsetOf(from(a[0], th))),
      BuiltinFunction.method("issuperset", "other, /", (th, self, a) ->
          from(a[0], th).isSubsetOf((StarlarkSet) self)),
      BuiltinFunction.method("pop", "", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        if (s.set.isEmpty()) {
          throw new EvalException("pop: empty set");
        }
        Object first = s.set.iterator().next();
        s.set.remove(first);
        return first;
      }),
      BuiltinFunction.method("remove", "element, /", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        Starlark.checkHashable(a[0]);
        if (!s.set.remove(canonical(a[0]))) {
          throw new EvalException("remove: element " + Starlark.repr(a[0]) + " not found");
        }
        return Starlark.NONE;
      }),
      BuiltinFunction.method("symmetric_difference", "other, /", (th, self, a) ->
          ((StarlarkSet) self).symmetricDifference(a[0], th)),
      BuiltinFunction.method("symmetric_difference_update", "other, /", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        StarlarkSet d = s.symmetricDifference(a[0], th);
        s.set.clear();
        s.set.addAll(d.set);
        return Starlark.NONE;
      }),
      BuiltinFunction.method("union", "*others", (th, self, a) -> {
        StarlarkSet s = ((StarlarkSet) self).copy(th.mutability());
        for (Object o : others(a[0])) {
          s = s.union(o, th);
        }
        return s;
      }),
      BuiltinFunction.method("update", "*others", (th, self, a) -> {
        StarlarkSet s = (StarlarkSet) self;
        s.checkMutable();
        List<Object> add = new ArrayList<>();
        for (Object o : others(a[0])) {
          for (Object x : Starlark.iterate(o, false)) {
            Starlark.checkHashable(x);
            add.add(canonical(x));
          }
        }
        s.set.addAll(add);
        return Starlark.NONE;
      }));
  /** The methods of a frozenset: those that do not change the set. */
  static final Map<String, BuiltinFunction> FROZEN_METHODS = Methods.table(METHODS.values().stream()
      .filter(f -> java.util.Set.of("difference", "intersection", "isdisjoint", "issubset",
          "issuperset", "symmetric_difference", "union").contains(f.name()))
      .toArray(BuiltinFunction[]::new));
}
