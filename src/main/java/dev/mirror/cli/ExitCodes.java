package dev.mirror.cli;

import picocli.CommandLine;

/** Exit codes, and the one place that turns an unexpected exception into one. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  /**
   * {@code plan}: changes pending, no errors ({@code terraform plan -detailed-exitcode}'s 2). The
   * same number as {@link #USAGE}: a usage error prints no summary, and writes no report.
   */
  static final int CHANGES_PENDING = 2;

  /** A usage error: the message and a hint, exit 2 (as picocli and Unix tools do). */
  static final class UsageHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      CommandLine cli = e.getCommandLine();
      if (e instanceof CommandLine.UnmatchedArgumentException u && cli.getParent() == null
          && !u.getUnmatched().isEmpty()) {
        // Not a goal: as Pants, say which goal was meant, or that none was given.
        String first = u.getUnmatched().get(0);
        if (UnknownOptions.isFlag(first)) {
          cli.getErr().println("error: " + UnknownOptions.error(cli, first).getMessage());
          cli.getErr().println("Run 'mirror --help' for usage.");
          return USAGE;
        }
        if (dev.mirror.specs.SpecParser.looksLikeSpec(first,
            p -> java.nio.file.Files.exists(((Main) cli.getCommand()).invocation().resolve(p)))) {
          cli.getErr().println("error: No goals specified.");
        } else {
          String suggestion = dev.mirror.spelling.Spelling.closest(first,
              cli.getSubcommands().keySet());
          cli.getErr().println("error: Unknown goal: " + first
              + (suggestion == null ? "" : "\nDid you mean: " + suggestion + "?"));
        }
        cli.getErr().println("Run 'mirror --help' for the goals.");
        return USAGE;
      }
      cli.getErr().println("error: " + e.getMessage());
      // `help` has no --help of its own: point at the root's.
      String usage = cli.getCommandSpec().findOption("--help") != null
          ? cli.getCommandSpec().qualifiedName() : "mirror";
      cli.getErr().println("Run '" + usage + " --help' for usage.");
      return USAGE;
    }
  }

  /** Prints an unexpected error as one line (the stack trace only with --debug) and exits 1. */
  static final class Handler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
      cli.getErr().println("error: " + e.getMessage());
      if (debug(parsed)) {
        e.printStackTrace(cli.getErr());
      }
      return FAILED;
    }

    /** Whether --debug was given, before the goal or after it (a global option goes anywhere). */
    private static boolean debug(CommandLine.ParseResult parsed) {
      for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
        if (p.hasMatchedOption("--debug")) {
          return true;
        }
      }
      return false;
    }
  }
}
