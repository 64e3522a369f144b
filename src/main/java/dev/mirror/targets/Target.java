package dev.mirror.targets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target as loaded: its address, its type's alias, its fields as plain Java values (String,
 * Long, Double, Boolean, List, Map, null for unset), where it was declared, and the addresses it
 * depends on (a generator depends on the targets it generates).
 *
 * @param generator whether this target generates others ({@code oci_mirror_images})
 */
public record Target(
    Address address,
    String type,
    Map<String, Object> fields,
    Origin origin,
    List<Address> dependencies,
    boolean generator) {

  public Target {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    dependencies = List.copyOf(dependencies);
  }

  /** The directory the target resides in (generated targets reside in their generator's). */
  public String directory() {
    return address.specPath();
  }

  /** The {@code tags} field as a list of strings (empty when unset). */
  @SuppressWarnings("unchecked")
  public List<String> tags() {
    Object tags = fields.get("tags");
    return tags instanceof List<?> list ? (List<String>) list : List.of();
  }

  public String description() {
    return fields.get("description") instanceof String s ? s : null;
  }
}
