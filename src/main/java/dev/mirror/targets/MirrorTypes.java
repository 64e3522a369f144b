package dev.mirror.targets;

import dev.mirror.targets.Field.Kind;
import java.util.List;

/** Mirror's own target types, {@code oci_mirror_image} and its generator {@code oci_mirror_images}. */
public final class MirrorTypes {
  private MirrorTypes() {}

  public static final String IMAGE = "oci_mirror_image";
  public static final String IMAGES = "oci_mirror_images";

  /** The digest an {@code oci_mirror_image} pins. */
  public static final String SHA = "sha";
  /** The tag an {@code oci_mirror_image} gets at the destination. */
  public static final String TAG = "tag";
  /** The tag {@code mirror pin} resolves at the source, when it is not {@link #TAG}. */
  public static final String SOURCE_TAG = "source_tag";

  private static final Field SOURCE = Field.of("source_repository", Kind.REPOSITORY, true,
      "The repository to copy from, without tag or digest, e.g. docker.io/library/python.")
      .withAliases(List.of("repository"), List.of("repository"));
  private static final Field DESTINATION = Field.of("destination_repository", Kind.REPOSITORY,
      true, "The repository to copy to, without tag or digest, e.g."
          + " registry.example.com/mirror/python.");
  private static final Field TAGS = Field.of("tags", Kind.STRING_LIST, false,
      "Arbitrary strings to describe a target, for filtering with --tag.");
  private static final Field DESCRIPTION = Field.of("description", Kind.STRING, false,
      "A human-readable description of the target; list --documented shows it.");
  private static final Field REFERRERS = Field.bool("referrers", false,
      "Whether to mirror what refers to the image as well: OCI 1.1 referrers (signatures,"
          + " attestations, SBOMs whose `subject` is the image or one of its platform manifests,"
          + " and their own referrers, to a depth of 3) and cosign's `sha256-<hex>.sig`/`.att`/"
          + "`.sbom` tags.");

  public static final TargetType IMAGE_TYPE = new TargetType(IMAGE, List.of(
      SOURCE,
      DESTINATION,
      Field.of(SHA, Kind.SHA, true,
          "The sha256 digest of the image or index to mirror: 64 hex digits (a sha256: prefix is"
              + " accepted and dropped). The destination serves exactly this digest. A target"
              + " with `tag` or `source_tag` may leave it out until `mirror pin` writes it; every"
              + " other goal reports such a target as an error.")
          .withAliases(List.of("digest"), List.of()),
      Field.of(TAG, Kind.TAG, false,
          "The tag to point at the mirrored digest in the destination. Without it the image is"
              + " pushed by digest only."),
      Field.of(SOURCE_TAG, Kind.TAG, false,
          "The tag at the source that `mirror pin` resolves to a digest, when it is not `tag`"
              + " (e.g. `tag=\"3.12\"` at the destination from `source_tag=\"3.12-slim\"` at the"
              + " source)."),
      REFERRERS,
      TAGS,
      DESCRIPTION),
      false, false,
      "An image to mirror, pinned by digest: every platform of it is copied from"
          + " source_repository to destination_repository, byte for byte, and tagged with tag"
          + " when set. Written with a tag and no sha, it waits for `mirror pin` to pin it.");

  public static final TargetType IMAGES_TYPE = new TargetType(IMAGES, List.of(
      SOURCE,
      DESTINATION,
      Field.of("variants", Kind.STRING_DICT, true,
          "The tags to mirror and their digests: {\"3.12-slim\": \"<sha>\", ...}. Each entry"
              + " generates an oci_mirror_image target addressed <generator>#<tag>."),
      REFERRERS,
      TAGS,
      DESCRIPTION),
      true, false,
      "Several tags of one repository to mirror: generates one oci_mirror_image per entry of"
          + " variants, with tag set to the entry's key and sha to its value.");

  public static final List<TargetType> ALL = List.of(IMAGE_TYPE, IMAGES_TYPE);

  /** Mirror's type with this alias, or null. */
  public static TargetType byAlias(String alias) {
    for (TargetType t : ALL) {
      if (t.alias().equals(alias)) {
        return t;
      }
    }
    return null;
  }

  /** The fields a generated oci_mirror_image copies from its generator when set there. */
  public static final List<String> COPIED_FIELDS =
      List.of("tags", "description", "source_repository", "destination_repository", "referrers");
}
