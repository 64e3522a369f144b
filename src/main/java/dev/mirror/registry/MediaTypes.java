package dev.mirror.registry;

import java.util.Set;

/** The manifest and layer media types mirror handles, and how to tell them apart. */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  static final String DOCKER_SCHEMA1_SIGNED =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";

  /** What manifest requests accept: all four, so a tag of an index is not resolved to one platform. */
  static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST,
      DOCKER_MANIFEST);

  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);
  private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  public static boolean isImageManifest(String mediaType) {
    return MANIFESTS.contains(mediaType);
  }

  static boolean isSchema1(String mediaType) {
    return mediaType.equals(DOCKER_SCHEMA1) || mediaType.equals(DOCKER_SCHEMA1_SIGNED);
  }

  /**
   * Whether a layer may not be redistributed: it stays a reference to its URLs, and registries
   * do not hold it (as skopeo and crane leave it).
   */
  public static boolean isForeignLayer(String mediaType) {
    return mediaType.equals("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip")
        || mediaType.startsWith("application/vnd.oci.image.layer.nondistributable.");
  }
}
