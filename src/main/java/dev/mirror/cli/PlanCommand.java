package dev.mirror.cli;

import dev.mirror.copy.ImageSource;
import dev.mirror.copy.LayoutExport;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorPlanner;
import dev.mirror.copy.PlannedJob;
import dev.mirror.goals.PlanGoal;
import dev.mirror.goals.RunGoal;
import dev.mirror.layout.OciLayoutReader;
import dev.mirror.workspace.TargetGraph;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mirror plan [specs]}: what run would do with the selected images, read from the
 * registries without writing to them. Exits 0 when everything is up to date, 2 when changes are
 * pending, 1 on any error.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Shows what run would do with every oci_mirror_image the specs select (up to"
        + " date, tag, copy, or an error), reading the registries without writing to them."
        + " Exit code: 0 everything up to date, 2 changes pending, 1 any error.")
final class PlanCommand extends GoalCommand {
  @Mixin
  RegistryFlags registry = new RegistryFlags();

  @Mixin
  ShardOption shard = new ShardOption();

  @Mixin
  LayoutFlags layouts = new LayoutFlags();

  @Option(names = "--output-json", paramLabel = "FILE",
      description = "Write a JSON report, one object per target, to FILE.")
  String outputJson;

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
      return ExitCodes.OK;
    }
    if (registry.reportUsageError(err) || layouts.reportUsageError(err)) {
      return ExitCodes.USAGE;
    }
    long start = System.nanoTime();
    List<PlannedJob> plans;
    try {
      plans = plan(work, ws);
    } catch (IOException e) { // a registry's error, or the layout's
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    out.print(layouts.toLayout == null ? PlanGoal.summary(plans, elapsed)
        : PlanGoal.summary(plans, elapsed,
            job -> "the layout " + main.invocation().resolve(layouts.toLayout)));
    if (outputJson != null) {
      emit(PlanGoal.json(plans), outputJson, out);
    }
    if (PlanGoal.anyError(plans)) {
      return ExitCodes.FAILED;
    }
    return PlanGoal.anyChange(plans) ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
  }

  /** What run would do: to the destinations, into a layout, or from one. */
  private List<PlannedJob> plan(List<MirrorJob> work, Workspace ws) throws IOException {
    if (layouts.toLayout != null) {
      return LayoutExport.plan(ImageSource.registries(registry.await()),
          main.invocation().resolve(layouts.toLayout), work);
    }
    if (layouts.fromLayout == null) {
      try (MirrorPlanner planner = new MirrorPlanner(registry.await(), registry.jobs,
          registry.drift(ws.config()))) {
        return planner.plan(work);
      }
    }
    try (OciLayoutReader layout =
            OciLayoutReader.open(main.invocation().resolve(layouts.fromLayout));
        MirrorPlanner planner = new MirrorPlanner(registry.await(), ImageSource.layout(layout),
            registry.jobs, registry.drift(ws.config()))) {
      return planner.plan(work);
    }
  }

  @Override
  void finished() {
    registry.close();
  }
}
