package dev.mirror.starlark.syntax;

/** One argument of a call: {@code x}, {@code name=x}, {@code *x} or {@code **x}. */
public record Argument(Kind kind, String name, Expression value) {
  public enum Kind { POSITIONAL, KEYWORD, STAR, STAR_STAR }
}
