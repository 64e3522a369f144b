package dev.mirror.specs;

import dev.mirror.targets.Address;
import dev.mirror.targets.Origin;
import dev.mirror.targets.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An in-memory workspace: directories, files, BUILD directories and their targets. */
final class FakeTargetSource implements TargetSource {
  private final Set<String> dirs = new TreeSet<>(Set.of(""));
  private final Set<String> files = new TreeSet<>();
  private final Map<String, List<Target>> targets = new HashMap<>();
  private final Map<String, String> broken = new HashMap<>();
  private LoadException toThrow;
  /** Every directory whose targets were asked for, in order, to check laziness. */
  final List<String> loaded = new ArrayList<>();

  FakeTargetSource dir(String dir) {
    for (String d = dir; !d.isEmpty(); d = SpecPath.parent(d)) {
      dirs.add(d);
    }
    return this;
  }

  FakeTargetSource file(String path) {
    files.add(path);
    return dir(SpecPath.parent(path));
  }

  /** A directory with a BUILD file declaring these targets (generated ones included). */
  FakeTargetSource build(String dir, List<Target> declared) {
    file(dir.isEmpty() ? "BUILD" : dir + "/BUILD");
    targets.computeIfAbsent(dir, d -> new ArrayList<>()).addAll(declared);
    return this;
  }

  FakeTargetSource build(String dir, Target... declared) {
    return build(dir, Arrays.asList(declared));
  }

  /** Makes evaluating {@code dir}'s BUILD file (and so every directory below it) fail. */
  FakeTargetSource broken(String dir, String problem) {
    build(dir);
    broken.put(dir, problem);
    return this;
  }

  /** Makes every {@link #targetsIn} throw this very exception. */
  FakeTargetSource throwing(LoadException e) {
    toThrow = e;
    return this;
  }

  @Override
  public boolean directoryExists(String dir) {
    return dirs.contains(dir);
  }

  @Override
  public boolean pathExists(String path) {
    return dirs.contains(path) || files.contains(path);
  }

  @Override
  public boolean globMatches(String glob) {
    java.nio.file.PathMatcher m =
        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return java.util.stream.Stream.concat(dirs.stream(), files.stream())
        .anyMatch(p -> !p.isEmpty() && m.matches(java.nio.file.Path.of(p)));
  }

  @Override
  public boolean hasBuildFiles(String dir) {
    return targets.containsKey(dir);
  }

  @Override
  public List<String> buildDirectoriesUnder(String dir) {
    return targets.keySet().stream()
        .filter(d -> dir.isEmpty() || d.equals(dir) || d.startsWith(dir + "/"))
        .sorted(Address::comparePaths)
        .toList();
  }

  @Override
  public List<Target> targetsIn(String dir) throws LoadException {
    loaded.add(dir);
    if (toThrow != null) {
      throw toThrow;
    }
    List<String> problems = new ArrayList<>();
    for (String d = dir; ; d = SpecPath.parent(d)) {
      if (broken.containsKey(d)) {
        problems.add(0, broken.get(d));
      }
      if (d.isEmpty()) {
        break;
      }
    }
    if (!problems.isEmpty()) {
      throw new LoadException(problems);
    }
    return targets.getOrDefault(dir, List.of()).stream()
        .sorted((a, b) -> a.address().compareTo(b.address()))
        .toList();
  }

  // ---- targets ----

  static Target image(String address, String... tags) {
    return target(Address.parse(address), "oci_mirror_image", List.of(), false, tags);
  }

  static Target opaque(String address, String type) {
    return target(Address.parse(address), type, List.of(), false);
  }

  /** An {@code oci_mirror_images} generator and its generated targets, in generation order. */
  static List<Target> images(String address, List<String> keys, String... tags) {
    Address generator = Address.parse(address);
    List<Address> generated = keys.stream().map(generator::withGenerated).toList();
    List<Target> all = new ArrayList<>();
    all.add(target(generator, "oci_mirror_images", generated, true, tags));
    generated.forEach(a -> all.add(target(a, "oci_mirror_image", List.of(), false, tags)));
    return all;
  }

  private static Target target(
      Address address, String type, List<Address> dependencies, boolean generator,
      String... tags) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tags", tags.length == 0 ? null : List.of(tags));
    String dir = address.specPath();
    return new Target(address, type, fields,
        new Origin(dir.isEmpty() ? "BUILD" : dir + "/BUILD", 1, 1), dependencies, generator);
  }

  // ---- the worked example of §9 ----

  static FakeTargetSource workedExample() {
    return new FakeTargetSource()
        .file("pants.toml")
        .build("", image("//:busybox", "mirror"))
        .build("images") // __defaults__ only
        .build("images/python", concat(
            images("images/python", List.of("3.12-slim", "3.11-slim"), "mirror"),
            List.of(image("images/python:alpine", "mirror"))))
        .build("images/python/legacy", image("images/python/legacy:py27", "legacy"))
        .build("images/tools", image("images/tools:jq", "mirror"),
            image("images/tools:yq", "mirror"));
  }

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
