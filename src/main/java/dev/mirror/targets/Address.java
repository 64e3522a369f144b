package dev.mirror.targets;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The address of a target, as Pants writes it: {@code path[:name][#generated][@k=v,...]}.
 *
 * <p>{@code specPath} is the target's directory relative to the build root ("" at the root).
 * {@code targetName} is null when the name is the directory's basename (the default, dropped when
 * printed). {@code generatedName} is the key of a generated target. {@code parameters} are sorted
 * by key. {@link #toString()} renders the address as {@code list} prints it and {@link #parse}
 * reads it back; the natural order is Pants' field-by-field order, not a string sort.
 */
public record Address(
    String specPath, String targetName, String generatedName, SortedMap<String, String> parameters)
    implements Comparable<Address> {

  public Address {
    if (targetName != null && (targetName.isEmpty() || targetName.equals(basename(specPath)))) {
      targetName = null; // the default name, normalised away
    }
    parameters = parameters == null || parameters.isEmpty()
        ? java.util.Collections.emptySortedMap()
        : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  /** The address of a target declared in {@code specPath} with the given name. */
  public static Address of(String specPath, String name) {
    return new Address(specPath, name, null, null);
  }

  /** The last component of a path ("" for the root). */
  public static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The target's name: the explicit one, or the directory's basename. */
  public String name() {
    return targetName != null ? targetName : basename(specPath);
  }

  public boolean isGenerated() {
    return generatedName != null;
  }

  public boolean isParametrized() {
    return !parameters.isEmpty();
  }

  public Address withGenerated(String key) {
    return new Address(specPath, targetName, key, parameters);
  }

  public Address withParameters(Map<String, String> params) {
    return new Address(specPath, targetName, generatedName, new TreeMap<>(params));
  }

  /** The address without its generated part: the generator's address. */
  public Address generator() {
    return new Address(specPath, targetName, null, parameters);
  }

  /** The address without parameters. */
  public Address unparametrized() {
    return new Address(specPath, targetName, generatedName, null);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (specPath.isEmpty()) {
      sb.append("//");
    } else {
      sb.append(specPath);
    }
    if (targetName != null) {
      sb.append(':').append(targetName);
    }
    if (generatedName != null) {
      sb.append('#').append(generatedName);
    }
    if (!parameters.isEmpty()) {
      sb.append('@');
      boolean first = true;
      for (Map.Entry<String, String> e : parameters.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(e.getKey()).append('=').append(e.getValue());
      }
    }
    return sb.toString();
  }

  /**
   * Parses an address as {@link #toString()} writes it, or as users write it: a leading
   * {@code //} is dropped, {@code path#gen} names a generated target of the default-named
   * generator. The text is split by {@link AddressSyntax}, the grammar specs use too. Throws
   * {@link IllegalArgumentException} with Pants' message for malformed input.
   */
  public static Address parse(String spec) {
    AddressSyntax.Parts parts;
    try {
      parts = AddressSyntax.parse(spec);
    } catch (AddressSyntax.Malformed e) {
      throw new IllegalArgumentException(switch (e.problem()) {
        case EMPTY_NAME -> emptyName(spec);
        case EMPTY_GENERATED -> "Address spec `" + spec
            + "` has an empty generated name after `#`";
        case BAD_PARAMETERS -> "Invalid parameters in address `" + spec
            + "`: expected k=v pairs separated by commas, got `"
            + spec.substring(e.componentStart()) + "`";
        case TRAILING_TEXT -> "Failed to parse address spec `" + spec + "`: error at 1:"
            + (e.index() + 1) + ": expected " + e.problem().expected();
      });
    }
    if (":".equals(parts.wildcard())) {
      throw new IllegalArgumentException(emptyName(spec)); // `a:` is a name left empty
    }
    if (parts.wildcard() != null) {
      throw new IllegalArgumentException("The address `" + spec + "` ended in a wildcard (`"
          + parts.wildcard() + "`), which is not supported.");
    }
    String path = parts.path().startsWith("//") ? parts.path().substring(2) : parts.path();
    path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    checkPath(spec, path);
    if (path.isEmpty() && parts.name() == null && !spec.startsWith("//")) {
      throw new IllegalArgumentException("The address `" + spec + "` has no name part, but it's"
          + " necessary because the path is the build root.");
    }
    return new Address(path, parts.name(), parts.generated(), parts.parameters());
  }

  private static String emptyName(String spec) {
    return "Address spec `" + spec
        + "` sets the name component to the empty string, which is not legal.";
  }

  /** Rejects un-normalized paths: '.', '..' and empty components. */
  static void checkPath(String spec, String path) {
    if (path.isEmpty()) {
      return;
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException("Address spec `" + spec + "` has an absolute path.");
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("Address spec `" + spec
            + "` has an un-normalized path part '" + part + "'.");
      }
    }
  }

  /**
   * Pants' order: path component-wise, then name (default first), parameters, generated name.
   * Written out rather than as a Comparator chain: sorting a large repository's addresses calls
   * it a million times, and the chain's lambdas cost a third of a warm {@code list ::}.
   */
  @Override
  public int compareTo(Address o) {
    if (this == o) {
      return 0;
    }
    int c = comparePaths(specPath, o.specPath);
    if (c == 0) {
      c = compareNullsFirst(targetName, o.targetName);
    }
    if (c == 0 && !(parameters.isEmpty() && o.parameters.isEmpty())) {
      c = compareParameters(parameters, o.parameters);
    }
    return c != 0 ? c : compareNullsFirst(generatedName, o.generatedName);
  }

  private static int compareNullsFirst(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return compareUtf8(a, b);
  }

  /**
   * Compares paths component by component, so "a" < "a/b" < "a-b": a '/' ends a component, so
   * it sorts below every other character. No allocation: sorting 50,000 addresses calls this
   * about a million times.
   */
  public static int comparePaths(String a, String b) {
    if (a == b) {
      return 0; // a directory's addresses share its path: the common case when sorting
    }
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x == '/') {
          return -1;
        }
        if (y == '/') {
          return 1;
        }
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** Compares strings by their UTF-8 bytes, as Rust and Python do: code point order. */
  public static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int compareParameters(SortedMap<String, String> a, SortedMap<String, String> b) {
    var x = a.entrySet().iterator();
    var y = b.entrySet().iterator();
    while (x.hasNext() && y.hasNext()) {
      var ex = x.next();
      var ey = y.next();
      int c = compareUtf8(ex.getKey(), ey.getKey());
      if (c == 0) {
        c = compareUtf8(ex.getValue(), ey.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(x.hasNext(), y.hasNext());
  }
}
