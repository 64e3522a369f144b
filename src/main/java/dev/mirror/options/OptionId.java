package dev.mirror.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An option as pants.toml names it: its section (scope) and key, e.g. {@code [list] sep}. */
record OptionId(String scope, String name) {

  static final String GLOBAL = "GLOBAL";

  static OptionId global(String name) {
    return new OptionId(GLOBAL, name);
  }

  boolean isGlobal() {
    return scope.equals(GLOBAL);
  }

  /** The key of this option in the flag map handed to {@link ConfigLoader}: {@code list.sep}. */
  String flagKey() {
    return scope + "." + name;
  }

  /** The flag as typed: {@code --tag}, {@code --list-sep}. */
  String flag() {
    String dashed = name.replace('_', '-');
    return isGlobal() ? "--" + dashed : "--" + scope.replace('_', '-') + "-" + dashed;
  }

  /**
   * The environment variables that set this option, first found wins, as Pants' {@code
   * Env::env_var_names} lists them: {@code PANTS_<SCOPE>_<NAME>}, for global options also {@code
   * PANTS_<NAME>}, and the bare name when it already starts with {@code PANTS_}
   * ({@code PANTS_CONFIG_FILES} for {@code pants_config_files}).
   */
  List<String> envNames() {
    String upper = upper(name);
    List<String> names = new ArrayList<>();
    names.add("PANTS_" + upper(scope) + "_" + upper);
    if (isGlobal()) {
      names.add("PANTS_" + upper);
    }
    if (upper.startsWith("PANTS_")) {
      names.add(upper);
    }
    return names;
  }

  private static String upper(String s) {
    return s.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
  }
}
