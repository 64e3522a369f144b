package dev.mirror.starlark.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mutable mapping that remembers insertion order. Keys must be hashable. An integral float key
 * is stored under the equal int (so {@code d[1] is d[1.0]}), and the float is kept for printing.
 */
public final class Dict implements StarlarkIterable, Mapping, Starlark.Sized {
  private final LinkedHashMap<Object, Object> map;
  private final Mutability mutability;
  /** The original float key of entries stored under an int, if any. */
  private Map<Object, Object> floatKeys;
  int iterators;

  public Dict(Mutability mutability) {
    this.mutability = mutability;
    this.map = new LinkedHashMap<>();
  }

  Dict(Mutability mutability, int capacity) {
    this.mutability = mutability;
    this.map = new LinkedHashMap<>(Math.max(4, capacity * 4 / 3 + 1));
  }

  /** The key under which {@code k} is stored. */
  private static Object canonical(Object k) {
    if (k instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Math.abs(d) < 0x1p63 ? (Object) d.longValue() : Ints.normalize(Ints.toBig(d));
    }
    return k;
  }

  @Override
  public int size() {
    return map.size();
  }

  public Object get(Object key) {
    Starlark.checkHashable(key);
    return map.get(canonical(key));
  }

  public boolean containsKey(Object key) {
    Starlark.checkHashable(key);
    return map.containsKey(canonical(key));
  }

  void checkMutable() {
    mutability.checkMutable("dict", iterators);
  }


  public void put(Object key, Object value) {
    checkMutable();
    Starlark.checkHashable(key);
    putUnchecked(key, value);
  }

  void putUnchecked(Object key, Object value) {
    Object c = canonical(key);
    if (c != key && !map.containsKey(c)) {
      if (floatKeys == null) {
        floatKeys = new HashMap<>();
      }
      floatKeys.put(c, key);
    }
    map.put(c, value);
  }

  Object remove(Object key) {
    checkMutable();
    Starlark.checkHashable(key);
    Object c = canonical(key);
    if (floatKeys != null) {
      floatKeys.remove(c);
    }
    return map.remove(c);
  }

  private Object original(Object k) {
    if (floatKeys != null) {
      Object f = floatKeys.get(k);
      if (f != null) {
        return f;
      }
    }
    return k;
  }

