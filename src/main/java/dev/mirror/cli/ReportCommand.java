package dev.mirror.cli;

import dev.mirror.goals.ReportGoal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mirror report FILE...}: the summary and exit code of one run, from the
 * {@code --output-json} reports of its shards (or of several runs).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Prints the summary one run would have printed from the --output-json reports"
        + " of several shards (or runs), and exits as that run would have: 0 when every target"
        + " was mirrored, tagged or up to date, else 1. The time shown is the longest report's.")
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "Reports written by `mirror run --output-json=FILE`.")
  List<String> files = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Map<String, ReportGoal.Report> reports = new LinkedHashMap<>();
      for (String file : files) {
        String text;
        try {
          text = Files.readString(main.invocation().resolve(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
          err.println("error: " + file + ": no such file");
          return ExitCodes.FAILED;
        } catch (IOException e) {
          err.println("error: " + file + ": " + e.getMessage());
          return ExitCodes.FAILED;
        }
        reports.put(file, ReportGoal.read(file, text));
      }
      ReportGoal.Report all = ReportGoal.merge(reports);
      if (all.results().isEmpty()) {
        err.println("No oci_mirror_image targets in the reports.");
        return ExitCodes.OK;
      }
      out.print(all.summary());
      return all.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (ReportGoal.ReportException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
