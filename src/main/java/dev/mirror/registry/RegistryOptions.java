package dev.mirror.registry;

import java.nio.file.Path;
import java.util.Set;

/**
 * How to reach registries.
 *
 * @param insecureRegistries hosts ({@code host} or {@code host:port}) that may be spoken to over
 *     plain HTTP, as Docker's {@code --insecure-registry}; loopback registries always may
 * @param caFile PEM certificates to trust besides the JDK's, or null
 * @param dockerConfig the docker {@code config.json} (or its directory) holding credentials
 * @param retry when to try requests again
 */
public record RegistryOptions(Set<String> insecureRegistries, Path caFile, Path dockerConfig,
    RetryPolicy retry) {
  public RegistryOptions {
    insecureRegistries = Set.copyOf(insecureRegistries);
  }
}
