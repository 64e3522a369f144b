package dev.mirror.starlark.syntax;

import java.util.List;

/** A static error in a file: a lexical, grammatical or name-resolution mistake. */
public record SyntaxError(Location location, String message) {

  @Override
  public String toString() {
    return location + ": " + message;
  }

  /** All the static errors of one file, thrown by callers that need all-or-nothing. */
  public static final class Exception extends java.lang.Exception {
    private final List<SyntaxError> errors;

    public Exception(List<SyntaxError> errors) {
      super(errors.isEmpty() ? "syntax error" : errors.get(0).toString(), null, false, false);
      this.errors = List.copyOf(errors);
    }

    public List<SyntaxError> errors() {
      return errors;
    }
  }
}
