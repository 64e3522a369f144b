package dev.mirror.cli;

import dev.mirror.copy.DriftPolicy;
import dev.mirror.copy.MirrorEngine;
import dev.mirror.options.MirrorConfig;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RegistryOptions;
import dev.mirror.registry.RetryPolicy;
import dev.mirror.workspace.Invocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Option;

/**
 * The options of the goals that talk to registries ({@code run}, {@code plan}), a picocli mixin:
 * how to reach and trust registries, how many images at once, and the drift policy. Also sets up
 * the registries' HTTP client, early, and closes it.
 */
final class RegistryFlags {
  @Option(names = "--jobs", paramLabel = "N",
      description = "Images to mirror at once (default: ${DEFAULT-VALUE}).")
  int jobs = MirrorEngine.defaultJobs();

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "A registry that may be spoken to over plain HTTP (repeatable); loopback"
          + " registries always may.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--ca-file", paramLabel = "FILE",
      description = "PEM certificates to trust for registries' TLS, besides the system's.")
  Path caFile;

  @Option(names = "--docker-config", paramLabel = "PATH",
      description = "The docker config.json (or its directory) with credentials (default:"
          + " $DOCKER_CONFIG/config.json, else ~/.docker/config.json).")
  Path dockerConfig;

  @Option(names = "--stall-limit", paramLabel = "SECONDS",
      description = "How long a registry may keep mirror waiting without a byte (for a reply,"
          + " or within one) before the request is abandoned and tried again (default: 60).")
  double stallLimitSeconds = RegistryOptions.DEFAULT_STALL_LIMIT.toSeconds();

  @Option(names = "--on-drift", paramLabel = "POLICY",
      description = "When the destination tag points at another digest than the pin:"
          + " overwrite (move the tag), fail (report it, copy nothing) or keep (copy the pin,"
          + " leave the tag). Default: [mirror] on_drift, else overwrite.")
  String onDrift;

  /** Set up while the BUILD files load: TLS and HTTP client classes take a while to load. */
  private CompletableFuture<Registries> registries;

  /** Starts setting up the registries' client. */
  void start(Invocation invocation) {
    RegistryOptions options = new RegistryOptions(Set.copyOf(insecureRegistries),
        invocation.resolve(caFile), invocation.resolve(dockerConfig), RetryPolicy.DEFAULT,
        validStallLimit() ? Duration.ofMillis(Math.round(stallLimitSeconds * 1000))
            : RegistryOptions.DEFAULT_STALL_LIMIT);
    registries = CompletableFuture.supplyAsync(() -> {
      try {
        return new Registries(options, invocation.environment());
      } catch (RegistryException e) {
        throw new CompletionException(e);
      }
    });
  }

  /** What is wrong with the options as given, if anything: a usage error. */
  /** Prints {@code error: ...} for a bad option value and says so: the goal then exits 2. */
  boolean reportUsageError(PrintWriter err) {
    Optional<String> usage = usageError();
    usage.ifPresent(message -> err.println("error: " + message));
    return usage.isPresent();
  }

  private Optional<String> usageError() {
    if (jobs < 1) {
      return Optional.of("--jobs must be at least 1, not " + jobs);
    }
    if (!validStallLimit()) {
      return Optional.of("--stall-limit must be more than 0 and at most 86400 seconds, not "
          + stallLimitSeconds);
    }
    if (onDrift != null && !MirrorConfig.Mirror.ON_DRIFT_CHOICES.contains(onDrift)) {
      return Optional.of("--on-drift must be overwrite, fail or keep, not '" + onDrift + "'");
    }
    return Optional.empty();
  }

  /** The drift policy: the flag, else {@code [mirror] on_drift} (pants.toml, env). */
  DriftPolicy drift(MirrorConfig config) {
    return DriftPolicy.of(onDrift != null ? onDrift : config.mirror().onDrift());
  }

  private boolean validStallLimit() {
    return stallLimitSeconds >= 0.001 && stallLimitSeconds <= 86400;
  }

  Registries await() throws RegistryException {
    try {
      return registries.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RegistryException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Closes the HTTP client, also when the goal ended before using it (the daemon lives on). */
  void close() {
    if (registries != null) {
      registries.thenAccept(Registries::close);
    }
  }
}
