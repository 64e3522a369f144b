package dev.mirror.cli;

import dev.mirror.pin.PinGoal;
import dev.mirror.pin.PinOutcome;
import dev.mirror.pin.PinTarget;
import dev.mirror.registry.RegistryException;
import dev.mirror.specs.SpecException;
import dev.mirror.specs.TargetSource;
import dev.mirror.targets.PinCandidate;
import dev.mirror.workspace.TargetGraph;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mirror pin [specs]}: resolves the selected images' tags at their sources and rewrites the
 * pins in the BUILD files where they differ. Exits 0 when everything was pinned or current, 1
 * when some target failed; with {@code --check}, 0 when every pin is current, 2 when some would
 * change, 1 on any error.
 */
@Command(name = "pin", mixinStandardHelpOptions = true,
    description = "Resolves the tag of every oci_mirror_image (source_tag, else tag) and every"
        + " oci_mirror_images variant the specs select at the source registry, and rewrites the"
        + " sha in the BUILD files where it differs (inserting it where there is none yet). Only"
        + " literal values are rewritten; everything else in the files stays byte for byte."
        + " Exit code: 0 everything pinned or current, 1 some failed; with --check, 0 every pin"
        + " current, 2 some would change, 1 any error.")
final class PinCommand extends GoalCommand {
  @Mixin
  RegistryFlags registry = new RegistryFlags();

  @Option(names = "--check", description = "Change nothing; print what would change.")
  boolean check;

  @Option(names = "--output-json", paramLabel = "FILE",
      description = "Write a JSON report, one object per pin, to FILE.")
  String outputJson;

  @Override
  void beforeResolving() {
    registry.start(main.invocation());
  }

  /** Unpinned targets are what pin is for; a tag conflict may be what it fixes. */
  @Override
  TargetGraph resolve(Workspace ws) throws SpecException, TargetSource.LoadException {
    return ws.resolveForPinning(specs);
  }

  @Override
  int run(Workspace ws, TargetGraph graph, PrintWriter out, PrintWriter err) throws IOException {
    List<PinTarget> targets = new ArrayList<>();
    for (PinCandidate c : graph.pinCandidates()) {
      if (c.hasTag()) {
        targets.add(new PinTarget(c.address().toString(), c.call(), c.source(), c.sourceTag(),
            c.current(), c.variantKey()));
      }
    }
    if (targets.isEmpty()) {
      err.println("No tagged oci_mirror_image targets among the targets the specs selected:"
          + " pin resolves tags (tag or source_tag), and an image pushed by digest has none.");
      return ExitCodes.OK;
    }
    if (registry.reportUsageError(err)) {
      return ExitCodes.USAGE;
    }
    List<PinOutcome> outcomes;
    try {
      outcomes = PinGoal.pin(targets, registry.await(), ws.config().buildRoot(), check,
          registry.jobs);
    } catch (RegistryException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    PinGoal.errors(outcomes).forEach(err::println);
    out.print(PinGoal.summary(outcomes, check));
    if (outputJson != null) {
      emit(PinGoal.json(outcomes), outputJson, out);
    }
    if (outcomes.stream().anyMatch(o -> o.status() == PinOutcome.Status.FAILED)) {
      return ExitCodes.FAILED;
    }
    boolean pending = outcomes.stream()
        .anyMatch(o -> o.status() == PinOutcome.Status.WOULD_UPDATE);
    return pending ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
  }

  @Override
  void finished() {
    registry.close();
  }
}
