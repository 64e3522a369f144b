package dev.mirror.starlark.eval;

/**
 * A list or dict comprehension: its clauses compiled into a chain, each running the next for
 * every element (a for clause) or when its condition holds (an if clause); the last adds to
 * the result.
 */
final class ComprehensionNode extends ExprNode {
  private final boolean dict;
  private final Clause first;

  ComprehensionNode(int offset, boolean dict, Clause first) {
    super(offset);
    this.dict = dict;
    this.first = first;
  }

  @Override
  Object eval(Frame fr) {
    Object result = dict ? new Dict(fr.thread.mutability())
        : new StarlarkList(fr.thread.mutability());
    first.run(fr, result);
    return result;
  }

  abstract static class Clause {
    abstract void run(Frame fr, Object result);
  }

  /** {@code for vars in iterable}. */
  static final class For extends Clause {
    private final int offset;
    private final AssignTarget vars;
    private final ExprNode iterable;
    private final Clause next;

    For(int offset, AssignTarget vars, ExprNode iterable, Clause next) {
      this.offset = offset;
      this.vars = vars;
      this.iterable = iterable;
      this.next = next;
    }

    @Override
    void run(Frame fr, Object result) {
      Object x = iterable.eval(fr);
      fr.offset = offset;
      StarlarkThread thread = fr.thread;
      if (x instanceof StarlarkList list) {
        list.iterators++;
        try {
          for (int i = 0; i < list.size(); i++) {
            thread.step();
            vars.assign(fr, list.get(i));
            next.run(fr, result);
          }
        } finally {
          list.iterators--;
        }
        return;
      }
      Iterable<?> items = Starlark.iterate(x, thread.dialect().iterableStrings());
      LoopNodes.lock(x, 1);
      try {
        for (Object item : items) {
          thread.step();
          vars.assign(fr, item);
          next.run(fr, result);
        }
      } finally {
        LoopNodes.lock(x, -1);
      }
    }
  }

  /** {@code if condition}. */
  static final class If extends Clause {
    private final ExprNode condition;
    private final Clause next;

    If(ExprNode condition, Clause next) {
      this.condition = condition;
      this.next = next;
    }

    @Override
    void run(Frame fr, Object result) {
      if (condition.test(fr)) {
        next.run(fr, result);
      }
    }
  }

  /** The body of a list comprehension. */
  static final class Append extends Clause {
    private final ExprNode element;

    Append(ExprNode element) {
      this.element = element;
    }

    @Override
    void run(Frame fr, Object result) {
      ((StarlarkList) result).addUnchecked(element.eval(fr));
    }
  }

  /** The body of a dict comprehension. */
  static final class Put extends Clause {
    private final ExprNode key;
    private final ExprNode value;

    Put(ExprNode key, ExprNode value) {
      this.key = key;
      this.value = value;
    }

    @Override
    void run(Frame fr, Object result) {
      Object k = key.eval(fr);
      Object v = value.eval(fr);
      fr.offset = key.offset;
      Starlark.checkHashable(k);
      ((Dict) result).putUnchecked(k, v);
    }
  }
}
