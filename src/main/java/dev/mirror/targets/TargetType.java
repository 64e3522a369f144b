package dev.mirror.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A target type: its alias in BUILD files, its fields, and whether it generates other targets.
 * Mirror's own two types are fully described; another backend's type ({@code python_sources},
 * {@code docker_image}) is opaque: any field is accepted and kept as declared.
 */
public record TargetType(String alias, List<Field> fields, boolean generator, boolean opaque,
    String help) {

  public TargetType {
    fields = List.copyOf(fields);
  }

  public static TargetType opaque(String alias) {
    return new TargetType(alias, List.of(), false, true,
        "A target type of another Pants backend; mirror shows it as declared and never runs it.");
  }

  /** The field called {@code name}, by its name or one of its aliases. */
  public Optional<Field> field(String name) {
    for (Field f : fields) {
      if (f.name().equals(name) || f.aliases().contains(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Field names, sorted, as Pants lists them in "Valid fields" messages. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      names.add(f.name());
    }
    names.sort(null);
    return names;
  }

  /** Every name a field may be given by, for "did you mean" suggestions. */
  public List<String> allFieldNames() {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      names.add(f.name());
      names.addAll(f.aliases());
    }
    return names;
  }

  @Override
  public String toString() {
    return alias;
  }
}
