package dev.mirror.buildfiles;

import dev.mirror.options.ConfigLoader;
import dev.mirror.options.MirrorConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.specs.TargetSource.LoadException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BUILD files written to hurt: reading what lies outside the build root or never ends, values
 * nested too deeply to print, bytes that are not text. Each must give a BUILD file:line error.
 */
class HostileBuildFilesTest {
  @TempDir Path root;
  @TempDir Path outside;

  private void write(String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private BuildFileLoader loader() throws Exception {
    Files.writeString(root.resolve("BUILDROOT"), "");
    MirrorConfig config = MirrorConfig.defaults(root);
    IgnoreRules ignores = IgnoreRules.load(config, Optional.empty());
    return new BuildFileLoader(config, new BuildFileFinder(config, ignores), Map.of());
  }

  /** The problems of loading {@code dir}, which must fail within a few seconds. */
  private List<String> problems(String dir) throws Exception {
    try (BuildFileLoader loader = loader()) {
      return assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThrows(LoadException.class, () -> loader.targetsIn(dir)).problems());
    }
  }

  // ---- open() ----

  @Test
  void openReadsARegularFileInsideTheBuildRoot() throws Exception {
    write("VERSION", "1.2.3\n");
    write("a/BUILD", "v = open('VERSION').read()\nfiles(name=v.strip())\n");
    try (BuildFileLoader loader = loader()) {
      assertEquals("a:1.2.3", loader.targetsIn("a").get(0).address().toString());
    }
  }

  @Test
  void openRefusesASymlinkOutOfTheBuildRoot() throws Exception {
    Files.writeString(outside.resolve("secret"), "s3cret");
    Files.createDirectories(root.resolve("a"));
    Files.createSymbolicLink(root.resolve("a/link"), outside.resolve("secret"));
    Files.createSymbolicLink(root.resolve("a/dir"), outside);
    write("a/BUILD", "\nx = open('a/link').read()\n");
    assertEquals(List.of("a/BUILD:2:9: error: open: a/link is outside the build root"),
        problems("a"));
    write("a/BUILD", "x = open('a/dir/secret').read()\n");
    assertEquals(List.of("a/BUILD:1:9: error: open: a/dir/secret is outside the build root"),
        problems("a"));
  }

  @Test
  void openFollowsASymlinkThatStaysInsideTheBuildRoot() throws Exception {
    write("VERSION", "7");
    Files.createDirectories(root.resolve("a"));
    Files.createSymbolicLink(root.resolve("a/v"), root.resolve("VERSION"));
    write("a/BUILD", "files(name=open('a/v').read())\n");
    try (BuildFileLoader loader = loader()) {
      assertEquals("a:7", loader.targetsIn("a").get(0).address().toString());
    }
  }

