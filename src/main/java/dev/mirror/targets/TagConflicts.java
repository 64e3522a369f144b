package dev.mirror.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tagged images that would overwrite each other: two {@code oci_mirror_image} targets (declared
 * or generated, whose variant key is the tag) with one destination repository and tag but
 * different digests. Both would "succeed" and the tag would point at whichever ran last, so this
 * is an error in the BUILD files, not something a run can settle. The same digest twice is
 * harmless; untagged images are pushed by digest and never conflict.
 */
public final class TagConflicts {
  private TagConflicts() {}

  /**
   * One error per target whose destination {@code repo:tag} an earlier target (in the order
   * given) already tags with another digest, located at the later target, naming both.
   */
  public static List<TargetException> find(List<Target> images) {
    Map<String, Target> firstByTag = new LinkedHashMap<>();
    List<TargetException> conflicts = new ArrayList<>();
    for (Target image : images) {
      if (!image.type().equals(MirrorTypes.IMAGE) || !(image.fields().get("tag") instanceof String tag)
          || !(image.fields().get("destination_repository") instanceof String repository)) {
        continue;
      }
      Target first = firstByTag.putIfAbsent(canonical(repository) + ":" + tag, image);
      if (first != null && !first.fields().get("sha").equals(image.fields().get("sha"))) {
        conflicts.add(new TargetException(image.origin(), "The targets " + first.address()
            + " and " + image.address() + " both tag "
            + first.fields().get("destination_repository") + ":" + tag
            + ", with different digests (sha256:" + first.fields().get("sha") + " and sha256:"
            + image.fields().get("sha") + "): the tag would move on every run. Give one of them"
            + " another tag, or both the same sha."));
      }
    }
    return conflicts;
  }

  /**
   * The repository as a registry sees it, so that spellings of one repository compare equal:
   * host names ignore case, and Docker Hub's short forms ({@code busybox},
   * {@code docker.io/busybox}, {@code index.docker.io/library/busybox}) are one repository.
   */
  static String canonical(String repository) {
    String registry = "docker.io";
    String path = repository;
    int slash = repository.indexOf('/');
    if (slash > 0) {
      String head = repository.substring(0, slash);
      // As FieldValidator reads it: a first component with '.' or ':', or localhost, is a host.
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head.toLowerCase(Locale.ROOT);
        path = repository.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = "docker.io";
    }
    if (registry.equals("docker.io") && !path.contains("/")) {
      path = "library/" + path;
    }
    return registry + "/" + path;
  }
}
