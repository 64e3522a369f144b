package dev.mirror.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mirror complete bash|zsh|fish}: prints a completion script to source. The scripts are
 * static; for every answer they run the hidden {@code mirror __complete -- WORDS...} ({@link
 * Words}), which prints the candidates one per line (see {@link Completions}).
 */
@Command(name = "complete", mixinStandardHelpOptions = true,
    description = "Prints a shell completion script: source <(mirror complete bash).")
final class CompleteCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
  String shell;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!List.of("bash", "zsh", "fish").contains(shell)) {
      spec.commandLine().getErr().println("error: Unknown shell: " + shell + " (bash, zsh or fish)");
      spec.commandLine().getErr().flush();
      return ExitCodes.USAGE;
    }
    try (InputStream in = CompleteCommand.class.getResourceAsStream("completion." + shell)) {
      out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** {@code mirror __complete -- WORDS...}: the candidates for the last word, one per line. */
  @Command(name = "__complete", hidden = true)
  static final class Words implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Parameters(arity = "0..*", paramLabel = "WORD")
    List<String> words = List.of();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      new Completions(spec.commandLine().getParent(), main.invocation())
          .candidates(words).forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