  @Test
  void openRefusesAFifo() throws Exception {
    Files.createDirectories(root.resolve("a"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("a/pipe").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    write("a/BUILD", "x = open('a/pipe').read()\n");
    assertEquals(List.of("a/BUILD:1:9: error: open: a/pipe is not a regular file (a FIFO, device"
        + " or socket); only regular files can be read"), problems("a"));
  }

  @Test
  void openRefusesADeviceEvenThroughASymlink() throws Exception {
    Files.createDirectories(root.resolve("a"));
    Files.createSymbolicLink(root.resolve("a/zero"), Path.of("/dev/zero"));
    write("a/BUILD", "x = open('a/zero').read()\n");
    assertEquals(List.of("a/BUILD:1:9: error: open: a/zero is outside the build root"),
        problems("a"));
  }

  @Test
  void openRefusesADirectory() throws Exception {
    write("a/BUILD", "x = open('a').read()\n");
    assertEquals(List.of("a/BUILD:1:9: error: open: a is not a regular file (a directory); only"
        + " regular files can be read"), problems("a"));
  }

  @Test
  void openRefusesAFileOverTheSizeLimit() throws Exception {
    write("a/BUILD", "x = open('big').read()\n");
    try (RandomAccessFile big = new RandomAccessFile(root.resolve("big").toFile(), "rw")) {
      big.setLength((16L << 20) + 1); // sparse: costs no disk
    }
    assertEquals(List.of("a/BUILD:1:9: error: open: big is too large: 16777217 bytes (at most"
        + " 16 MiB)"), problems("a"));
  }

  @Test
  void openOfAMissingFileSaysSo() throws Exception {
    write("a/BUILD", "x = open('nope').read()\n");
    assertEquals(List.of("a/BUILD:1:9: error: open: cannot read nope: no such file"),
        problems("a"));
  }

  // ---- text that is not UTF-8 ----

  /** Three lines, the third with a stray continuation byte at offset 57. */
  private static byte[] notUtf8() {
    byte[] head = "x = 1\ny = 2\nz = 'this line is fine until here: ".getBytes();
    byte[] out = java.util.Arrays.copyOf(head, head.length + 3);
    out[head.length] = (byte) 0x80;
    out[head.length + 1] = '\'';
    out[head.length + 2] = '\n';
    return out;
  }

  @Test
  void aBuildFileThatIsNotUtf8NamesTheLineAndByte() throws Exception {
    Files.createDirectories(root.resolve("a"));
    Files.write(root.resolve("a/BUILD"), notUtf8());
    assertEquals(List.of("a/BUILD:3: error: not valid UTF-8 at byte 47"), problems("a"));
  }

  @Test
  void aPreludeFileThatIsNotUtf8NamesTheLineAndByte() throws Exception {
    write("pants.toml", "[GLOBAL]\nbuild_file_prelude_globs = [\"macros/*.py\"]\n");
    Files.createDirectories(root.resolve("macros"));
    Files.write(root.resolve("macros/m.py"), notUtf8());
    write("a/BUILD", "files(name='x')\n");
    MirrorConfig config = new ConfigLoader(Map.of(), root, root.resolve("none"))
        .load(root, Map.of());
    IgnoreRules ignores = IgnoreRules.load(config, Optional.empty());
    try (BuildFileLoader loader = new BuildFileLoader(config, new BuildFileFinder(config, ignores),
        Map.of())) {
      assertEquals(List.of("macros/m.py:3: error: not valid UTF-8 at byte 47"),
          assertThrows(LoadException.class, () -> loader.targetsIn("a")).problems());
    }
  }

  @Test
  void openOfAFileThatIsNotUtf8NamesTheLineAndByte() throws Exception {
    Files.write(root.resolve("data"), notUtf8());
    write("a/BUILD", "x = open('data').read()\n");
    assertEquals(List.of("a/BUILD:1:9: error: open: data is not valid UTF-8 text (line 3, byte"
        + " 47)"), problems("a"));
  }

  // ---- values too deep to convert, check or show ----

  private static final String DEEP = "def deep(n):\n    x = []\n    for i in range(n):\n"
      + "        x = [x]\n    return x\n\n";

  @Test
  void aFieldNestedTooDeeplyNamesTheFieldAndTarget() throws Exception {
    write("a/BUILD", DEEP + "files(name='f', sources=deep(200000))\n");
    assertEquals(List.of("a/BUILD:7:6: error: The 'sources' field in target a:f cannot be"
        + " converted: cannot convert a value nested more than 1000 levels deep"), problems("a"));
  }

  @Test
  void aFieldOfAMirrorImageNestedTooDeeplyNamesTheFieldAndTarget() throws Exception {
    write("a/BUILD", DEEP + "oci_mirror_image(name='img', source_repository='docker.io/x',"
        + " destination_repository='r.example.com/x', sha='" + "1".repeat(64) + "',"
        + " tags=deep(200000))\n");
    assertEquals(List.of("a/BUILD:7:17: error: The 'tags' field in target a:img cannot be"
        + " converted: cannot convert a value nested more than 1000 levels deep"), problems("a"));
  }

  @Test
  void aFieldThatContainsItselfIsAnError() throws Exception {
    write("a/BUILD", "x = []\nx.append(x)\nfiles(name='f', sources=x)\n");
    assertEquals(List.of("a/BUILD:3:6: error: The 'sources' field in target a:f cannot be"
        + " converted: cannot convert a value nested more than 1000 levels deep"), problems("a"));
  }

  @Test
  void aDeepValueInsideAnotherBackendsCallIsStillFound() throws Exception {
    write("a/BUILD", DEEP + "files(name='f', sources=[http_source(url=deep(200000))])\n");
    List<String> problems = problems("a");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("a/BUILD:7:6: error: The 'sources' field in target"
        + " a:f cannot be converted: cannot "), problems.get(0));
  }
}
