package dev.mirror.copy;

import dev.mirror.layout.LayoutException;
import dev.mirror.layout.OciLayoutReader;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RepositoryName;
import dev.mirror.layout.LayoutEntry;
import dev.mirror.registry.ReferrerIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * The referrers an export kept in the layout: images annotated with the subject they refer to
   * ({@link LayoutExport#SUBJECT}), and, for cosign's, the tag ({@link LayoutExport#TAG}).
   */
  @Override
  public Optional<ReferrerSource> referrers() {
    return Optional.of(new ReferrerSource() {
      @Override
      public ReferrerIndex listed(RepositoryName repository, Digest subject)
          throws RegistryException {
        List<ReferrerIndex.Entry> entries = new ArrayList<>();
        for (LayoutEntry e : layout.images()) {
          Map<String, String> notes = e.annotations();
          if (subject.toString().equals(notes.get(LayoutExport.SUBJECT))
              && !notes.containsKey(LayoutExport.TAG)
              && e.sourceRepository().filter(repository.toString()::equals).isPresent()) {
            entries.add(ReferrerIndex.entryFor(manifest(repository, e.digest())));
          }
        }
        return ReferrerIndex.EMPTY.with(entries);
      }

      @Override
      public Optional<Digest> tagged(RepositoryName repository, String tag) {
        return layout.images().stream()
            .filter(e -> tag.equals(e.annotations().get(LayoutExport.TAG))
                && e.sourceRepository().filter(repository.toString()::equals).isPresent())
            .map(LayoutEntry::digest)
            .findFirst();
      }
    });
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
