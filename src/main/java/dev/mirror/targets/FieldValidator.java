package dev.mirror.targets;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import dev.mirror.spelling.Spelling;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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
  private static final int MAX_PORT = 65535;

  /**
   * A validated target: every field of its type in canonical form, unset ones as null (peek
   * shows those as the field's default); and for an {@code oci_mirror_image}, the typed image
   * when it has a {@code sha}, else the typed unpinned image (both null for other types; never
   * both set).
   */
  public record Result(Map<String, Object> fields, MirrorImage image, UnpinnedImage unpinned) {

    /** The target these fields and image make at {@code address}. */
    public Target target(TargetType type, Address address, Origin origin) {
      if (image != null) {
        return Target.image(image, fields);
      }
      if (unpinned != null) {
        return Target.image(unpinned, fields);
      }
      return new Target(address, type.alias(), fields, origin, List.of(), type.generator());
    }
  }

  /**
   * Validates {@code declared} (plain Java values; null or absent means unset) for a target of
   * {@code type} at {@code address}. Deprecation warnings go to {@code warnings}.
   */
  public static Result validate(TargetType type, Address address, Origin origin,
      Map<String, Object> declared, Consumer<String> warnings) throws TargetException {
    return validate(type, address, origin, declared, warnings, new RepositoryNames());
  }

  /** {@link #validate(TargetType, Address, Origin, Map, Consumer)} with a run's memo of names. */
  public static Result validate(TargetType type, Address address, Origin origin,
      Map<String, Object> declared, Consumer<String> warnings, RepositoryNames names)
      throws TargetException {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, RepositoryName> repositories = new HashMap<>(4);
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
      if (e.getValue() instanceof String s && field.kind() == Field.Kind.REPOSITORY) {
        // Parsed once, here: the typed image keeps the name, peek the string as declared.
        repositories.put(field.name(), repository(where(field, address), s, origin, names));
        out.put(field.name(), s);
      } else if (e.getValue() != null) {
        out.put(field.name(), check(field, address, origin, e.getValue()));
      }
    }
    boolean image = type == MirrorTypes.IMAGE_TYPE;
    boolean unpinned = image && out.get(MirrorTypes.SHA) == null;
    for (Field f : type.fields()) {
      if (f.required() && out.get(f.name()) == null
          && !(unpinned && f.name().equals(MirrorTypes.SHA))) {
        throw new TargetException(origin, "The '" + f.name() + "' field in target " + address
            + " must be set.");
      }
    }
    Optional<String> tag = Optional.ofNullable((String) out.get(MirrorTypes.TAG));
    Optional<String> sourceTag = Optional.ofNullable((String) out.get(MirrorTypes.SOURCE_TAG));
    if (unpinned && tag.isEmpty() && sourceTag.isEmpty()) {
      throw new TargetException(origin, "The 'sha' field in target " + address
          + " must be set: set `sha`, or set `tag` and run `mirror pin " + address + "`.");
    }
    if (type.generator() && out.get("variants") instanceof Map<?, ?> v && v.isEmpty()) {
      throw new TargetException(origin, "The 'variants' field in target " + address
          + " must not be empty: give at least one tag and its digest.");
    }
    if (!image) {
      return new Result(out, null, null);
    }
    RepositoryName source = repositories.get("source_repository");
    RepositoryName destination = repositories.get("destination_repository");
    boolean referrers = isTrue(out, "referrers");
    if (unpinned) {
      return new Result(out, null, new UnpinnedImage(address, origin, source, destination, tag,
          sourceTag, referrers));
    }
    return new Result(out, new MirrorImage(address, origin, source, destination,
        Digest.sha256((String) out.get(MirrorTypes.SHA)), tag, referrers), null);
  }

  /** A boolean field's value; unset (null) is False, the default of mirror's boolean fields. */
  private static boolean isTrue(Map<String, Object> fields, String name) {
    return Boolean.TRUE.equals(fields.get(name));
  }

  private static String where(Field field, Address address) {
    return "The '" + field.name() + "' field in target " + address;
  }

  private static TargetException unknownField(TargetType type, Address address, Origin origin,
      String key, Object value) {
    String suggestion = Spelling.closest(key, type.allFieldNames());
    return new TargetException(origin, "Unrecognized field `" + key + "=" + PythonRepr.str(value)
        + "` in target " + address + ". Valid fields for the target type `" + type.alias()
        + "`: " + PythonRepr.list(type.fieldNames()) + "."
        + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?"));
  }

  /** Checks one value against its field's kind and rules; returns it in canonical form. */
  public static Object check(Field field, Address address, Origin origin, Object value)
      throws TargetException {
    String where = where(field, address);
    switch (field.kind()) {
      case STRING, SHA, REPOSITORY, TAG -> {
        if (!(value instanceof String s)) {
          throw typeError(where, field, value, origin);
        }
        return switch (field.kind()) {
          case SHA -> sha(where, s, origin);
          case REPOSITORY -> repository(where, s, origin, new RepositoryNames()).toString();
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
      case BOOL -> {
        // Python's bool, not its int: True and False only, as Pants' BoolField takes.
        if (!(value instanceof Boolean b)) {
          throw typeError(where, field, value, origin);
        }
        return b;
      }
      default -> throw new IllegalStateException(field.kind().toString());
    }
  }

  private static TargetException typeError(String where, Field field, Object value,
      Origin origin) {
    return new TargetException(origin, where + " must be " + field.kind().expected()
        + ", but was `" + PythonRepr.repr(value) + "` with type `" + PythonRepr.type(value) + "`.");
  }

  /** The hex digits of a sha256 digest, as {@code sha} holds them: {@link Digest}'s grammar. */
  private static String sha(String where, String value, Origin origin) throws TargetException {
    String hex = value.startsWith("sha256:") ? value.substring("sha256:".length()) : value;
    try {
      return Digest.sha256(hex).hex();
    } catch (IllegalArgumentException e) {
      throw new TargetException(origin, where + " must be a sha256 digest: 64 lowercase hex"
          + " digits (optionally after sha256:), but was `" + value + "`.");
    }
  }

  private static String tag(String where, String value, Origin origin) throws TargetException {
    if (!TAG.matcher(value).matches()) {
      throw new TargetException(origin, where + " must be a valid OCI tag (letters, digits,"
          + " '_', '.', '-', not starting with '.' or '-', at most 128 characters), but was `"
          + value + "`.");
    }
    return value;
  }

  private static RepositoryName repository(String where, String value, Origin origin,
      RepositoryNames names) throws TargetException {
    RepositoryName name = names.get(value, FieldValidator::repositoryName);
    if (name == null) {
      throw new TargetException(origin, where + " must be an OCI repository name without tag or"
          + " digest, like docker.io/library/python, but was `" + value + "`: "
          + repositoryProblem(value) + ".");
    }
    return name;
  }

  /**
   * The repository {@code value} names, or null. The grammar is {@link RepositoryName}'s, the
   * one run uses, so that whatever loads can be mirrored; on top of it, what a connection needs
   * and the grammar leaves open: a port from 1 to 65535, a path of at most 255 characters.
   */
  private static RepositoryName repositoryName(String value) {
    if (value.isEmpty() || value.contains("@")) {
      return null;
    }
    int slash = value.lastIndexOf('/');
    if (value.indexOf(':', slash + 1) >= 0) {
      return null; // a tag, which RepositoryName.parse also rejects, but after more work
    }
    RepositoryName name;
    try {
      name = RepositoryName.parse(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String[] parts = split(value);
    if (parts[0] != null ? !validHost(parts[0]) : !validPathCase(parts[1])) {
      return null;
    }
    return parts[1].length() > 255 || portProblem(parts[0]) != null ? null : name;
  }

  /**
   * Jib accepts '_' in a host name, which no DNS name has; a registry mirror cannot reach is
   * better refused when the BUILD file loads.
   */
  private static boolean validHost(String registry) {
    return registry.indexOf('_') < 0;
  }

  /**
   * Jib, as Docker, reads a first component with capitals ({@code Team/app}) as a registry host;
   * mirror reads a host only where it has '.' or ':' or is {@code localhost}, and paths are
   * lowercase, so such a name is refused rather than sent to a host called {@code Team}.
   */
  private static boolean validPathCase(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return false;
      }
    }
    return true;
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
    String[] parts = split(value);
    String registry = parts[0];
    String path = parts[1];
    if (registry != null) {
      if (registry.startsWith("[")) {
        return "'" + registry + "' is an IPv6 address, which mirror cannot use as a registry"
            + " host; use a host name (localhost for the loopback address) or an IPv4 address";
      }
      if (!parses(registry + "/x") || !validHost(registry)) {
        return "'" + registry + "' is not a valid registry host";
      }
      String problem = portProblem(registry);
      if (problem != null) {
        return problem;
      }
    }
    if (path.length() > 255 || !parses(value) || (registry == null && !validPathCase(path))) {
      return "'" + path + "' is not a valid repository path (lowercase letters, digits and"
          + " separators . _ - /)";
    }
    return null;
  }

  /**
   * The registry (null when none is written) and the path, split as Docker splits them: a first
   * component with '.' or ':', or {@code localhost}, is a host.
   */
  private static String[] split(String value) {
    int first = value.indexOf('/');
    if (first > 0) {
      String head = value.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        return new String[] {head, value.substring(first + 1)};
      }
    }
    return new String[] {null, value};
  }

  private static boolean parses(String value) {
    try {
      RepositoryName.parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The grammar allows any digits; a connection needs a real port, and finding out at run time,
   * after every other target loaded fine, is too late.
   */
  private static String portProblem(String registry) {
    if (registry == null) {
      return null;
    }
    int colon = registry.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    String port = registry.substring(colon + 1);
    if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > MAX_PORT) {
      return "'" + registry + "' has port " + port + ", but a port is a number from 1 to "
          + MAX_PORT;
    }
    return null;
  }
}
