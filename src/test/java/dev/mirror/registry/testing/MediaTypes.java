package dev.mirror.registry.testing;

/** The manifest and blob media types the test images use. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  /** A layer clients fetch from its {@code urls} (Windows base layers); registries don't hold it. */
  public static final String DOCKER_FOREIGN_LAYER =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  /** The empty descriptor's type: config of an artifact that has none, the 2-byte {@code {}}. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  /** A cosign signature layer: the simple-signing payload naming the signed digest. */
  public static final String COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  /** The artifactType of a cosign signature pushed as an OCI 1.1 referrer. */
  public static final String COSIGN_SIGNATURE_ARTIFACT =
      "application/vnd.dev.cosign.artifact.sig.v1+json";
  /** A cosign attestation layer: a DSSE envelope around an in-toto statement. */
  public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
  /** The artifactType of an in-toto attestation pushed as an OCI 1.1 referrer. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";
  /** An SPDX JSON document: SBOM artifactType and layer type. */
  public static final String SPDX_JSON = "application/spdx+json";

  /** All four manifest types: without the list types a tag of a list answers one platform. */
  public static final String ACCEPT_ALL_MANIFESTS =
      String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}

  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }
}
