package dev.mirror.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The places an option's value comes from, lowest precedence first: config files (in the order
 * read), {@code PANTS_*} environment variables, then flags. A scalar takes the value of the
 * highest source that sets it; a list starts from its default and applies every source's edits in
 * order, as Pants' {@code OptionParser::parse_list} does.
 *
 * <p>Several ids may name one option (Pants' filter options live in {@code [GLOBAL]} and
 * {@code [filter]}); within a source their edits apply in the order given.
 */
final class OptionSources {

  private enum Origin { CONFIG, ENV, FLAG }

  /** A scalar found in one source: a typed config value, or the text of a variable or flag. */
  private record Found(Object value, Origin origin, String where, String file, int line) {
    boolean fromText() {
      return origin != Origin.CONFIG;
    }
  }

  private final List<ConfigFile> configs;
  private final Map<String, String> env;
  private final Map<String, List<String>> flags;

  OptionSources(List<ConfigFile> configs, Map<String, String> env,
      Map<String, List<String>> flags) {
    this.configs = List.copyOf(configs);
    this.env = env;
    this.flags = normalizedFlags(flags);
  }

  /** Flag keys as {@code SCOPE.name}: GLOBAL upper-case, dashes in names turned to underscores. */
  private static Map<String, List<String>> normalizedFlags(Map<String, List<String>> flags) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    flags.forEach((key, values) -> {
      int dot = key.indexOf('.');
      String scope = dot < 0 ? OptionId.GLOBAL : key.substring(0, dot);
      if (scope.equalsIgnoreCase(OptionId.GLOBAL)) {
        scope = OptionId.GLOBAL;
      }
      String name = key.substring(dot + 1).replace('-', '_');
      result.computeIfAbsent(scope + "." + name, k -> new ArrayList<>()).addAll(values);
    });
    return result;
  }

  Optional<String> string(OptionId... ids) throws OptionsException {
    Optional<Found> found = highest(ids);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Found f = found.get();
    if (!(f.value() instanceof String s)) {
      throw typeError(f, "a string");
    }
    return Optional.of(s);
  }

  boolean bool(boolean defaultValue, OptionId... ids) throws OptionsException {
    Optional<Found> found = highest(ids);
    if (found.isEmpty()) {
      return defaultValue;
    }
    Found f = found.get();
    if (f.value() instanceof Boolean b) {
      return b;
    }
    if (f.fromText() && f.value() instanceof String s) {
      // A bare flag (--documented) arrives as "", meaning true.
      if ((s.isEmpty() && f.origin() == Origin.FLAG) || s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw typeError(f, "'true' or 'false'");
  }

  /** The value of an option with a fixed set of choices, spelled exactly as listed. */
  String choice(String defaultValue, List<String> choices, OptionId... ids)
      throws OptionsException {
    Optional<Found> found = highest(ids);
    if (found.isEmpty()) {
      return defaultValue;
    }
    Found f = found.get();
    if (f.value() instanceof String s && choices.contains(s)) {
      return s;
    }
    throw typeError(f, "one of " + String.join(", ", choices));
  }

  List<String> stringList(List<String> defaultValue, OptionId... ids)
      throws OptionsException {
    List<String> list = defaultValue;
    for (ConfigFile config : configs) {
      for (OptionId id : ids) {
        Optional<ConfigFile.Value> value = config.value(id.scope(), id.name());
        if (value.isPresent()) {
          list = apply(list, configEdits(value.get()));
        }
      }
    }
    Set<String> seenVariables = new LinkedHashSet<>();
    for (OptionId id : ids) {
      Optional<String> variable = envVariable(id);
      // [GLOBAL] filter_tag_regex and [filter] tag_regex share PANTS_FILTER_TAG_REGEX.
      if (variable.isPresent() && seenVariables.add(variable.get())) {
        list = apply(list, textEdits(env.get(variable.get()),
            "environment variable " + variable.get()));
      }
    }
    for (OptionId id : ids) {
      for (String value : flags.getOrDefault(id.flagKey(), List.of())) {
        list = apply(list, textEdits(value, "flag " + id.flag()));
      }
    }
    return list;
  }

  private static List<String> apply(List<String> list, List<ListEdit> edits) {
    for (ListEdit edit : edits) {
      list = edit.applyTo(list);
    }
    return list;
  }

  private static List<ListEdit> textEdits(String text, String where) throws OptionsException {
    try {
      return ListEditParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw new OptionsException(OptionsException.Kind.CONFIG,
          "Problem parsing " + where + " as a string list: " + e.getMessage());
    }
  }

  /** A TOML array replaces, a string is edit syntax, a table holds {@code add}/{@code remove}. */
  private static List<ListEdit> configEdits(ConfigFile.Value found) throws OptionsException {
    Object value = found.value();
    if (value instanceof String s) {
      try {
        return ListEditParser.parse(s);
      } catch (IllegalArgumentException e) {
        throw new OptionsException(OptionsException.Kind.CONFIG,
            found.where() + ": " + e.getMessage(), found.file(), found.line());
      }
    }
    if (value instanceof List<?> items) {
      return List.of(ListEdit.replace(strings(items, found, "")));
    }
    if (value instanceof Map<?, ?> table) {
      if (table.isEmpty() || !Set.of("add", "remove").containsAll(table.keySet())) {
        throw new OptionsException(OptionsException.Kind.CONFIG,
            found.where() + ": expected an `add` array, a `remove` array or both, but found the"
                + " keys " + table.keySet(), found.file(), found.line());
      }
      List<ListEdit> edits = new ArrayList<>();
      if (table.containsKey("add")) {
        edits.add(ListEdit.add(strings(table.get("add"), found, ".add")));
      }
      if (table.containsKey("remove")) {
        edits.add(ListEdit.remove(strings(table.get("remove"), found, ".remove")));
      }
      return edits;
    }
    throw typeError(found, "an array of strings");
  }

  private static List<String> strings(Object value, ConfigFile.Value found, String suffix)
      throws OptionsException {
    if (value instanceof List<?> items) {
      List<String> result = new ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof String s)) {
          throw new OptionsException(OptionsException.Kind.CONFIG,
              found.where() + suffix + ": expected an array of strings, but it contains "
                  + ConfigFile.describe(item), found.file(), found.line());
        }
        result.add(s);
      }
      return result;
    }
    throw new OptionsException(OptionsException.Kind.CONFIG,
        found.where() + suffix + ": expected an array of strings, but got "
            + ConfigFile.describe(value), found.file(), found.line());
  }

  /** The highest-precedence source that sets any of {@code ids}. */
  private Optional<Found> highest(OptionId... ids) {
    for (OptionId id : ids) {
      List<String> values = flags.get(id.flagKey());
      if (values != null && !values.isEmpty()) {
        return Optional.of(new Found(values.get(values.size() - 1), Origin.FLAG,
            "flag " + id.flag(), null, 0));
      }
    }
    for (OptionId id : ids) {
      Optional<String> variable = envVariable(id);
      if (variable.isPresent()) {
        return Optional.of(new Found(env.get(variable.get()), Origin.ENV,
            "environment variable " + variable.get(), null, 0));
      }
    }
    for (int i = configs.size() - 1; i >= 0; i--) {
      for (OptionId id : ids) {
        Optional<ConfigFile.Value> value = configs.get(i).value(id.scope(), id.name());
        if (value.isPresent()) {
          ConfigFile.Value v = value.get();
          return Optional.of(new Found(v.value(), Origin.CONFIG, v.where(), v.file(), v.line()));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> envVariable(OptionId id) {
    return id.envNames().stream().filter(env::containsKey).findFirst();
  }

  private static OptionsException typeError(Found found, String expected) {
    String got = found.fromText() ? "`" + found.value() + "`" : ConfigFile.describe(found.value());
    return new OptionsException(OptionsException.Kind.CONFIG,
        found.where() + ": expected " + expected + ", but got " + got, found.file(), found.line());
  }

  private static OptionsException typeError(ConfigFile.Value found, String expected) {
    return new OptionsException(OptionsException.Kind.CONFIG,
        found.where() + ": expected " + expected + ", but got "
            + ConfigFile.describe(found.value()), found.file(), found.line());
  }
}
