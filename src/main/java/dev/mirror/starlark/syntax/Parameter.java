package dev.mirror.starlark.syntax;

/**
 * One parameter of a def or lambda. {@code *} alone (keyword-only marker) has a null identifier.
 * Annotations of the Pants dialect are parsed and dropped.
 */
public record Parameter(Kind kind, Expression.Identifier identifier, Expression defaultValue) {
  public enum Kind { MANDATORY, OPTIONAL, STAR, STAR_STAR }

  public String name() {
    return identifier == null ? null : identifier.name();
  }
}
