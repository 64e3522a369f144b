package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The command line's own behaviour: global options wherever they stand, internal errors. */
class MainTest {
  /** A goal that fails the way a bug would, to see how an internal error is reported. */
  @Command(name = "crash")
  static final class Crash implements Callable<Integer> {
    @Parameters(arity = "0..*")
    java.util.List<String> specs;

    @Override
    public Integer call() {
      throw new IllegalStateException("internal trouble");
    }
  }

  private static String[] run(String... args) {
    MirrorCli.Result r = MirrorCli.here().withGoal(new Crash()).run(args);
    return new String[] {Integer.toString(r.exit()), r.err()};
  }

  @Test
  void anInternalErrorIsOneLineWithoutDebug() {
    String[] result = run("crash", "::");
    assertEquals("1", result[0]);
    assertEquals("error: internal trouble\n", result[1].replace("\r\n", "\n"));
  }

  @Test
  void debugBeforeTheGoalShowsTheStackTrace() {
    String[] result = run("--debug", "crash", "::");
    assertEquals("1", result[0]);
    assertTrue(result[1].contains("at dev.mirror.cli.MainTest$Crash.call"), result[1]);
  }

  @Test
  void debugAfterTheGoalShowsTheStackTraceToo() {
    for (String[] args : new String[][] {{"crash", "--debug", "::"}, {"crash", "::", "--debug"}}) {
      String[] result = run(args);
      assertEquals("1", result[0]);
      assertTrue(result[1].contains("at dev.mirror.cli.MainTest$Crash.call"), result[1]);
      assertFalse(result[1].contains("Unknown option"), result[1]);
    }
  }
}
