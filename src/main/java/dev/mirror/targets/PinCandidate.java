package dev.mirror.targets;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One digest {@code mirror pin} may write: a declared {@code oci_mirror_image}'s {@code sha}, or
 * the value of one entry of an {@code oci_mirror_images}' {@code variants}.
 *
 * @param address the image's address: the declared target's, or the generated one's
 *     ({@code generator#key}) for a variant
 * @param call where the call to edit is: the declared target's, or its generator's
 * @param source the repository the tag is resolved in
 * @param sourceTag the tag to resolve at the source: {@code source_tag}, else {@code tag} (a
 *     variant's key); null for an image pinned by digest alone, which has nothing to resolve
 * @param current the digest pinned now; null for an unpinned target
 * @param variantKey the key of the {@code variants} entry for a variant, else null
 */
public record PinCandidate(Address address, Origin call, RepositoryName source, String sourceTag,
    Digest current, String variantKey) {

  public PinCandidate {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(source, "source");
  }

  /** Whether there is a tag to resolve. */
  public boolean hasTag() {
    return sourceTag != null;
  }

  /** Whether the image has a digest now. */
  public boolean isPinned() {
    return current != null;
  }

  /** Whether this is an entry of an {@code oci_mirror_images}' {@code variants}. */
  public boolean isVariant() {
    return variantKey != null;
  }

  /**
   * The candidates of {@code targets}, sorted by address, each image once: a declared {@code
   * oci_mirror_image}, pinned or not, gives one; a generator gives one per variant; a generated
   * target gives its variant's, once however it was selected (alone, with its generator, or
   * both). Other backends' targets give none.
   */
  public static List<PinCandidate> of(List<Target> targets) {
    Map<Address, PinCandidate> byAddress = new TreeMap<>();
    for (Target target : targets) {
      if (target.unpinned() != null) {
        UnpinnedImage u = target.unpinned();
        byAddress.put(u.address(), new PinCandidate(u.address(), u.origin(), u.source(),
            u.tagToResolve(), null, null));
        continue;
      }
      // A generated image's fields have no source_tag: its key is the tag at both ends.
      String sourceTag = target.generator() ? null
          : (String) target.fields().get(MirrorTypes.SOURCE_TAG);
      for (MirrorImage image : target.images()) {
        Address address = image.address();
        byAddress.putIfAbsent(address, new PinCandidate(address, image.origin(), image.source(),
            sourceTag != null ? sourceTag : image.tag().orElse(null), image.digest(),
            address.isGenerated() ? address.generatedName() : null));
      }
    }
    return new ArrayList<>(byAddress.values());
  }
}
