package dev.mirror.cli;

import dev.mirror.goals.HelpGoal;
import dev.mirror.spelling.Spelling;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mirror help [goal | target_type | target_type.field]}. */
@Command(name = "help", description = "Explains a goal, a target type or one of its fields.")
final class HelpGoalCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "TOPIC",
      description = "A goal, a target type (oci_mirror_image) or a field (oci_mirror_image.sha).")
  String topic;

  @Override
  public Integer call() {
    try {
      return explain();
    } finally {
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
    }
  }

  private int explain() {
    CommandLine root = spec.commandLine().getParent();
    if (topic == null) {
      root.usage(spec.commandLine().getOut());
      spec.commandLine().getOut().print("\n" + HelpGoal.render(null).orElseThrow());
      return ExitCodes.OK;
    }
    CommandLine goal = root.getSubcommands().get(topic);
    if (goal != null) {
      goal.usage(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    var text = HelpGoal.render(topic);
    if (text.isPresent()) {
      spec.commandLine().getOut().print(text.get());
      return ExitCodes.OK;
    }
    String suggestion = Spelling.closest(topic, HelpGoal.topics());
    spec.commandLine().getErr().println("error: Unknown help topic: " + topic
        + (suggestion == null ? "" : "\nDid you mean: " + suggestion + "?"));
    return ExitCodes.USAGE;
  }
}
