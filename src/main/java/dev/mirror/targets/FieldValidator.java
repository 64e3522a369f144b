package dev.mirror.targets;

import dev.mirror.starlark.syntax.Spelling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the declared fields of a mirror target and puts them in canonical form: aliases
 * ({@code digest}, {@code repository}) become field names, a {@code sha256:} prefix is dropped,
 * and every value is checked against its kind, with the messages Pants gives plus the checks
 * mirror adds (required fields, repository names, tags, digests).
 */
public final class FieldValidator {
  private FieldValidator() {}

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  // The grammar of distribution's reference package: lowercase path components joined by
  // '.', '_', '__' or dashes; a registry is a host name with an optional port. Not [IPv6]:
  // run parses repositories with Jib's ImageReference, which cannot read one.
  // Compiled once: Jib's isValidRepository compiles its regex on every call, which showed in
  // profiles of large repositories.
  private static final Pattern REPOSITORY_PATH = Pattern.compile(
      "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern REGISTRY = Pattern.compile(
      "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
          + "(?::([0-9]+))?");
  private static final int MAX_PORT = 65535;
  private static final Pattern SHA = Pattern.compile("[a-f0-9]{64}");

  /**
   * Validates {@code declared} (plain Java values; null or absent means unset) for a target of
   * {@code type} at {@code address}; returns every field of the type, unset ones as null.
   * Deprecation warnings go to {@code warnings}.
   */
  public static Map<String, Object> validate(TargetType type, Address address, Origin origin,
      Map<String, Object> declared, Consumer<String> warnings) throws TargetException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : type.fields()) {
      out.put(f.name(), null);
    }
    Map<String, String> givenAs = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : declared.entrySet()) {
      String key = e.getKey();
      Field field = type.field(key).orElseThrow(() -> unknownField(type, address, origin, key,
          e.getValue()));
      String previous = givenAs.put(field.name(), key);
      if (previous != null) {
        throw new TargetException(origin, "The '" + field.name() + "' field in target " + address
            + " is given twice, as '" + previous + "' and as '" + key + "'; give only one.");
      }
      if (field.deprecatedAliases().contains(key)) {
        warnings.accept(origin + ": warning: '" + key + "' in target " + address
            + " is a deprecated alias of '" + field.name() + "'; rename it.");
      }
      if (e.getValue() != null) {
        out.put(field.name(), check(field, address, origin, e.getValue()));
      }
    }
    for (Field f : type.fields()) {
      if (f.required() && out.get(f.name()) == null) {
        throw new TargetException(origin, "The '" + f.name() + "' field in target " + address
            + " must be set.");
      }
    }
    if (type.generator() && out.get("variants") instanceof Map<?, ?> v && v.isEmpty()) {
      throw new TargetException(origin, "The 'variants' field in target " + address
          + " must not be empty: give at least one tag and its digest.");
    }
    return out;
  }

  private static TargetException unknownField(TargetType type, Address address, Origin origin,
      String key, Object value) {
    String suggestion = Spelling.closest(key, type.allFieldNames());
    return new TargetException(origin, "Unrecognized field `" + key + "=" + pythonStr(value)
        + "` in target " + address + ". Valid fields for the target type `" + type.alias()
        + "`: " + pythonList(type.fieldNames()) + "."
        + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?"));
  }

  /** Checks one value against its field's kind and rules; returns it in canonical form. */
  public static Object check(Field field, Address address, Origin origin, Object value)
      throws TargetException {
    String where = "The '" + field.name() + "' field in target " + address;
    switch (field.kind()) {
      case STRING, SHA, REPOSITORY, TAG -> {
        if (!(value instanceof String s)) {
          throw typeError(where, field, value, origin);
        }
        return switch (field.kind()) {
          case SHA -> sha(where, s, origin);
          case REPOSITORY -> repository(where, s, origin);
          case TAG -> tag(where, s, origin);
          default -> s;
        };
      }
      case STRING_LIST -> {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof String)) {
          throw typeError(where, field, value, origin);
        }
        return List.copyOf(list);
      }
      case STRING_DICT -> {
        if (!(value instanceof Map<?, ?> map)) {
          throw typeError(where, field, value, origin);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof String v)) {
            throw typeError(where, field, value, origin);
          }
          tag(where + " has a key that", key, origin);
          out.put(key, sha(where + " has a value for '" + key + "' that", v, origin));
        }
        return out;
      }
      default -> throw new IllegalStateException(field.kind().toString());
    }
  }

  private static TargetException typeError(String where, Field field, Object value,
      Origin origin) {
    return new TargetException(origin, where + " must be " + field.kind().expected()
        + ", but was `" + pythonRepr(value) + "` with type `" + pythonType(value) + "`.");
  }

  private static String sha(String where, String value, Origin origin) throws TargetException {
    String hex = value.startsWith("sha256:") ? value.substring("sha256:".length()) : value;
    if (!SHA.matcher(hex).matches()) {
      throw new TargetException(origin, where + " must be a sha256 digest: 64 lowercase hex"
          + " digits (optionally after sha256:), but was `" + value + "`.");
    }
    return hex;
  }

  private static String tag(String where, String value, Origin origin) throws TargetException {
    if (!TAG.matcher(value).matches()) {
      throw new TargetException(origin, where + " must be a valid OCI tag (letters, digits,"
          + " '_', '.', '-', not starting with '.' or '-', at most 128 characters), but was `"
          + value + "`.");
    }
    return value;
  }

  private static String repository(String where, String value, Origin origin)
      throws TargetException {
    String problem = repositoryProblem(value);
    if (problem != null) {
      throw new TargetException(origin, where + " must be an OCI repository name without tag or"
          + " digest, like docker.io/library/python, but was `" + value + "`: " + problem + ".");
    }
    return value;
  }

  /** Why a string is not a repository name without tag or digest, or null when it is one. */
  static String repositoryProblem(String value) {
    if (value.isEmpty()) {
      return "it is empty";
    }
    if (value.contains("@")) {
      return "it has a digest; put the digest in sha";
    }
    int slash = value.lastIndexOf('/');
    if (value.indexOf(':', slash + 1) >= 0) {
      return "it has a tag; put the tag in tag";
    }
    String registry = null;
    String path = value;
    int first = value.indexOf('/');
    if (first > 0) {
      String head = value.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head;
        path = value.substring(first + 1);
      }
    }
    if (registry != null) {
      String problem = registryProblem(registry);
      if (problem != null) {
        return problem;
      }
    }
    if (path.length() > 255 || !REPOSITORY_PATH.matcher(path).matches()) {
      return "'" + path + "' is not a valid repository path (lowercase letters, digits and"
          + " separators . _ - /)";
    }
    return null;
  }

  private static String registryProblem(String registry) {
    if (registry.startsWith("[")) {
      return "'" + registry + "' is an IPv6 address, which mirror cannot use as a registry host;"
          + " use a host name (localhost for the loopback address) or an IPv4 address";
    }
    Matcher m = REGISTRY.matcher(registry);
    if (!m.matches()) {
      return "'" + registry + "' is not a valid registry host";
    }
    String port = m.group(1);
    // The grammar allows any digits; a connection needs a real port, and finding out at run
    // time, after every other target loaded fine, is too late.
    if (port != null && (port.length() > 5 || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > MAX_PORT)) {
      return "'" + registry + "' has port " + port + ", but a port is a number from 1 to "
          + MAX_PORT;
    }
    return null;
  }

  // ---- Python-style printing of values, as Pants' messages show them ----

  static String pythonType(Object v) {
    if (v == null) {
      return "NoneType";
    } else if (v instanceof String) {
      return "str";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Long || v instanceof java.math.BigInteger) {
      return "int";
    } else if (v instanceof Double) {
      return "float";
    } else if (v instanceof List) {
      return "list";
    } else if (v instanceof Map) {
      return "dict";
    } else if (v instanceof java.util.Set) {
      return "set";
    }
    return v.getClass().getSimpleName();
  }

  static String pythonRepr(Object v) {
    if (v instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    return pythonStr(v);
  }

  static String pythonStr(Object v) {
    if (v == null) {
      return "None";
    } else if (v instanceof String s) {
      return s;
    } else if (v instanceof Boolean b) {
      return b ? "True" : "False";
    } else if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object x : list) {
        parts.add(pythonRepr(x));
      }
      return "[" + String.join(", ", parts) + "]";
    } else if (v instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        parts.add(pythonRepr(e.getKey()) + ": " + pythonRepr(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }

  /** {@code ['a', 'b']}, as Python prints a list of strings. */
  public static String pythonList(List<String> items) {
    return pythonStr(items);
  }
}
