package dev.mirror.cli;

import dev.mirror.goals.PeekGoal;
import dev.mirror.workspace.TargetGraph;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mirror peek [specs]}: the selected targets and their fields, as JSON. */
@Command(name = "peek", mixinStandardHelpOptions = true,
    description = "Shows the targets the specs select, with their fields, as JSON.")
final class PeekCommand extends GoalCommand {
  @Option(names = "--exclude-defaults", description = "Leave out fields that are not set.")
  Boolean excludeDefaults;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE, not stdout.")
  String outputFile;

  @Override
  int run(Workspace ws, TargetGraph graph, PrintWriter out, PrintWriter err)
      throws IOException {
    boolean exclude = excludeDefaults != null ? excludeDefaults : ws.config().peek().excludeDefaults();
    emit(PeekGoal.render(graph.targets(), exclude),
        outputFile != null ? outputFile : ws.config().peek().outputFile(), out);
    return ExitCodes.OK;
  }
}
