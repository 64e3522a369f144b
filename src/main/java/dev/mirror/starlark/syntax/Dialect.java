package dev.mirror.starlark.syntax;

/**
 * The language variant a file is parsed, resolved and evaluated in. Passed as a value (never a
 * global flag) so that files of both dialects can be evaluated side by side.
 *
 * <p>{@link #STARLARK} is the language of the spec as written. {@link #PANTS} adds what real Pants
 * BUILD files and prelude macros use beyond it; every extension is a Python construct with Python's
 * meaning. {@code pythonLeniency} covers the forms the spec rejects but Python accepts: a trailing
 * comma in an unparenthesized tuple, call arguments in Python's orders (keyword arguments after
 * {@code *args} or {@code **kwargs}, positional ones after {@code *args}, several {@code *} and
 * {@code **} arguments, evaluated in Python's order), flags, width and precision in {@code %}
 * formatting, string escapes as Python reads them (an unknown escape keeps its backslash,
 * {@code \xff} is U+00FF), and tabs in indentation as Python counts them.
 */
public record Dialect(
    String name,
    boolean fStrings,
    boolean topLevelControl,
    boolean whileLoops,
    boolean adjacentStringConcat,
    boolean starInLiterals,
    boolean generatorArguments,
    boolean identityOperators,
    boolean annotations,
    boolean assertStatement,
    boolean raiseStatement,
    boolean classes,
    boolean globalRebinding,
    boolean recursion,
    boolean iterableStrings,
    boolean duplicateKeysLastWins,
    boolean pythonLeniency) {

  public static final Dialect STARLARK =
      new Dialect("starlark", false, false, false, false, false, false, false, false, false, false,
          false, false, false, false, false, false);

  public static final Dialect PANTS =
      new Dialect("pants", true, true, true, true, true, true, true, true, true, true, true, true,
          true, true, true, true);

  /** Parses a dialect name as given on the command line. */
  public static Dialect named(String name) {
    return switch (name) {
      case "starlark" -> STARLARK;
      case "pants" -> PANTS;
      default -> throw new IllegalArgumentException(
          "unknown dialect '" + name + "' (expected 'pants' or 'starlark')");
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
