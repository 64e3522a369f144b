package dev.mirror.targets;

import dev.mirror.registry.RepositoryName;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code oci_mirror_image} declared with a tag but no {@code sha} (from neither the call nor
 * {@code __defaults__}): it loads, typed and checked like a pinned one, but there is nothing to
 * mirror until {@code mirror pin} resolves its tag at the source and writes the digest. Every
 * other goal reports it as an error. Only declared targets are ever unpinned: each variant of an
 * {@code oci_mirror_images} has its digest.
 *
 * @param origin where the target was declared: the BUILD file and the call's line and column
 * @param tag the tag at the destination, when set
 * @param sourceTag the tag at the source, when it is not {@code tag}
 * @param referrers whether the image will be mirrored with what refers to it
 */
public record UnpinnedImage(Address address, Origin origin, RepositoryName source,
    RepositoryName destination, Optional<String> tag, Optional<String> sourceTag,
    boolean referrers) {

  public UnpinnedImage {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(sourceTag, "sourceTag");
    if (tag.isEmpty() && sourceTag.isEmpty()) {
      throw new IllegalArgumentException(address + ": an unpinned image needs a tag to resolve");
    }
  }

  /** The tag {@code mirror pin} resolves at the source: {@code source_tag}, else {@code tag}. */
  public String tagToResolve() {
    return sourceTag.orElseGet(tag::get);
  }

  /** The error every goal but {@code pin} reports for this target, located at its call. */
  public TargetException notPinned() {
    return new TargetException(origin, address + " has no sha yet: run `mirror pin " + address
        + "`");
  }
}
