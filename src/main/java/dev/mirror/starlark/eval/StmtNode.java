package dev.mirror.starlark.eval;

import java.util.List;

/**
 * A statement compiled for execution (see {@link ExprNode}). Control flow is the returned code,
 * not an exception; a return statement leaves its value in {@link Frame#result}.
 */
abstract class StmtNode {
  static final int NORMAL = 0;
  static final int BREAK = 1;
  static final int CONTINUE = 2;
  static final int RETURN = 3;

  abstract int exec(Frame fr);

  /** The statements of a body run in order; one statement is its own block. */
  static StmtNode block(List<StmtNode> statements) {
    return statements.size() == 1 ? statements.get(0)
        : new Block(statements.toArray(new StmtNode[0]));
  }

  private static final class Block extends StmtNode {
    private final StmtNode[] statements;

    Block(StmtNode[] statements) {
      this.statements = statements;
    }

    @Override
    int exec(Frame fr) {
      for (StmtNode s : statements) {
        int r = s.exec(fr);
        if (r != NORMAL) {
          return r;
        }
      }
      return NORMAL;
    }
  }
}