  /** The entries, with keys as they were given. */
  public Set<Map.Entry<Object, Object>> entrySet() {
    if (floatKeys == null) {
      return map.entrySet();
    }
    LinkedHashMap<Object, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : map.entrySet()) {
      copy.put(original(e.getKey()), e.getValue());
    }
    return copy.entrySet();
  }

  Object[] keysArray() {
    Object[] keys = map.keySet().toArray();
    if (floatKeys != null) {
      for (int i = 0; i < keys.length; i++) {
        keys[i] = original(keys[i]);
      }
    }
    return keys;
  }

  @Override
  public Map<String, Object> entries() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : map.entrySet()) {
      if (!(e.getKey() instanceof String s)) {
        throw new EvalException("keywords must be strings, not " + Starlark.type(e.getKey()));
      }
      out.put(s, e.getValue());
    }
    return out;
  }

  @Override
  public Iterator<Object> iterator() {
    return List.of(keysArray()).iterator();
  }

  @Override
  public String type() {
    return "dict";
  }

  @Override
  public void repr(Printer out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<Object, Object> e : map.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.repr(original(e.getKey())).append(": ").repr(e.getValue());
    }
    out.append('}');
  }

  @Override
  public boolean truth() {
    return !map.isEmpty();
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
    return o instanceof Dict d && equalEntries(d, 0);
  }

  /** Equality with {@code d}, {@code depth} levels inside the values first compared. */
  boolean equalEntries(Dict d, int depth) {
    if (this == d) {
      return true;
    }
    if (d.map.size() != map.size()) {
      return false;
    }
    Limits.checkNesting(depth, "compare");
    for (Map.Entry<Object, Object> e : map.entrySet()) {
      Object v = d.map.get(e.getKey());
      if (v == null || !Starlark.equal(e.getValue(), v, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return map.size();
  }

  @Override
  public String toString() {
    return Starlark.repr(this);
  }

  Dict copy(Mutability m) {
    Dict d = new Dict(m, map.size());
    d.map.putAll(map);
    if (floatKeys != null) {
      d.floatKeys = new HashMap<>(floatKeys);
    }
    return d;
  }

  /** dict.update and the dict() constructor: a mapping or iterable of pairs, then keywords. */
  void update(Object arg, Dict kwargs, StarlarkThread thread, String function) {
    if (arg != null && arg != Signature.ABSENT && arg != Starlark.NONE) {
      if (arg instanceof Dict other) {
        for (Map.Entry<Object, Object> e : other.entrySet()) {
          putUnchecked(e.getKey(), e.getValue());
        }
      } else {
        int i = 0;
        for (Object item : Starlark.iterate(arg, false)) {
          Object[] pair;
          try {
            pair = Methods.toArray(item, thread);
          } catch (EvalException e) {
            throw new EvalException(function + ": cannot convert dictionary update sequence"
                + " element #" + i + " to a sequence (got " + Starlark.type(item) + ")");
          }
          if (pair.length != 2) {
            throw new EvalException(function + ": dictionary update sequence element #" + i
                + " has length " + pair.length + "; 2 is required");
          }
          Starlark.checkHashable(pair[0]);
          putUnchecked(pair[0], pair[1]);
          i++;
        }
      }
    }
    if (kwargs != null) {
      for (Map.Entry<Object, Object> e : kwargs.map.entrySet()) {
        putUnchecked(e.getKey(), e.getValue());
      }
    }
  }

  static final Map<String, BuiltinFunction> METHODS = Methods.table(
      BuiltinFunction.method("clear", "", (th, self, a) -> {
        Dict d = (Dict) self;
        d.checkMutable();
        d.map.clear();
        d.floatKeys = null;
        return Starlark.NONE;
      }),
      BuiltinFunction.method("get", "key, default=None, /", (th, self, a) -> {
        Object v = ((Dict) self).get(a[0]);
        return v == null ? a[1] : v;
      }),
      BuiltinFunction.method("items", "", (th, self, a) -> {
        Dict d = (Dict) self;
        List<Object> items = new ArrayList<>(d.map.size());
        for (Map.Entry<Object, Object> e : d.map.entrySet()) {
          items.add(Tuple.of(d.original(e.getKey()), e.getValue()));
        }
        return StarlarkList.copyOf(th.mutability(), items);
      }),
      BuiltinFunction.method("keys", "", (th, self, a) ->
          new StarlarkList(th.mutability(), ((Dict) self).keysArray())),
      BuiltinFunction.method("pop", "key, default=?, /", (th, self, a) -> {
        Dict d = (Dict) self;
        d.checkMutable();
        Object v = d.remove(a[0]);
        if (v == null) {
          if (a[1] == Signature.ABSENT) {
            throw new EvalException("pop: key " + Starlark.repr(a[0]) + " not found");
          }
          return a[1];
        }
        return v;
      }),
      BuiltinFunction.method("popitem", "", (th, self, a) -> {
        Dict d = (Dict) self;
        d.checkMutable();
        if (d.map.isEmpty()) {
          throw new EvalException("popitem: empty dict");
        }
        Map.Entry<Object, Object> first = d.map.entrySet().iterator().next();
        Object key = d.original(first.getKey());
        Object value = first.getValue();
        d.remove(first.getKey());
        return Tuple.of(key, value);
      }),
      BuiltinFunction.method("setdefault", "key, default=None, /", (th, self, a) -> {
        Dict d = (Dict) self;
        Object v = d.get(a[0]);
        if (v != null) {
          return v;
        }
        d.put(a[0], a[1]);
        return a[1];
      }),
      BuiltinFunction.method("update", "pairs=?, /, **kwargs", (th, self, a) -> {
        Dict d = (Dict) self;
        d.checkMutable();
        d.update(a[0], (Dict) a[1], th, "update");
        return Starlark.NONE;
      }),
      BuiltinFunction.method("values", "", (th, self, a) ->
          new StarlarkList(th.mutability(), ((Dict) self).map.values().toArray())));
}
