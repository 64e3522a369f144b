package dev.mirror.cli;

import dev.mirror.workspace.Invocation;
import dev.mirror.workspace.ResidentState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code mirror ARGS} in-process, as a user would in a directory, and captures what it
 * writes: the one way tests run a goal on a tree. Each run gets its own {@link Invocation}, so
 * tests set no system properties and may run side by side.
 */
public final class MirrorCli {
  /** What a run left: its exit code, stdout and stderr. */
  public record Result(int exit, String out, String err) {}

  private final Path cwd;
  private Path home = Path.of(System.getProperty("user.home"));
  private Map<String, String> environment = System.getenv();
  private final List<Object> extraGoals = new ArrayList<>();
  private ResidentState resident = ResidentState.NONE;

  private MirrorCli(Path cwd) {
    this.cwd = cwd;
  }

  /** Runs in {@code cwd}, with this process's environment and home directory. */
  public static MirrorCli in(Path cwd) {
    return new MirrorCli(cwd);
  }

  /** Runs in this process's working directory. */
  public static MirrorCli here() {
    return new MirrorCli(Path.of(System.getProperty("user.dir")));
  }

  /** Another home directory: none of the machine's {@code ~/.pants.rc} or git excludes. */
  public MirrorCli home(Path dir) {
    home = dir;
    return this;
  }

  public MirrorCli environment(Map<String, String> env) {
    environment = env;
    return this;
  }

  /** Runs as a resident mirror would, keeping what it computes in {@code state}. */
  public MirrorCli resident(ResidentState state) {
    resident = state;
    return this;
  }

  /** A further goal (a picocli command), to see how the root command treats it. */
  public MirrorCli withGoal(Object command) {
    extraGoals.add(command);
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Invocation invocation = new Invocation(cwd, environment, home, new PrintWriter(out, true),
        new PrintWriter(err, true), false, resident);
    CommandLine cli = Main.commandLine(invocation);
    if (!extraGoals.isEmpty()) {
      extraGoals.forEach(cli::addSubcommand);
      cli.setOut(invocation.out()); // reaches the subcommands added since
      cli.setErr(invocation.err());
    }
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
