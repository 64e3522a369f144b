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
 *     ones an {@code oci_mirror_images} generated (in address order), none for other types and
 *     for an unpinned {@code oci_mirror_image}
 * @param unpinned an {@code oci_mirror_image} declared with a tag and no {@code sha}, which only
 *     {@code mirror pin} accepts; null for every other target
 */
public record Target(
    Address address,
    String type,
    Map<String, Object> fields,
    Origin origin,
    List<Address> dependencies,
    boolean generator,
    List<MirrorImage> images,
    UnpinnedImage unpinned) {

  public Target {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    dependencies = List.copyOf(dependencies);
    images = List.copyOf(images);
    if (unpinned != null && !images.isEmpty()) {
      throw new IllegalArgumentException(address + " cannot be both pinned and unpinned");
    }
  }

  /** A target that is not unpinned: its images, if any, have their digests. */
  public Target(Address address, String type, Map<String, Object> fields, Origin origin,
      List<Address> dependencies, boolean generator, List<MirrorImage> images) {
    this(address, type, fields, origin, dependencies, generator, images, null);
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

  /** An {@code oci_mirror_image} that waits for {@code mirror pin}: nothing to mirror yet. */
  public static Target image(UnpinnedImage unpinned, Map<String, Object> fields) {
    return new Target(unpinned.address(), MirrorTypes.IMAGE, fields, unpinned.origin(),
        List.of(), false, List.of(), unpinned);
  }

  /** Whether this is an {@code oci_mirror_image} without a {@code sha} yet. */
  public boolean isUnpinned() {
    return unpinned != null;
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
