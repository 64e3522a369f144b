package dev.mirror.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.registry.credentials.DockerConfigCredentialRetriever;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry credentials from a docker {@code config.json}: {@code auths}, {@code credHelpers} and
 * {@code credsStore} (helpers run from PATH), read through Jib Core, which also knows Docker Hub's
 * aliases. Each registry is looked up once per run.
 */
final class CredentialSource {
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

  Path configFile() {
    return configFile;
  }

  /** The credential for a registry host, if the config names one. */
  Optional<Credential> lookup(String registry) throws RegistryException {
    Optional<Credential> known = cache.get(registry);
    if (known != null) {
      return known;
    }
    Optional<Credential> found;
    try {
      found = Files.exists(configFile)
          ? DockerConfigCredentialRetriever.create(registry, configFile).retrieve(event -> {})
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new RegistryException("cannot read credentials for " + registry + " from "
          + configFile + ": " + e.getMessage(), 0, null, e);
    }
    cache.put(registry, found);
    return found;
  }
}
