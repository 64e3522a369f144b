package dev.mirror.targets;

import java.util.List;

/**
 * A field of a target type: its name, the other names BUILD files may use for it, the kind of
 * value it holds, whether it must be set, its default and its help text. The validator,
 * {@code help} and {@code peek} all read these definitions.
 *
 * @param deprecatedAliases aliases that still work but earn a warning
 * @param defaultValue the value of the field when it is not set (Python's None as null), as
 *     {@code peek} and {@code help} show it
 */
public record Field(
    String name,
    List<String> aliases,
    List<String> deprecatedAliases,
    Kind kind,
    boolean required,
    Object defaultValue,
    String help) {

  public Field {
    aliases = List.copyOf(aliases);
    deprecatedAliases = List.copyOf(deprecatedAliases);
  }

  /** The kinds of value fields hold, with the phrase Pants uses in type errors. */
  public enum Kind {
    STRING("a string"),
    STRING_LIST("an iterable of strings (e.g. a list of strings)"),
    STRING_DICT("a dictionary of string -> string"),
    SHA("a string"),
    REPOSITORY("a string"),
    TAG("a string"),
    BOOL("a boolean");

    private final String expected;

    Kind(String expected) {
      this.expected = expected;
    }

    /** How a type error describes the expected value: "must be {expected}". */
    public String expected() {
      return expected;
    }

    /** The type as {@code help} shows it. */
    public String displayName() {
      return switch (this) {
        case STRING, SHA, REPOSITORY, TAG -> "str";
        case STRING_LIST -> "Iterable[str]";
        case STRING_DICT -> "dict[str, str]";
        case BOOL -> "bool";
      };
    }
  }

  static Field of(String name, Kind kind, boolean required, String help) {
    return new Field(name, List.of(), List.of(), kind, required, null, help);
  }

  /** A boolean field, as Pants' {@code BoolField}: True or False, {@code defaultValue} unset. */
  static Field bool(String name, boolean defaultValue, String help) {
    return new Field(name, List.of(), List.of(), Kind.BOOL, false, defaultValue, help);
  }

  Field withAliases(List<String> aliases, List<String> deprecated) {
    return new Field(name, aliases, deprecated, kind, required, defaultValue, help);
  }
}
