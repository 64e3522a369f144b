package dev.mirror.copy;

import dev.mirror.layout.OciLayoutReader;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.Reference;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RepositoryName;
import java.util.Optional;

/**
 * Where run reads the images it copies: the source registries, or anything else that holds
 * images by repository and digest (an OCI image layout carried to an air-gapped site). Manifests
 * come checked against their digest; blobs come as streams, which the copy verifies as it reads.
 */
public interface ImageSource {

  /** The manifest at {@code digest} in {@code repository}, its bytes checked against it. */
  Manifest manifest(RepositoryName repository, Digest digest) throws RegistryException;

  /** A blob's content (a stream the caller closes) and its length, -1 when unknown. */
  RegistryClient.Blob blob(RepositoryName repository, Digest digest) throws RegistryException;

  /** The repository as messages name it: {@code registry/path}, or where else it is read. */
  String name(RepositoryName repository);

  /**
   * Whether a blob of {@code repository} can be mounted into {@code destination} instead of
   * copied: only between repositories of one registry.
   */
  boolean mountableInto(RepositoryName repository, RepositoryName destination);

  /**
   * Where the referrers of these images are found: empty for the source registries themselves,
   * else where they were kept with the images (a layout).
   */
  default Optional<ReferrerSource> referrers() {
    return Optional.empty();
  }

  /** The images of an OCI image layout, found by source repository and digest. */
  static ImageSource layout(OciLayoutReader layout) {
    return new LayoutSource(layout);
  }

  /** The source registries themselves. */
  static ImageSource registries(Registries registries) {
    return new ImageSource() {
      @Override
      public Manifest manifest(RepositoryName repository, Digest digest)
          throws RegistryException {
        return registries.client(repository.registry())
            .manifest(Reference.of(repository, digest));
      }

      @Override
      public RegistryClient.Blob blob(RepositoryName repository, Digest digest)
          throws RegistryException {
        return registries.client(repository.registry()).blob(repository, digest);
      }

      @Override
      public String name(RepositoryName repository) {
        return repository.registry() + "/" + repository.path();
      }

      @Override
      public boolean mountableInto(RepositoryName repository, RepositoryName destination) {
        return repository.sameRegistry(destination);
      }
    };
  }
}
