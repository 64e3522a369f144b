package dev.mirror.specs;

import dev.mirror.spelling.Spelling;
import dev.mirror.targets.Address;
import dev.mirror.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resolves an address literal to the targets it names ("one in, one out", except that a literal
 * without parameters names every parametrization of its target). Every failure is fatal whatever
 * {@code unmatched_cli_globs} says, with Pants' {@code ResolveError} texts.
 */
final class LiteralResolver {
  /** mirror suggests a name only when it is this close (edit distance) to the one given. */
  private static final int MAX_SUGGESTION_DISTANCE = 2;

  private final TargetSource source;
  private final DirectoryLoader loader;

  LiteralResolver(TargetSource source, DirectoryLoader loader) {
    this.source = source;
    this.loader = loader;
  }

  /** The targets {@code literal} names; empty if its directory failed to load (kept there). */
  List<Target> resolve(Spec.AddressLiteral literal) throws SpecException {
    Address address = literal.address();
    String path = address.specPath();
    boolean isDirectory = source.directoryExists(path);
    if (!isDirectory && !source.pathExists(path)) {
      throw unknown("The file or directory '" + path + "' does not exist on disk in the"
          + " workspace, so the address '" + literal + "' from CLI arguments cannot be resolved.");
    }
    // A path naming a file makes a file address (`dir/f.txt:t`), resolved against the file's
    // directory. Mirror targets own no files, so no target can have generated it.
    String dir = isDirectory ? path : SpecPath.parent(path);
    if (!source.hasBuildFiles(dir)) {
      throw unknown("Directory '" + dir + "' does not contain any BUILD files.");
    }
    Optional<List<Target>> loaded = loader.targetsIn(dir);
    if (loaded.isEmpty()) {
      return List.of();
    }
    List<Target> inDir = loaded.get();
    String name = address.targetName() != null ? address.targetName() : Address.basename(dir);
    List<Target> named = inDir.stream().filter(t -> t.address().name().equals(name)).toList();
    if (named.isEmpty()) {
      throw unknownName(literal, name, dir, inDir);
    }
    List<Target> matches = isDirectory
        ? named.stream().filter(t -> isNamedBy(address, t.address())).toList()
        : List.of();
    if (matches.isEmpty()) {
      Address base = isDirectory
          ? address.generator()
          : new Address(dir, address.targetName(), null, address.parameters());
      throw notGenerated(literal, base, named);
    }
    return matches;
  }

  /**
   * Whether {@code literal} names {@code candidate}: the same generated part, and parameters
   * that include the literal's (Pants' {@code get_all_superset_targets}).
   */
  private static boolean isNamedBy(Address literal, Address candidate) {
    if (!Objects.equals(literal.generatedName(), candidate.generatedName())) {
      return false;
    }
    for (Map.Entry<String, String> e : literal.parameters().entrySet()) {
      if (!e.getValue().equals(candidate.parameters().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static SpecException unknownName(
      Spec.AddressLiteral literal, String name, String dir, List<Target> inDir) {
    TreeSet<String> names = new TreeSet<>(Address::compareUtf8);
    inDir.forEach(t -> names.add(t.address().name()));
    StringBuilder sb = new StringBuilder()
        .append("The address ").append(literal).append(" from CLI arguments does not exist.\n\n");
    String closest = Spelling.closest(name, names);
    if (closest != null && Spelling.distance(name, closest) <= MAX_SUGGESTION_DISTANCE) {
      sb.append("Did you mean :").append(closest).append("?\n\n");
    }
    sb.append("The target name ':").append(name).append("' is not defined in the directory ")
        .append(dir.isEmpty() ? "//" : dir);
    if (names.isEmpty()) {
      // Nothing to choose from: say so rather than offer an empty list.
      return unknown(sb.append(", which has BUILD files but no targets.").toString());
    }
    sb.append(". Did you mean one of these target names?\n\n");
    List<String> bullets = new ArrayList<>();
    names.forEach(n -> bullets.add(":" + n));
    return unknown(sb.append(bulletList(bullets)).toString());
  }

  /**
   * The literal's target exists but not with this generated part or these parameters: list what
   * does, each declared target followed by the targets it generated, in generation order (its
   * dependencies).
   */
  private static SpecException notGenerated(
      Spec.AddressLiteral literal, Address base, List<Target> named) {
    List<String> bullets = new ArrayList<>();
    for (Target t : named) {
      if (t.address().isGenerated()) {
        continue;
      }
      bullets.add(t.address().toString());
      for (Address dependency : t.dependencies()) {
        if (dependency.isGenerated() && dependency.generator().equals(t.address())) {
          bullets.add(dependency.toString());
        }
      }
    }
    return unknown("The address `" + literal + "` from CLI arguments was not generated by the"
        + " target `" + base + "`. Did you mean one of these addresses?\n\n"
        + bulletList(bullets));
  }

  /** Pants' {@code bullet_list}. */
  private static String bulletList(List<String> items) {
    List<String> lines = new ArrayList<>();
    items.forEach(item -> lines.add("  * " + item));
    return String.join("\n", lines);
  }

  private static SpecException unknown(String message) {
    return new SpecException(SpecException.Kind.UNKNOWN_ADDRESS, message);
  }
}
