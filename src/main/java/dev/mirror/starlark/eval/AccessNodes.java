package dev.mirror.starlark.eval;

/** Indexing, slicing and attributes. */
final class AccessNodes {
  private AccessNodes() {}

  /** {@code object[key]}. */
  static final class Index extends ExprNode {
    private final ExprNode object;
    private final ExprNode key;

    Index(int offset, ExprNode object, ExprNode key) {
      super(offset);
      this.object = object;
      this.key = key;
    }

    @Override
    Object eval(Frame fr) {
      Object o = object.eval(fr);
      Object k = key.eval(fr);
      fr.offset = offset;
      return Operators.index(o, k, fr.thread);
    }
  }

  /** {@code object[start:stop:step]}; a missing part is null here and None to the operator. */
  static final class Slice extends ExprNode {
    private final ExprNode object;
    private final ExprNode start;
    private final ExprNode stop;
    private final ExprNode step;

    Slice(int offset, ExprNode object, ExprNode start, ExprNode stop, ExprNode step) {
      super(offset);
      this.object = object;
      this.start = start;
      this.stop = stop;
      this.step = step;
    }

    @Override
    Object eval(Frame fr) {
      Object o = object.eval(fr);
      Object from = start == null ? Starlark.NONE : start.eval(fr);
      Object to = stop == null ? Starlark.NONE : stop.eval(fr);
      Object by = step == null ? Starlark.NONE : step.eval(fr);
      fr.offset = offset;
      return Operators.slice(o, from, to, by, fr.thread);
    }
  }

  /** {@code object.name}. */
  static final class Dot extends ExprNode {
    final ExprNode object;
    final String name;

    Dot(int offset, ExprNode object, String name) {
      super(offset);
      this.object = object;
      this.name = name;
    }

    @Override
    Object eval(Frame fr) {
      Object o = object.eval(fr);
      fr.offset = offset;
      return Operators.getAttr(fr.thread, o, name);
    }
  }
}
