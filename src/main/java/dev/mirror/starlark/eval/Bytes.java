package dev.mirror.starlark.eval;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** An immutable sequence of bytes; indexing yields ints. */
public final class Bytes implements StarlarkValue, Starlark.Sized, Comparable<Bytes> {
  final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Wraps the array without copying; the caller gives it up. */
  static Bytes wrap(byte[] data) {
    return new Bytes(data);
  }

  public static Bytes of(byte[] data) {
    return new Bytes(data.clone());
  }

  public byte[] toByteArray() {
    return data.clone();
  }

  @Override
  public int size() {
    return data.length;
  }

  @Override
  public String type() {
    return "bytes";
  }

  @Override
  public void repr(Printer out) {
    StringBuilder sb = new StringBuilder("b\"");
    for (byte b : data) {
      int c = b & 0xff;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else {
            sb.append((char) c);
          }
        }
      }
    }
    out.append(sb.append('"').toString());
  }

  @Override
  public void str(Printer out) {
    // str(b) decodes UTF-8, replacing invalid sequences with U+FFFD.
    out.append(new String(data, StandardCharsets.UTF_8));
  }

  @Override
  public boolean truth() {
    return data.length > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(b.data, data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(data, o.data);
  }

  boolean contains(Object x) {
    if (x instanceof Bytes b) {
      return indexOf(data, b.data, 0) >= 0;
    }
    if (x instanceof Long l) {
      if (l < 0 || l > 255) {
        throw new EvalException("int in bytes: " + l + " out of range");
      }
      for (byte b : data) {
        if ((b & 0xff) == l) {
          return true;
        }
      }
      return false;
    }
    throw new EvalException("'in <bytes>' requires bytes or int as left operand, not "
        + Starlark.type(x));
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    return Starlark.repr(this);
  }

  static final Map<String, BuiltinFunction> METHODS = Methods.table(
      BuiltinFunction.method("elems", "", (th, self, a) -> {
        byte[] d = ((Bytes) self).data;
        Object[] out = new Object[d.length];
        for (int i = 0; i < d.length; i++) {
          out[i] = (long) (d[i] & 0xff);
        }
        return new ElemsView(self, out);
      }));

  /** The iterable that {@code b.elems()} and {@code s.elems()} return. */
  static final class ElemsView implements Sequence {
    private final Object owner;
    private final Object[] elems;

    ElemsView(Object owner, Object[] elems) {
      this.owner = owner;
      this.elems = elems;
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
    public Object slice(Mutability m, int start, int stop, int step) {
      return Tuple.wrap(Slices.slice(elems, start, stop, step));
    }

    @Override
    public java.util.Iterator<Object> iterator() {
      return Arrays.asList(elems).iterator();
    }

    @Override
    public String type() {
      return owner instanceof String ? "string.elems" : "bytes.elems";
    }

    @Override
    public void repr(Printer out) {
      out.repr(owner).append(".elems()");
    }
  }
}
