package dev.mirror.registry;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;

/**
 * A repository as the distribution API addresses it: the registry host to connect to and the
 * repository's path there. Jib Core resolves Docker Hub's short forms ({@code python} and
 * {@code docker.io/library/python} are {@code registry-1.docker.io}, {@code library/python}).
 *
 * @param text the repository as the user wrote it, for messages
 */
public record RepositoryName(String registry, String path, String text) {
  private static final java.util.Set<String> DOCKER_HUB =
      java.util.Set.of("registry-1.docker.io", "index.docker.io", "docker.io");

  public static RepositoryName parse(String text) {
    try {
      ImageReference reference = ImageReference.parse(text);
      if (reference.getDigest().isPresent() || !reference.usesDefaultTag()) {
        throw new IllegalArgumentException("a repository has no tag or digest: " + text);
      }
      String registry = reference.getRegistry();
      String path = reference.getRepository();
      if (DOCKER_HUB.contains(registry)) {
        // Jib leaves docker.io/busybox as "busybox" and index.docker.io as a host of its own;
        // Docker reads both as registry-1.docker.io, library/busybox.
        registry = "registry-1.docker.io";
        path = path.contains("/") ? path : "library/" + path;
      }
      return new RepositoryName(registry, path, text);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("not a repository: " + text);
    }
  }

  /** Whether both live on the same registry, so blobs can be mounted from one to the other. */
  public boolean sameRegistry(RepositoryName other) {
    return registry.equals(other.registry);
  }

  @Override
  public String toString() {
    return text;
  }
}
