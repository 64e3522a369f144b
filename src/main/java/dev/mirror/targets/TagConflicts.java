package dev.mirror.targets;

import dev.mirror.registry.RepositoryName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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

  /** A repository (as {@link #key} spells it) and a tag. */
  private record Destination(String repository, String tag) {}

  /**
   * One error per image whose destination {@code repo:tag} an earlier image (in the order given)
   * already tags with another digest, located at the later image, naming both.
   */
  public static List<TargetException> find(List<MirrorImage> images) {
    Map<Destination, MirrorImage> firstByTag = new HashMap<>();
    // Images share their repository names (one object per text): each is keyed once.
    Map<RepositoryName, String> keys = new IdentityHashMap<>();
    List<TargetException> conflicts = new ArrayList<>();
    for (MirrorImage image : images) {
      if (image.tag().isEmpty()) {
        continue;
      }
      String tag = image.tag().get();
      String repository = keys.computeIfAbsent(image.destination(), TagConflicts::key);
      MirrorImage first = firstByTag.putIfAbsent(new Destination(repository, tag), image);
      if (first != null && !first.digest().equals(image.digest())) {
        conflicts.add(new TargetException(image.origin(), "The targets " + first.address()
            + " and " + image.address() + " both tag " + first.destination() + ":" + tag
            + ", with different digests (" + first.digest() + " and " + image.digest()
            + "): the tag would move on every run. Give one of them another tag, or both the"
            + " same sha."));
      }
    }
    return conflicts;
  }

  /**
   * The repository as a registry sees it, so that spellings of one repository compare equal:
   * {@link RepositoryName} reads Docker Hub's short forms ({@code busybox}, {@code
   * docker.io/busybox}, {@code index.docker.io/library/busybox}) as one repository; host names
   * also ignore case, which it leaves as written.
   */
  static String key(RepositoryName repository) {
    String registry = repository.registry();
    String lower = registry.toLowerCase(Locale.ROOT);
    if (!lower.equals(registry)) {
      repository = RepositoryName.parse(lower + "/" + repository.path());
    }
    return repository.registry() + "/" + repository.path();
  }
}
