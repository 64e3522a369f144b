package dev.mirror.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How to reach registries.
 *
 * @param insecureRegistries hosts ({@code host} or {@code host:port}) that may be spoken to over
 *     plain HTTP, as Docker's {@code --insecure-registry}; loopback registries always may
 * @param caFile PEM certificates to trust besides the JDK's, or null
 * @param dockerConfig the docker {@code config.json} (or its directory) holding credentials
 * @param retry when to try requests again
 * @param stallLimit how long any reply may keep mirror waiting without a byte (its head, or a
 *     pause in its body) before the request is abandoned and tried again
 */
public record RegistryOptions(Set<String> insecureRegistries, Path caFile, Path dockerConfig,
    RetryPolicy retry, Duration stallLimit) {
  public static final Duration DEFAULT_STALL_LIMIT = Duration.ofSeconds(60);

  public RegistryOptions {
    insecureRegistries = Set.copyOf(insecureRegistries);
    if (stallLimit.isNegative() || stallLimit.isZero()) {
      throw new IllegalArgumentException("the stall limit must be positive");
    }
  }

  public RegistryOptions(Set<String> insecureRegistries, Path caFile, Path dockerConfig,
      RetryPolicy retry) {
    this(insecureRegistries, caFile, dockerConfig, retry, DEFAULT_STALL_LIMIT);
  }
}
