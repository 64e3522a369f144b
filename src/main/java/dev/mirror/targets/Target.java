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
 * <p>The fields are the values as declared (checked and in canonical form for mirror's types),
 * which {@code peek} shows; what {@code run} needs is typed in {@code images}.
 *
 * @param generator whether this target generates others ({@code oci_mirror_images})
 * @param images the images run mirrors for this target: an {@code oci_mirror_image}'s own, the
 *     ones an {@code oci_mirror_images} generated (in address order), none for other types
 */
public record Target(
    Address address,
    String type,
    Map<String, Object> fields,
    Origin origin,
    List<Address> dependencies,
    boolean generator,
    List<MirrorImage> images) {

  public Target {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    dependencies = List.copyOf(dependencies);
    images = List.copyOf(images);
  }

  /** A target run has nothing to mirror for: another backend's, or a generator not expanded. */
  public Target(Address address, String type, Map<String, Object> fields, Origin origin,
      List<Address> dependencies, boolean generator) {
    this(address, type, fields, origin, dependencies, generator, List.of());
  }

  /** An {@code oci_mirror_image} and its typed image. */
  public static Target image(MirrorImage image, Map<String, Object> fields) {
    return new Target(image.address(), MirrorTypes.IMAGE, fields, image.origin(), List.of(),
        false, List.of(image));
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
