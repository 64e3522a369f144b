package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.FileLocations;
import dev.mirror.starlark.syntax.Location;
import dev.mirror.starlark.syntax.SyntaxError;
import java.util.List;

/**
 * Why a file could not be evaluated: its static errors, or the runtime error that stopped it with
 * the Starlark call stack at that moment. {@link #render()} gives the text a user sees.
 */
public final class StarlarkException extends Exception {
  public enum Kind { SYNTAX, RUNTIME }

  private final Kind kind;
  private final List<SyntaxError> syntaxErrors;
  private final List<StarlarkThread.FrameInfo> callStack;
  private final Location location;
  /** For syntax errors: the file, to show the lines in error. */
  private final FileLocations source;

  private StarlarkException(Kind kind, String message, Location location,
      List<SyntaxError> syntaxErrors, List<StarlarkThread.FrameInfo> callStack,
      FileLocations source) {
    super(message, null, false, false);
    this.kind = kind;
    this.location = location;
    this.syntaxErrors = List.copyOf(syntaxErrors);
    this.callStack = List.copyOf(callStack);
    this.source = source;
  }

  static StarlarkException syntax(List<SyntaxError> errors, FileLocations source) {
    SyntaxError first = errors.get(0);
    return new StarlarkException(Kind.SYNTAX, first.message(), first.location(), errors, List.of(),
        source);
  }

  static StarlarkException runtime(String message, List<StarlarkThread.FrameInfo> stack) {
    Location where = stack.isEmpty() ? null : stack.get(stack.size() - 1).location();
    return new StarlarkException(Kind.RUNTIME, message, where, List.of(), stack, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The error's location: the first syntax error's, or the innermost frame's; may be null. */
  public Location location() {
    return location;
  }

  /** The static errors, for {@link Kind#SYNTAX}. */
  public List<SyntaxError> syntaxErrors() {
    return syntaxErrors;
  }

  /** The Starlark frames, outermost first, for {@link Kind#RUNTIME}. */
  public List<StarlarkThread.FrameInfo> callStack() {
    return callStack;
  }

  /**
   * The error as a user reads it: {@code file:line:col: message}, then for a syntax error the
   * source line and a caret, for a runtime error the traceback.
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    if (kind == Kind.SYNTAX) {
      for (SyntaxError e : syntaxErrors) {
        sb.append(e.location()).append(": ").append(e.message()).append('\n');
        appendSourceLine(sb, source.lineText(e.location().line()), e.location().column());
      }
      return sb.toString();
    }
    sb.append(location == null ? "<unknown>" : location.toString()).append(": ")
        .append(getMessage()).append('\n');
    if (!callStack.isEmpty()) {
      sb.append("Traceback (most recent call last):\n");
      for (StarlarkThread.FrameInfo f : callStack) {
        sb.append("  ").append(f.location()).append(": in ").append(f.function()).append('\n');
        appendSourceLine(sb, f.sourceLine(), f.location().column());
      }
    }
    return sb.toString();
  }

  /** Appends the line in error, indented, and a caret under the column. */
  private static void appendSourceLine(StringBuilder sb, String line, int column) {
    if (line == null || line.isBlank()) {
      return;
    }
    String indent = "    ";
    String trimmed = line.stripLeading();
    int cut = line.length() - trimmed.length();
    sb.append(indent).append(trimmed.stripTrailing()).append('\n');
    if (column > cut) {
      sb.append(indent).append(" ".repeat(column - 1 - cut)).append("^\n");
    }
  }
}
