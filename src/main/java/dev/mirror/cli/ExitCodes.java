package dev.mirror.cli;

import picocli.CommandLine;

/** Exit codes, and the one place that turns an unexpected exception into one. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** A usage error: the message and a hint, exit 2 (as picocli and Unix tools do). */
  static final class UsageHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      CommandLine cli = e.getCommandLine();
      cli.getErr().println("error: " + e.getMessage());
      cli.getErr().println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
      return USAGE;
    }
  }

  /** Prints an unexpected error as one line (the stack trace only with --debug) and exits 1. */
  static final class Handler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
      cli.getErr().println("error: " + e.getMessage());
      if (parsed.hasMatchedOption("--debug")) {
        e.printStackTrace(cli.getErr());
      }
      return FAILED;
    }
  }
}
