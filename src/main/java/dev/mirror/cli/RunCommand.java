package dev.mirror.cli;

import dev.mirror.goals.RunGoal;
import dev.mirror.copy.MirrorEngine;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RegistryOptions;
import dev.mirror.registry.RetryPolicy;
import dev.mirror.workspace.Invocation;
import dev.mirror.workspace.TargetGraph;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mirror run [specs]} (alias {@code publish}): mirrors the selected images. */
@Command(name = "run", aliases = "publish", mixinStandardHelpOptions = true,
    description = "Mirrors every oci_mirror_image the specs select (generators stand for the"
        + " targets they generate): source_repository@sha to destination_repository, every"
        + " platform, byte for byte, then the tag.")
final class RunCommand extends GoalCommand {
  @Option(names = "--jobs", paramLabel = "N",
      description = "Images to mirror at once (default: ${DEFAULT-VALUE}).")
  int jobs = MirrorEngine.defaultJobs();

  @Option(names = "--fail-fast", description = "Stop starting images after the first failure.")
  boolean failFast;

  @Option(names = "--output-json", paramLabel = "FILE",
      description = "Write a JSON report, one object per target, to FILE.")
  String outputJson;

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

  @Mixin
  ShardOption shard = new ShardOption();

  /** Set up while the BUILD files load: TLS and HTTP client classes take a while to load. */
  private CompletableFuture<Registries> registries;

  @Override
  void beforeResolving() {
    Invocation invocation = main.invocation();
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

  @Override
  int run(Workspace ws, TargetGraph graph, PrintWriter out, PrintWriter err)
      throws IOException {
    List<MirrorJob> work = RunGoal.jobs(shard.select(graph.images()));
    if (work.isEmpty()) {
      err.println(graph.images().isEmpty()
          ? "No oci_mirror_image targets among the targets the specs selected."
          : "Shard " + shard.value() + " has none of the " + graph.images().size()
              + " oci_mirror_image targets the specs selected.");
      if (outputJson != null) { // an empty report, for `mirror report` to read with the others
        emit(RunGoal.json(List.of(), Duration.ZERO), outputJson, out);
      }
      return ExitCodes.OK;
    }
    if (jobs < 1) {
      err.println("error: --jobs must be at least 1, not " + jobs);
      return ExitCodes.USAGE;
    }
    if (!validStallLimit()) {
      err.println("error: --stall-limit must be more than 0 and at most 86400 seconds, not "
          + stallLimitSeconds);
      return ExitCodes.USAGE;
    }
    long start = System.nanoTime();
    List<MirrorResult> results;
    try (ProgressDisplay progress =
            new ProgressDisplay(err, ProgressDisplay.isLive(main.invocation()));
        MirrorEngine engine =
            new MirrorEngine(awaitRegistries(), RetryPolicy.DEFAULT, jobs, failFast, progress)) {
      results = engine.run(work);
    } catch (RegistryException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    out.print(RunGoal.summary(results, elapsed));
    if (outputJson != null) {
      emit(RunGoal.json(results, elapsed), outputJson, out);
    }
    return results.stream().allMatch(r -> r.status().succeeded())
        ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private boolean validStallLimit() {
    return stallLimitSeconds >= 0.001 && stallLimitSeconds <= 86400;
  }

  /** Closes the HTTP client, also when the run ended before using it (the daemon lives on). */
  @Override
  void finished() {
    registries.thenAccept(Registries::close);
  }

  private Registries awaitRegistries() throws RegistryException {
    try {
      return registries.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RegistryException r) {
        throw r;
      }
      throw e;
    }
  }
}
