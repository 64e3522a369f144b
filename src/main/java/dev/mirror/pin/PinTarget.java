package dev.mirror.pin;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import dev.mirror.targets.Origin;

/**
 * One pin {@code pin} keeps current: a target's digest (or one variant's of an {@code
 * oci_mirror_images}), the tag it stands for at the source, and the call that declared it.
 *
 * @param address the target's address as {@code list} prints it
 * @param call where the target's call is in its BUILD file
 * @param source the source repository
 * @param tag the tag to resolve at the source ({@code source_tag}, else {@code tag}, else the
 *     variant key)
 * @param current the digest pinned now, or null when the target has none yet
 * @param variantKey the variant of an {@code oci_mirror_images}, or null
 */
public record PinTarget(String address, Origin call, RepositoryName source, String tag,
    Digest current, String variantKey) {

  PinRequest request(Digest pinned) {
    return new PinRequest(call, variantKey, current, pinned);
  }
}
