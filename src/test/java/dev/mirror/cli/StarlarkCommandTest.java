package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarlarkCommandTest {
  @TempDir Path dir;

  private static MirrorCli.Result run(String... args) {
    return MirrorCli.here().run(args);
  }

  private String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void printsToStdoutAndExitsZero() throws IOException {
    MirrorCli.Result r = run("starlark", write("a.star", "print('hello', 1 + 2)\n"));
    assertEquals(0, r.exit(), r.err());
    assertEquals("hello 3\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void failedAssertionPrintsLocationAndTracebackAndExitsOne() throws IOException {
    String file = write("f.star", "def check(x):\n    assert_eq(x, 2)\n\ncheck(1)\n");
    MirrorCli.Result r = run("starlark", "--assertions", file);
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith(file + ":2:14: assert_eq: 1 != 2\n"), r.err());
    assertTrue(r.err().contains("Traceback (most recent call last):"), r.err());
    assertTrue(r.err().contains(file + ":4:6: in <toplevel>"), r.err());
    assertTrue(r.err().contains(file + ":2:14: in check"), r.err());
  }

  @Test
  void everyFileRunsAndAnyFailureFailsTheCommand() throws IOException {
    String bad = write("bad.star", "x = (\n");
    String good = write("good.star", "print('ran')\n");
    MirrorCli.Result r = run("starlark", bad, good);
    assertEquals(1, r.exit());
    assertEquals("ran\n", r.out());
    assertTrue(r.err().contains("bad.star:2:1: syntax error"), r.err());
  }

  @Test
  void dialectFlagSelectsTheLanguage() throws IOException {
    String file = write("top.star", "for i in [1]:\n    print(f'{i}')\n");
    assertEquals(0, run("starlark", file).exit());
    MirrorCli.Result strict = run("starlark", "--dialect=starlark", file);
    assertEquals(1, strict.exit());
    assertTrue(strict.err().contains("for loop not within a function"), strict.err());
    assertTrue(strict.err().contains("f-strings are not supported"), strict.err());
  }

  @Test
  void unknownDialectIsAUsageError() throws IOException {
    MirrorCli.Result r = run("starlark", "--dialect=python", write("a.star", ""));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown dialect 'python'"), r.err());
  }

  @Test
  void loadResolvesRelativeToTheLoadingFile() throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    write("lib/defs.star", "def double(x):\n    return 2 * x\n_hidden = 1\n");
    MirrorCli.Result r = run("starlark", write("main.star", "load('lib/defs.star', 'double')\nprint(double(21))\n"));
    assertEquals(0, r.exit(), r.err());
    assertEquals("42\n", r.out());
  }

  @Test
  void testFilesReportChunksAndExpectedErrors() throws IOException {
    String file = write("t.star", String.join("\n",
        "assert_eq(1 + 1, 2)",
        "---",
        "x = 1 // 0  ### \"division by zero\"",
        "---",
        "assert_eq(len('abc'), 4)",
        ""));
    MirrorCli.Result r = run("starlark", "--assertions", file);
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("t.star: 2 passed, 1 failed"), r.out());
    assertTrue(r.err().contains("assert_eq: 3 != 4"), r.err());
  }

  @Test
  void openReadsFilesUnderTheCurrentDirectoryOnly() throws IOException {
    MirrorCli.Result r = run("starlark", write("o.star", "open('/etc/hostname').read()\n"));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("outside the current directory"), r.err());
  }

  @Test
  void aFileThatIsNotUtf8NamesTheLineAndByte() throws IOException {
    Path p = dir.resolve("bad.star");
    Files.write(p, new byte[] {'x', '=', '1', '\n', 'y', '=', '\'', (byte) 0xff, '\'', '\n'});
    String good = write("good.star", "print('ran')\n");
    MirrorCli.Result r = run("starlark", p.toString(), good);
    assertEquals(1, r.exit());
    assertEquals("ran\n", r.out());
    assertEquals(p + ":2: error: not valid UTF-8 at byte 7\n", r.err());
  }

  @Test
  void aDeeplyNestedValueIsTooDeepToPrintAndSaysSoQuickly() throws IOException {
    String file = write("deep.star", "def f():\n    x = []\n    for i in range(200000):\n"
        + "        x = [x]\n    return repr(x)\n\nf()\n");
    long start = System.nanoTime();
    MirrorCli.Result r = run("starlark", file);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith(file + ":5:16: cannot print a value nested more than 1000"
        + " levels deep\n"), r.err());
    assertTrue(millis < 5_000, "took " + millis + " ms");
  }

  @Test
  void helpAndVersion() {
    MirrorCli.Result help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("starlark"), help.out());
    MirrorCli.Result version = run("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("mirror "), version.out());
  }
}
