package dev.mirror.cli;

import dev.mirror.copy.ImageSource;
import dev.mirror.copy.LayoutExport;
import dev.mirror.copy.MirrorEngine;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.goals.RunGoal;
import dev.mirror.layout.OciLayoutReader;
import dev.mirror.layout.OciLayoutWriter;
import dev.mirror.registry.RetryPolicy;
import dev.mirror.workspace.TargetGraph;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mirror run [specs]} (alias {@code publish}): mirrors the selected images. */
@Command(name = "run", aliases = "publish", mixinStandardHelpOptions = true,
    description = "Mirrors every oci_mirror_image the specs select (generators stand for the"
        + " targets they generate): source_repository@sha to destination_repository, every"
        + " platform, byte for byte, then the tag.")
final class RunCommand extends GoalCommand {
  @Mixin
  RegistryFlags registry = new RegistryFlags();

  @Option(names = "--fail-fast", description = "Stop starting images after the first failure.")
  boolean failFast;

  @Option(names = "--output-json", paramLabel = "FILE",
      description = "Write a JSON report, one object per target, to FILE.")
  String outputJson;

  @Mixin
  ShardOption shard = new ShardOption();

  @Mixin
  LayoutFlags layouts = new LayoutFlags();

  @Override
  void beforeResolving() {
    registry.start(main.invocation());
  }

  @Override
  int run(Workspace ws, TargetGraph graph, PrintWriter out, PrintWriter err)
      throws IOException {
    List<MirrorJob> work = RunGoal.jobs(shard.select(graph.images()));
    if (work.isEmpty()) {
      err.println(shard.nothingSelected(graph.images()));
      if (outputJson != null) { // an empty report, for `mirror report` to read with the others
        emit(RunGoal.json(List.of(), Duration.ZERO), outputJson, out);
      }
      return ExitCodes.OK;
    }
    if (registry.reportUsageError(err)) {
      return ExitCodes.USAGE;
    }
    if (layouts.reportUsageError(err)) {
      return ExitCodes.USAGE;
    }
    long start = System.nanoTime();
    List<MirrorResult> results;
    try (ProgressDisplay progress =
            new ProgressDisplay(err, ProgressDisplay.isLive(main.invocation()))) {
      results = layouts.toLayout != null ? export(work, progress)
          : mirror(work, ws, progress);
    } catch (IOException e) { // a registry's error, or the layout's
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    out.print(layouts.toLayout == null ? RunGoal.summary(results, elapsed)
        : RunGoal.summary(results, elapsed,
            job -> "the layout " + main.invocation().resolve(layouts.toLayout)));
    if (outputJson != null) {
      emit(RunGoal.json(results, elapsed), outputJson, out);
    }
    return results.stream().allMatch(r -> r.status().succeeded())
        ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Registries to registries, or, with --from-layout, a layout to registries. */
  private List<MirrorResult> mirror(List<MirrorJob> work, Workspace ws, ProgressDisplay progress)
      throws IOException {
    if (layouts.fromLayout == null) {
      try (MirrorEngine engine = new MirrorEngine(registry.await(), RetryPolicy.DEFAULT,
          registry.jobs, failFast, registry.drift(ws.config()), progress)) {
        return engine.run(work);
      }
    }
    Path from = main.invocation().resolve(layouts.fromLayout);
    try (OciLayoutReader layout = OciLayoutReader.open(from);
        MirrorEngine engine = new MirrorEngine(registry.await(), ImageSource.layout(layout),
            RetryPolicy.DEFAULT, registry.jobs, failFast, registry.drift(ws.config()),
            progress)) {
      return engine.run(work);
    }
  }

  /** --to-layout: sources to one layout, published (a tar renamed into place) at the end. */
  private List<MirrorResult> export(List<MirrorJob> work, ProgressDisplay progress)
      throws IOException {
    Path to = main.invocation().resolve(layouts.toLayout);
    try (OciLayoutWriter layout = OciLayoutWriter.open(to)) {
      List<MirrorResult> results = new LayoutExport(registry.await(), layout, progress)
          .run(work);
      layout.commit();
      return results;
    }
  }

  /** Closes the HTTP client, also when the run ended before using it (the daemon lives on). */
  @Override
  void finished() {
    registry.close();
  }
}
