package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.registry.credentials.DockerConfigCredentialRetriever;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry credentials from a docker {@code config.json}: {@code auths}, {@code credHelpers} and
 * {@code credsStore} (helpers run from PATH), read through Jib Core, which also knows Docker Hub's
 * aliases. Each registry is looked up once per run.
 */
final class CredentialSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path configFile;
  private final Map<String, Optional<Credential>> cache = new ConcurrentHashMap<>();

  CredentialSource(Path configFile) {
    this.configFile = configFile;
  }

  /**
   * The config file to read: {@code --docker-config} (a file or its directory), else
   * {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}.
   */
  static Path locate(Path option, Map<String, String> env) {
    if (option != null) {
      return Files.isDirectory(option) ? option.resolve("config.json") : option;
    }
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isEmpty()) {
      return Path.of(dir, "config.json");
    }
    return Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  /**
   * An {@code identitytoken} that {@code docker login} stored for the registry: an OAuth2 refresh
   * token, exchanged with the token server's POST form. Jib reads only {@code auth} entries and
   * helpers, so this one is read here.
   */
  private Optional<Credential> identityToken(String registry) throws IOException {
    JsonNode auths = JSON.readTree(configFile.toFile()).path("auths");
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String token = entry.getValue().path("identitytoken").asText("");
      if (!token.isEmpty() && aliases(registry).contains(hostOf(entry.getKey()))) {
        return Optional.of(Credential.from(Credential.OAUTH2_TOKEN_USER_NAME, token));
      }
    }
    return Optional.empty();
  }

  /** The names a registry goes by in config files (Docker Hub has several). */
  private static Set<String> aliases(String registry) {
    Set<String> hub = Set.of("registry-1.docker.io", "index.docker.io", "docker.io",
        "registry.hub.docker.com");
    return hub.contains(registry) ? hub : Set.of(registry);
  }

  /** {@code https://host:port/v1/} and {@code host:port} both name {@code host:port}. */
  private static String hostOf(String key) {
    String host = key.replaceFirst("^[a-zA-Z]+://", "");
    int slash = host.indexOf('/');
    return slash < 0 ? host : host.substring(0, slash);
  }

  Path configFile() {
    return configFile;
  }

  /** The credential for a registry host, if the config names one. */
  Optional<Credential> lookup(String registry) throws RegistryException {
    Optional<Credential> known = cache.get(registry);
    if (known != null) {
      return known;
    }
    Optional<Credential> found = Optional.empty();
    try {
      if (Files.exists(configFile)) {
        found = identityToken(registry);
        if (found.isEmpty()) {
          found = DockerConfigCredentialRetriever.create(registry, configFile)
              .retrieve(event -> {});
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new RegistryException("cannot read credentials for " + registry + " from "
          + configFile + ": " + e.getMessage(), 0, null, e);
    }
    cache.put(registry, found);
    return found;
  }
}
