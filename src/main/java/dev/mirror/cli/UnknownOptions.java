package dev.mirror.cli;

import dev.mirror.spelling.Spelling;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Unknown options as usage errors. Picocli must hand arguments it does not know to the goal's
 * specs, since {@code -dir::} is an ignore spec (§2.1); but a word starting with {@code --} is a
 * flag in Pants, never a spec, so one that no option matched is an unknown option (exit 2),
 * not a spec that matches nothing.
 */
final class UnknownOptions {
  private UnknownOptions() {}

  /** Throws a usage error for the first positional argument of any command that is a flag. */
  static void reject(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.commandSpec().userObject() instanceof CompleteCommand.Words) {
        return; // the words of a command line being completed, flags among them
      }
      for (ArgSpec positional : p.matchedPositionals()) {
        for (String value : positional.originalStringValues()) {
          if (isFlag(value)) {
            throw error(p.commandSpec().commandLine(), value);
          }
        }
      }
    }
  }

  static boolean isFlag(String arg) {
    return arg.startsWith("--") && arg.length() > 2;
  }

  /** {@code Unknown option: '--x'}, with the closest option of the command when there is one. */
  static CommandLine.ParameterException error(CommandLine command, String arg) {
    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    List<String> names = new ArrayList<>();
    CommandSpec spec = command.getCommandSpec();
    for (OptionSpec option : spec.options()) {
      for (String n : option.names()) {
        if (n.startsWith("--")) {
          names.add(n);
        }
      }
    }
    String suggestion = Spelling.closest(name, names);
    return new CommandLine.ParameterException(command, "Unknown option: '" + arg + "'"
        + (suggestion == null ? "" : "\nDid you mean: " + suggestion + "?"));
  }
}
