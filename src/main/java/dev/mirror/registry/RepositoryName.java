package dev.mirror.registry;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository as the distribution API addresses it: the registry host to connect to and the
 * repository's path there. The grammar is Docker's reference grammar (as Jib Core and the
 * distribution project read it), and Docker Hub's names are read as Docker reads them:
 * {@code python}, {@code docker.io/python}, {@code index.docker.io/python} and
 * {@code docker.io/library/python} are all {@code registry-1.docker.io}, {@code library/python}.
 *
 * <p>Parsed here rather than through Jib's {@code ImageReference}: BUILD files name repositories
 * by the thousand, and Jib's class brings Guava and java.util.logging into every {@code list}.
 *
 * @param text the repository as the user wrote it, for messages
 */
public record RepositoryName(String registry, String path, String text) {
  private static final String DOCKER_HUB_HOST = "registry-1.docker.io";
  private static final Set<String> DOCKER_HUB =
      Set.of(DOCKER_HUB_HOST, "index.docker.io", "docker.io");

  private static final String HOST_COMPONENT =
      "(?:[a-zA-Z\\d]|(?:[a-zA-Z\\d][a-zA-Z\\d-]*[a-zA-Z\\d]))";
  private static final String HOST =
      HOST_COMPONENT + "(?:\\." + HOST_COMPONENT + ")*(?::\\d+)?";
  private static final String PATH_COMPONENT = "[a-z\\d]+(?:(?:[_.]|__|-+)[a-z\\d]+)*";
  private static final String PATH = "(?:" + PATH_COMPONENT + "/)*" + PATH_COMPONENT;
  private static final Pattern NAME = Pattern.compile("(?:(" + HOST + ")/)?(" + PATH + ")");

  public static RepositoryName parse(String text) {
    Matcher m = NAME.matcher(text);
    if (!m.matches()) {
      int slash = text.lastIndexOf('/');
      if (text.indexOf('@') >= 0 || text.indexOf(':', slash + 1) >= 0) {
        throw new IllegalArgumentException("a repository has no tag or digest: " + text);
      }
      throw new IllegalArgumentException("not a repository: " + text);
    }
    String registry = m.group(1);
    String path = m.group(2);
    if (registry == null) {
      registry = DOCKER_HUB_HOST;
    } else if (registry.indexOf('.') < 0 && registry.indexOf(':') < 0
        && !registry.equals("localhost")) {
      // As Docker reads it: a first component that is no host name is part of the path.
      path = registry + "/" + path;
      registry = DOCKER_HUB_HOST;
    }
    if (DOCKER_HUB.contains(registry)) {
      registry = DOCKER_HUB_HOST;
      path = path.contains("/") ? path : "library/" + path;
    }
    return new RepositoryName(registry, path, text);
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
