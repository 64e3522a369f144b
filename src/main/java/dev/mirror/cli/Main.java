package dev.mirror.cli;

import dev.mirror.workspace.Invocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mirror} command: mirrors container images declared in Pants-style BUILD files. */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Mirrors container images declared in Pants-style BUILD files, digest for digest.",
    subcommands = {ListCommand.class, PeekCommand.class, PlanCommand.class, RunCommand.class,
        PinCommand.class,
        ReportCommand.class, HelpGoalCommand.class, StarlarkCommand.class, CompleteCommand.class,
        CompleteCommand.Words.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  GlobalOptions global = new GlobalOptions();

  /** Where this run was started, with what; the subcommands read it from here. */
  private Invocation invocation;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI as this process was invoked and returns its exit code. */
  public static int run(String... args) {
    Main main = new Main();
    CommandLine cli = configure(new CommandLine(main));
    main.invocation = Invocation.ofProcess(cli.getOut(), cli.getErr());
    return cli.execute(args);
  }

  /** The command line for an invocation, writing to its streams. */
  public static CommandLine commandLine(Invocation invocation) {
    return bind(prepare(), invocation);
  }

  /**
   * A command line not yet bound to an invocation. Building one (picocli reading the annotations
   * of every goal) is most of what a short command costs in a warm JVM, so the daemon builds its
   * next one ahead; each serves one command only.
   */
  static CommandLine prepare() {
    return configure(new CommandLine(new Main()));
  }

  /** {@code cli}, from {@link #prepare} and unused, for an invocation, writing to its streams. */
  static CommandLine bind(CommandLine cli, Invocation invocation) {
    ((Main) cli.getCommand()).invocation = invocation;
    cli.setOut(invocation.out());
    cli.setErr(invocation.err());
    return cli;
  }

  /**
   * Whether {@code args} run the run goal (or its alias publish), the one goal that writes to
   * registries: the daemon runs those one at a time and every other goal at once. Its help, a
   * usage error or no goal at all is no run.
   */
  static boolean isRun(String... args) {
    return isRun(prepare(), args);
  }

  /**
   * {@link #isRun(String...)}, parsing with {@code cli}, which may then execute the same
   * arguments: picocli resets every option and parameter to its initial value before it parses.
   */
  static boolean isRun(CommandLine cli, String... args) {
    try {
      CommandLine.ParseResult goal = cli.parseArgs(args).subcommand();
      return goal != null && goal.commandSpec().userObject() instanceof RunCommand
          && !goal.isUsageHelpRequested() && !goal.isVersionHelpRequested();
    } catch (CommandLine.ParameterException e) {
      return false;
    }
  }

  Invocation invocation() {
    return invocation;
  }

  private static CommandLine configure(CommandLine cli) {
    // "-dir:" is an ignore spec, not an option: unknown dashed arguments go to the goal's specs.
    cli.setUnmatchedOptionsArePositionalParams(true);
    cli.setExecutionStrategy(parsed -> {
      UnknownOptions.reject(parsed); // but "--x" is a flag, never a spec
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setExecutionExceptionHandler(new ExitCodes.Handler());
    cli.setParameterExceptionHandler(new ExitCodes.UsageHandler());
    return cli;
  }

  /** No goal given: as Pants, an error (a usage error, so exit 2), with the way to the goals. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: No goals specified.");
    spec.commandLine().getErr().println("Run 'mirror --help' for the goals.");
    spec.commandLine().getErr().flush();
    return ExitCodes.USAGE;
  }

  /** The version in the jar's manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"mirror " + (v == null ? "dev" : v)};
    }
  }
}
