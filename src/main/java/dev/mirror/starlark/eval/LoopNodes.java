package dev.mirror.starlark.eval;

/**
 * {@code for} and {@code while}. Each iteration counts one step; lists and ranges are walked by
 * index, any other iterable through its iterator, and a collection being walked refuses mutation.
 */
final class LoopNodes {
  private LoopNodes() {}

  /** Marks a collection as being iterated (delta 1) or no longer (delta -1). */
  static void lock(Object x, int delta) {
    if (x instanceof StarlarkList l) {
      l.iterators += delta;
    } else if (x instanceof Dict d) {
      d.iterators += delta;
    } else if (x instanceof StarlarkSet s) {
      s.iterators += delta;
    }
  }

  static final class For extends StmtNode {
    private final int offset;
    private final AssignTarget vars;
    private final ExprNode iterable;
    private final StmtNode body;

    For(int offset, AssignTarget vars, ExprNode iterable, StmtNode body) {
      this.offset = offset;
      this.vars = vars;
      this.iterable = iterable;
      this.body = body;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      Object x = iterable.eval(fr);
      fr.offset = offset;
      if (x instanceof StarlarkList list) {
        return overList(fr, list);
      }
      if (x instanceof RangeValue range) {
        return overRange(fr, range);
      }
      StarlarkThread thread = fr.thread;
      Iterable<?> items = Starlark.iterate(x, thread.dialect().iterableStrings());
      lock(x, 1);
      try {
        for (Object item : items) {
          fr.offset = offset;
          thread.step();
          vars.assign(fr, item);
          int r = body.exec(fr);
          if (r == BREAK) {
            break;
          }
          if (r == RETURN) {
            return r;
          }
        }
      } finally {
        lock(x, -1);
      }
      return NORMAL;
    }

    private int overList(Frame fr, StarlarkList list) {
      StarlarkThread thread = fr.thread;
      list.iterators++;
      try {
        for (int i = 0; i < list.size(); i++) {
          fr.offset = offset;
          thread.step();
          vars.assign(fr, list.get(i));
          int r = body.exec(fr);
          if (r == BREAK) {
            break;
          }
          if (r == RETURN) {
            return r;
          }
        }
      } finally {
        list.iterators--;
      }
      return NORMAL;
    }

    private int overRange(Frame fr, RangeValue range) {
      StarlarkThread thread = fr.thread;
      for (long i = 0, n = range.length; i < n; i++) {
        fr.offset = offset;
        thread.step();
        vars.assign(fr, LongArithmetic.box(range.start + i * range.step));
        int r = body.exec(fr);
        if (r == BREAK) {
          break;
        }
        if (r == RETURN) {
          return r;
        }
      }
      return NORMAL;
    }
  }

  /** {@code while condition: body} (Pants dialect). */
  static final class While extends StmtNode {
    private final int offset;
    private final ExprNode condition;
    private final StmtNode body;

    While(int offset, ExprNode condition, StmtNode body) {
      this.offset = offset;
      this.condition = condition;
      this.body = body;
    }

    @Override
    int exec(Frame fr) {
      fr.offset = offset;
      StarlarkThread thread = fr.thread;
      while (condition.test(fr)) {
        fr.offset = offset;
        thread.step();
        int r = body.exec(fr);
        if (r == BREAK) {
          break;
        }
        if (r == RETURN) {
          return r;
        }
      }
      return NORMAL;
    }
  }
}
