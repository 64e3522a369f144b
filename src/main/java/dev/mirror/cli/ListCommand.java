package dev.mirror.cli;

import dev.mirror.goals.ListGoal;
import dev.mirror.workspace.TargetGraph;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mirror list [specs]}: the selected addresses, one per line, in Pants' order. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the addresses of the targets the specs select.")
final class ListCommand extends GoalCommand {
  @Option(names = "--documented", description = "Only targets with a description, with it.")
  Boolean documented;

  @Option(names = "--sep", paramLabel = "SEP", description = "What follows each address (default: \\n).")
  String sep;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE, not stdout.")
  String outputFile;

  @Override
  int run(Workspace ws, TargetGraph graph, PrintWriter out, PrintWriter err)
      throws IOException {
    boolean doc = documented != null ? documented : ws.config().list().documented();
    String separator = sep != null ? sep : ws.config().list().sep();
    if (graph.targets().isEmpty()) {
      err.println("warning: No targets were matched in goal `list`.");
      return ExitCodes.OK;
    }
    emit(ListGoal.render(graph.targets(), doc, separator),
        outputFile != null ? outputFile : ws.config().list().outputFile(), out);
    return ExitCodes.OK;
  }
}
