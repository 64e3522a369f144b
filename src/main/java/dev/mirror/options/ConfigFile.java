package dev.mirror.options;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One TOML config file (pants.toml or an rc file), parsed and interpolated as Pants'
 * {@code Config::parse} does: every string, also inside arrays and sub-tables, has its {@code
 * %(name)s} placeholders replaced from the same section, then {@code [DEFAULT]}, then the seeds
 * (buildroot, homedir, user, pants_workdir, pants_distdir, env.VAR). Values are plain Java: String,
 * Long, Double, Boolean, List, Map, or a java.time value.
 */
final class ConfigFile {

  static final String DEFAULT_SECTION = "DEFAULT";

  private static final Pattern PLACEHOLDER = Pattern.compile("%\\(([a-zA-Z0-9_.]+)\\)s");

  // Pants recurses without bound; a self-referencing placeholder must end with a message instead.
  private static final int MAX_INTERPOLATION_DEPTH = 32;

  /** A value found in this file, and where, for messages. */
  record Value(Object value, String where, String file, int line) {}

  private final Path path;
  private final String displayName;
  private final TomlParseResult toml;
  private final Map<String, Map<String, Object>> sections;

  private ConfigFile(Path path, String displayName, TomlParseResult toml,
      Map<String, Map<String, Object>> sections) {
    this.path = path;
    this.displayName = displayName;
    this.toml = toml;
    this.sections = sections;
  }

  /**
   * Reads and interpolates {@code path}. {@code displayName} names it in messages (relative to the
   * build root when inside it).
   */
  static ConfigFile read(Path path, String displayName, Map<String, String> seeds)
      throws OptionsException {
    TomlParseResult toml;
    try {
      toml = Toml.parse(path);
    } catch (IOException e) {
      throw new OptionsException(OptionsException.Kind.IO,
          "Failed to read config file " + displayName + ": " + e.getMessage(), displayName, 0);
    }
    if (toml.hasErrors()) {
      TomlParseError first = toml.errors().get(0);
      TomlPosition at = first.position();
      throw new OptionsException(OptionsException.Kind.CONFIG,
          "Failed to parse config file " + displayName + ": " + first.getMessage(), displayName,
          at == null ? 0 : at.line());
    }
    Map<String, String> defaultNames = new LinkedHashMap<>(seeds);
    TomlTable defaults = toml.getTable(List.of(DEFAULT_SECTION));
    if (defaults != null) {
      addStrings(defaultNames, defaults);
    }
    Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    for (String section : toml.keySet()) {
      Object raw = toml.get(List.of(section));
      if (!(raw instanceof TomlTable table)) {
        throw new OptionsException(OptionsException.Kind.CONFIG,
            "Expected the config file " + displayName + " to contain tables per section, but"
                + " section " + section + " contained " + describe(raw) + ".",
            displayName, line(toml, List.of(section)));
      }
      Map<String, String> names = defaultNames;
      if (!section.equals(DEFAULT_SECTION)) {
        names = new LinkedHashMap<>(defaultNames);
        addStrings(names, table);
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (String key : table.keySet()) {
        Object value = table.get(List.of(key));
        try {
          values.put(key, interpolate(value, names));
        } catch (IllegalArgumentException e) {
          throw new OptionsException(OptionsException.Kind.CONFIG,
              e.getMessage() + " in config file " + displayName + ", section " + section
                  + ", key " + key,
              displayName, line(toml, List.of(section, key)));
        }
      }
      sections.put(section, values);
    }
    return new ConfigFile(path, displayName, toml, sections);
  }

  Path path() {
    return path;
  }

  String displayName() {
    return displayName;
  }

  /**
   * The value of {@code key} in {@code section}, or else in {@code [DEFAULT]}, which supplies
   * fallback values to every section.
   */
  Optional<Value> value(String section, String key) {
    for (String s : List.of(section, DEFAULT_SECTION)) {
      Map<String, Object> values = sections.get(s);
      if (values != null && values.containsKey(key)) {
        return Optional.of(new Value(values.get(key),
            "config file " + displayName + ", section " + s + ", key " + key, displayName,
            line(toml, List.of(s, key))));
      }
    }
    return Optional.empty();
  }

  private static void addStrings(Map<String, String> names, TomlTable table) {
    for (String key : table.keySet()) {
      if (table.get(List.of(key)) instanceof String s) {
        names.put(key, s);
      }
    }
  }

  /** Interpolates every string inside {@code value} and turns TOML containers into Java ones. */
  private static Object interpolate(Object value, Map<String, String> names) {
    if (value instanceof String s) {
      return interpolate(s, names, 0);
    }
    if (value instanceof TomlArray array) {
      List<Object> items = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        items.add(interpolate(array.get(i), names));
      }
      return items;
    }
    if (value instanceof TomlTable table) {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (String key : table.keySet()) {
        entries.put(key, interpolate(table.get(List.of(key)), names));
      }
      return entries;
    }
    return value;
  }

  private static String interpolate(String value, Map<String, String> names, int depth) {
    Matcher m = PLACEHOLDER.matcher(value);
    if (!m.find()) {
      return value;
    }
    if (depth >= MAX_INTERPOLATION_DEPTH) {
      throw new IllegalArgumentException(
          "Placeholder `" + m.group(1) + "` refers back to itself");
    }
    StringBuilder out = new StringBuilder();
    do {
      String replacement = names.get(m.group(1));
      if (replacement == null) {
        throw new IllegalArgumentException("Unknown value for placeholder `" + m.group(1) + "`");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    } while (m.find());
    m.appendTail(out);
    // A replacement may itself hold placeholders, so interpolate again (as Pants does).
    return interpolate(out.toString(), names, depth + 1);
  }

  private static int line(TomlTable toml, List<String> keyPath) {
    TomlPosition at = toml.inputPositionOf(keyPath);
    return at == null ? 0 : at.line();
  }

  /** A value's TOML type and text, for messages: {@code the float 2.24}. */
  static String describe(Object value) {
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (value instanceof Long || value instanceof Integer) {
      return "the integer " + value;
    }
    if (value instanceof Double) {
      return "the float " + value;
    }
    if (value instanceof Boolean) {
      return "the boolean " + value;
    }
    if (value instanceof List<?> || value instanceof TomlArray) {
      return "an array";
    }
    if (value instanceof Map<?, ?> || value instanceof TomlTable) {
      return "a table";
    }
    return "the date/time " + value;
  }
}
