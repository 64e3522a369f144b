package dev.mirror.pin;

import dev.mirror.registry.Digest;
import dev.mirror.targets.Origin;
import java.util.Objects;

/**
 * One pin to write: the call that declares the target (where the interpreter reports it: the
 * BUILD file relative to the build root and the opening parenthesis of the call), which value
 * (the variant's key for {@code oci_mirror_images}, null for {@code oci_mirror_image}), the digest
 * the target has now (null when it has no sha yet) and the digest to write.
 */
public record PinRequest(Origin call, String variantKey, Digest current, Digest pinned) {
  public PinRequest {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(pinned, "pinned");
    // The sha field holds 64 hex digits: a sha256 digest is all that can be written.
    requireSha256(pinned);
    if (current != null) {
      requireSha256(current);
    }
  }

  private static void requireSha256(Digest digest) {
    if (!digest.algorithm().equals("sha256")) {
      throw new IllegalArgumentException("a pin is a sha256 digest, not " + digest);
    }
  }
}
