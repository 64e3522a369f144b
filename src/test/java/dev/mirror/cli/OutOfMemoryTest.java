package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs that exhaust the heap, run in a JVM of their own with a small heap (exhausting the test
 * JVM's would take long and hurt the other tests): the failing file is reported with its location,
 * the others still run, and the exit code says that something failed.
 */
class OutOfMemoryTest {
  @TempDir Path dir;

  /** Fills any heap in a few steps; each list is 8 MB of references. */
  private static final String EXHAUSTING = "def fill():\n    x = []\n"
      + "    for i in range(1000000):\n        x.append([i] * 2000000)\nfill()\n";

  private record Result(int exit, String out, String err) {}

  private Result mirror(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx48m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile())
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("mirror " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), read("stdout"), read("stderr"));
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void starlarkReportsTheFileAndLineAndFails() throws Exception {
    write("oom.star", EXHAUSTING);
    write("ok.star", "print('ran')\n");
    Result r = mirror("starlark", "oom.star", "ok.star");
    assertEquals(1, r.exit(), r.err());
    assertEquals("ran\n", r.out());
    assertTrue(r.err().matches("(?s)oom\\.star:4:\\d+: out of memory \\(Java heap space\\).*"),
        r.err());
    assertTrue(r.err().contains("oom.star:5:5: in <toplevel>"), r.err());
  }

  @Test
  void aBuildFileReportsTheFileAndLine() throws Exception {
    write("BUILDROOT", "");
    write("BUILD", "files(name='root')\n");
    write("oom/BUILD", EXHAUSTING);
    Result r = mirror("list", "::");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("oom/BUILD:5:5: error: out of memory (Java heap space)"),
        r.err());
  }
}
