package dev.mirror.starlark.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** List, tuple and dict displays, f-strings, and a misplaced {@code *x}. */
final class LiteralNodes {
  private LiteralNodes() {}

  /** The elements of a list or tuple display; {@code *x} elements are spliced in (Pants). */
  abstract static class Elements {
    abstract Object[] eval(Frame fr);
  }

  static final class PlainElements extends Elements {
    private final ExprNode[] elements;

    PlainElements(ExprNode[] elements) {
      this.elements = elements;
    }

    @Override
    Object[] eval(Frame fr) {
      Object[] out = new Object[elements.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = elements[i].eval(fr);
      }
      return out;
    }
  }

  static final class ElementsWithUnpack extends Elements {
    private final ExprNode[] elements;
    /** Per element: the offset of its {@code *} when it is {@code *x} (its node is x's), or -1. */
    private final int[] unpackOffsets;

    ElementsWithUnpack(ExprNode[] elements, int[] unpackOffsets) {
      this.elements = elements;
      this.unpackOffsets = unpackOffsets;
    }

    @Override
    Object[] eval(Frame fr) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < elements.length; i++) {
        Object v = elements[i].eval(fr);
        if (unpackOffsets[i] >= 0) {
          fr.offset = unpackOffsets[i];
          out.addAll(Arrays.asList(Methods.toArray(v, fr.thread)));
        } else {
          out.add(v);
        }
      }
      return out.toArray();
    }
  }

  static final class ListDisplay extends ExprNode {
    private final Elements elements;

    ListDisplay(int offset, Elements elements) {
      super(offset);
      this.elements = elements;
    }

    @Override
    Object eval(Frame fr) {
      return new StarlarkList(fr.thread.mutability(), elements.eval(fr));
    }
  }

  static final class TupleDisplay extends ExprNode {
    private final Elements elements;

    TupleDisplay(int offset, Elements elements) {
      super(offset);
      this.elements = elements;
    }

    @Override
    Object eval(Frame fr) {
      return Tuple.wrap(elements.eval(fr));
    }
  }

  /** A dict display; an entry with a null key is {@code **mapping} (Pants). */
  static final class DictDisplay extends ExprNode {
    private final ExprNode[] keys;
    private final ExprNode[] values;

    DictDisplay(int offset, ExprNode[] keys, ExprNode[] values) {
      super(offset);
      this.keys = keys;
      this.values = values;
    }

    @Override
    Object eval(Frame fr) {
      Dict dict = new Dict(fr.thread.mutability(), keys.length);
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == null) {
          Object m = values[i].eval(fr);
          fr.offset = values[i].offset;
          spliceMapping(dict, m);
          continue;
        }
        Object key = keys[i].eval(fr);
        Object value = values[i].eval(fr);
        fr.offset = keys[i].offset;
        Starlark.checkHashable(key);
        if (dict.containsKey(key)) {
          if (!fr.thread.dialect().duplicateKeysLastWins()) {
            throw new EvalException("dictionary expression has duplicate key: "
                + Starlark.repr(key));
          }
          fr.thread.warn(fr.module.program().locations().at(keys[i].offset),
              "dict literal has duplicate key " + Starlark.repr(key) + "; the last value is used");
        }
        dict.putUnchecked(key, value);
      }
      return dict;
    }

    private static void spliceMapping(Dict dict, Object m) {
      if (m instanceof Dict other) {
        for (Map.Entry<Object, Object> kv : other.entrySet()) {
          dict.putUnchecked(kv.getKey(), kv.getValue());
        }
      } else if (m instanceof Mapping mapping) {
        for (Map.Entry<String, Object> kv : mapping.entries().entrySet()) {
          dict.putUnchecked(kv.getKey(), kv.getValue());
        }
      } else {
        throw new EvalException("'" + Starlark.type(m) + "' object is not a mapping");
      }
    }
  }

  /** An f-string: literal parts and replacement fields, in order. */
  static final class FString extends ExprNode {
    /** Each part is a String or a {@link Field}. */
    private final Object[] parts;

    FString(int offset, Object[] parts) {
      super(offset);
      this.parts = parts;
    }

    @Override
    Object eval(Frame fr) {
      return format(fr);
    }

    String format(Frame fr) {
      StringBuilder sb = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof String s) {
          sb.append(s);
          continue;
        }
        Field field = (Field) part;
        Object v = field.value.eval(fr);
        if (field.conversion == 'r') {
          v = Starlark.repr(v);
        } else if (field.conversion == 's') {
          v = Starlark.str(v);
        }
        if (field.spec != null) {
          String spec = field.spec.format(fr);
          fr.offset = field.value.offset;
          sb.append(Formatter.formatSpec(v, spec));
        } else {
          sb.append(Starlark.str(v));
        }
      }
      return sb.toString();
    }

    /** {@code {value!conversion:spec}}; conversion is 0, 's' or 'r'; spec may be null. */
    record Field(ExprNode value, char conversion, FString spec) {}
  }

  /** {@code *x} where no splicing is allowed. */
  static final class MisplacedUnpack extends ExprNode {
    MisplacedUnpack(int offset) {
      super(offset);
    }

    @Override
    Object eval(Frame fr) {
      fr.offset = offset;
      throw new EvalException("starred expression is not allowed here");
    }
  }
}
