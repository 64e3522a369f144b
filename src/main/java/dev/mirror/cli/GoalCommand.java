package dev.mirror.cli;

import dev.mirror.buildfiles.BuildFileException;
import dev.mirror.specs.SpecException;
import dev.mirror.specs.TargetSource;
import dev.mirror.workspace.TargetGraph;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A goal that acts on the targets its specs select ({@code list}, {@code peek}): opens the
 * workspace, resolves the specs, prints warnings and errors, and leaves the output to the goal.
 */
abstract class GoalCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  Main main;

  @Parameters(paramLabel = "SPEC", arity = "0..*",
      description = "Addresses and globs: dir:name, dir, dir:, dir::, ::, -ignored")
  List<String> specs = List.of();

  /** The goal's output for the targets the specs selected. */
  abstract int run(Workspace workspace, TargetGraph graph, PrintWriter out, PrintWriter err)
      throws IOException;

  /** The targets the specs select; raises for what every goal but pin refuses. */
  TargetGraph resolve(Workspace ws) throws SpecException, TargetSource.LoadException {
    return ws.resolve(specs);
  }

  /** Work that can start before the BUILD files are read (run sets up its HTTP client). */
  void beforeResolving() {}

  /** Releases what {@link #beforeResolving} set up, however the goal ended. */
  void finished() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    beforeResolving();
    try (Workspace ws = Workspace.open(main.invocation(), main.global.buildRoot,
        main.global.asFlags())) {
      TargetGraph graph;
      try {
        graph = resolve(ws);
      } finally {
        ws.warnings().forEach(err::println);
      }
      graph.warnings().forEach(w -> err.println("warning: " + w));
      return run(ws, graph, out, err);
    } catch (BuildFileException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (SpecException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (TargetSource.LoadException e) {
      e.problems().forEach(err::println);
      return ExitCodes.FAILED;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    } finally {
      finished();
      out.flush();
      err.flush();
    }
  }

  /** Writes a goal's output to stdout, or to the file named by --output-file. */
  void emit(String text, String outputFile, PrintWriter out)
      throws IOException {
    if (outputFile == null) {
      out.print(text);
      return;
    }
    Path path = main.invocation().resolve(outputFile);
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }
}
