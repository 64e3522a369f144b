package dev.mirror.registry.testing;

/**
 * What an artifact refers to: a manifest in a repository. Artifacts are pushed into the
 * subject's repository, as cosign and ORAS do.
 *
 * @param repository the repository holding the subject (and, once pushed, the artifact)
 * @param descriptor the subject manifest's media type, digest and size
 */
public record Subject(String repository, OciDescriptor descriptor) {

  public Subject {
    descriptor = descriptor.plain();
  }

  /** A pushed image's top manifest (image, index or list). */
  public static Subject of(PushedImage image) {
    return new Subject(image.repository(), OciDescriptor.of(image));
  }

  /** One platform manifest of a pushed index, by its position in the index. */
  public static Subject platform(PushedImage index, int position) {
    return new Subject(index.repository(), OciDescriptor.child(index, position));
  }

  /** A pushed artifact's manifest: what a signature on an SBOM refers to. */
  public static Subject of(PushedArtifact artifact) {
    return new Subject(artifact.repository(), artifact.descriptor());
  }

  public String digest() {
    return descriptor.digest();
  }
}
