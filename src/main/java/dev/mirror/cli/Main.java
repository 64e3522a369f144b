package dev.mirror.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mirror} command: mirrors container images declared in Pants-style BUILD files. */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Mirrors container images declared in Pants-style BUILD files, digest for digest.",
    subcommands = {ListCommand.class, PeekCommand.class, RunCommand.class, HelpGoalCommand.class,
        StarlarkCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  GlobalOptions global = new GlobalOptions();

  /** The directory specs are relative to; tests and the daemon point it elsewhere. */
  static Path workingDirectory() {
    return Path.of(System.getProperty("mirror.cwd", System.getProperty("user.dir")));
  }

  /** The environment of this invocation: the process's, or the daemon's client's. */
  static Map<String, String> environment() {
    Map<String, String> client = clientEnvironment;
    return client != null ? client : System.getenv();
  }

  /** Set by {@link MirrorDaemon} for the request it serves (one at a time). */
  static volatile Map<String, String> clientEnvironment;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line; tests set its output writers. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
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
