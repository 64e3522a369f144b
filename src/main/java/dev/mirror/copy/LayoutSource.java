package dev.mirror.copy;

import dev.mirror.layout.LayoutException;
import dev.mirror.layout.OciLayoutReader;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RepositoryName;
import java.io.IOException;

/**
 * Images read from an OCI image layout instead of their source registries ({@code run
 * --from-layout}), on a site that cannot reach them. A pinned image is found by its source
 * repository and digest among the layout's images; its manifests come checked against their
 * digests, its blobs as streams that fail at their end unless they match. Nothing is mounted
 * from a layout.
 */
final class LayoutSource implements ImageSource {
  private final OciLayoutReader layout;

  LayoutSource(OciLayoutReader layout) {
    this.layout = layout;
  }

  @Override
  public Manifest manifest(RepositoryName repository, Digest digest) throws RegistryException {
    try {
      return layout.manifest(digest);
    } catch (LayoutException e) {
      throw asRegistryException(repository, digest, e);
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Kind.UNREACHABLE, name(repository)
          + ": cannot read manifest " + digest + ": " + e.getMessage(), e);
    }
  }

  @Override
  public RegistryClient.Blob blob(RepositoryName repository, Digest digest)
      throws RegistryException {
    try {
      OciLayoutReader.Blob blob = layout.blob(digest);
      return new RegistryClient.Blob(blob.content(), blob.size());
    } catch (LayoutException e) {
      throw asRegistryException(repository, digest, e);
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Kind.UNREACHABLE, name(repository)
          + ": cannot read blob " + digest + ": " + e.getMessage(), e);
    }
  }

  /** Whether the layout lists the pinned image of {@code job} as its source's. */
  boolean holds(MirrorJob job) {
    return layout.find(job.source().toString(), job.digest()).isPresent();
  }

  @Override
  public String name(RepositoryName repository) {
    return "the layout " + layout.path() + " (" + repository + ")";
  }

  @Override
  public boolean mountableInto(RepositoryName repository, RepositoryName destination) {
    return false;
  }

  private RegistryException asRegistryException(RepositoryName repository, Digest digest,
      LayoutException e) {
    RegistryException.Kind kind = switch (e.kind()) {
      case NOT_FOUND -> RegistryException.Kind.NOT_FOUND;
      case DIGEST_MISMATCH -> RegistryException.Kind.DIGEST_MISMATCH;
      case TOO_LARGE -> RegistryException.Kind.TOO_LARGE;
      default -> RegistryException.Kind.PROTOCOL;
    };
    return new RegistryException(kind, name(repository) + ": " + digest + ": " + e.getMessage(),
        e);
  }
}
