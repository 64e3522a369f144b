package dev.mirror.specs;

import java.util.Locale;

/** {@code [GLOBAL].unmatched_cli_globs}: what to do when a directory or file spec matches nothing. */
public enum UnmatchedGlobs {
  ERROR,
  WARN,
  IGNORE;

  /** Reads the option's value as Pants spells it: {@code error}, {@code warn} or {@code ignore}. */
  public static UnmatchedGlobs fromOption(String value) throws SpecException {
    for (UnmatchedGlobs mode : values()) {
      if (mode.optionValue().equals(value)) {
        return mode;
      }
    }
    throw new SpecException(SpecException.Kind.PARSE, "Invalid value '" + value
        + "' for unmatched_cli_globs: expected one of error, warn, ignore.");
  }

  /** The option's spelling: {@code error}, {@code warn} or {@code ignore}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
