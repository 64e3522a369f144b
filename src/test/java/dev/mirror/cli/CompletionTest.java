package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirror complete} and the candidates {@code mirror __complete} gives its scripts. */
class CompletionTest {
  @TempDir
  static Path repo;

  private static final String IMAGE = "oci_mirror_image(name=\"%s\","
      + " source_repository=\"docker.io/library/%1$s\","
      + " destination_repository=\"registry.example.com/mirror/%1$s\", sha=\"" + "1".repeat(64)
      + "\")\n";

  @BeforeAll
  static void tree() throws IOException {
    write("pants.toml", "[GLOBAL]\npants_ignore.add = [\"/scratch/\"]\n");
    write("BUILD", IMAGE.formatted("top"));
    write("images/python/BUILD", IMAGE.formatted("python") + IMAGE.formatted("alpine"));
    write("images/tools/BUILD", IMAGE.formatted("jq"));
    write("images/tools/extra/BUILD", IMAGE.formatted("yq"));
    write("images/empty/README", "no BUILD file here, nor below\n");
    write("scratch/BUILD", IMAGE.formatted("junk"));
    write(".hidden/BUILD", IMAGE.formatted("hidden"));
  }

  private static void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static List<String> complete(Path cwd, String... words) {
    List<String> args = new ArrayList<>(List.of("__complete", "--"));
    args.addAll(List.of(words));
    MirrorCli.Result r = MirrorCli.in(cwd).home(repo).environment(Map.of())
        .run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    return r.out().isEmpty() ? List.of() : List.of(r.out().split("\n"));
  }

  private static List<String> complete(String... words) {
    return complete(repo, words);
  }

  @Test
  void goalsFromTheCommandModelWithoutTheHiddenOne() {
    assertEquals(List.of("list"), complete("li"));
    assertEquals(List.of("peek", "plan", "publish", "pin"), complete("p"));
    List<String> all = complete("");
    assertTrue(all.containsAll(
        List.of("list", "run", "pin", "report", "help", "starlark", "complete")),
        all.toString());
    assertFalse(all.contains("__complete"), all.toString());
  }

  @Test
  void globalOptionsBeforeTheGoalAndTheGoalsOwnAfterIt() {
    assertEquals(List.of("--tag"), complete("--ta"));
    List<String> list = complete("list", "--");
    assertTrue(list.containsAll(List.of("--documented", "--sep", "--tag", "--build-root")),
        list.toString());
    List<String> run = complete("--tag", "x", "run", "--");
    assertTrue(run.contains("--shard"), run.toString());
    assertFalse(run.contains("--documented"), run.toString());
  }

  @Test
  void anOptionsValueIsNotTakenForTheGoal() {
    // "list" is the value of --tag, so no goal yet: goals are offered.
    assertEquals(List.of("list"), complete("--tag", "list", "li"));
    assertEquals(List.of(), complete("list", "--sep", ""));
  }

  @Test
  void directoriesWithBuildFilesAndDirectoriesBelow() {
    assertEquals(List.of("images/"), complete("list", "im"));
    assertEquals(List.of("images/python:", "images/tools:", "images/tools/"),
        complete("list", "images/"));
    assertEquals(List.of("images/python:"), complete("peek", "images/py"));
  }

  @Test
  void targetNamesAfterTheColon() {
    assertEquals(List.of("images/python:python", "images/python:alpine"),
        complete("list", "images/python:"));
    assertEquals(List.of("images/python:alpine"), complete("list", "images/python:al"));
    assertEquals(List.of(":top"), complete("list", ":"));
    assertEquals(List.of(), complete("list", "images/nothing:"));
  }

  @Test
  void ignoredAndHiddenDirectoriesAreNotOffered() {
    List<String> top = complete("list", "");
    assertEquals(List.of("images/"), top);
    assertEquals(List.of(), complete("list", "scr"));
    assertEquals(List.of(), complete("list", "scratch:"));
  }

  @Test
  void ignoreSpecsAndRootSpecs() {
    assertEquals(List.of("-images/python:"), complete("list", "::", "-images/py"));
    assertEquals(List.of("-images/python:alpine"), complete("list", "-images/python:a"));
    assertEquals(List.of("//images/python:", "//images/tools:", "//images/tools/"),
        complete(repo.resolve("images/tools"), "list", "//images/"));
  }

  @Test
  void specsAreRelativeToTheWorkingDirectory() {
    Path images = repo.resolve("images");
    assertEquals(List.of("tools:", "tools/"), complete(images, "list", "to"));
    assertEquals(List.of("tools:jq"), complete(images, "list", "tools:"));
  }

  @Test
  void helpTopicsAndShells() {
    assertTrue(complete("help", "oci").contains("oci_mirror_image.sha"));
    assertTrue(complete("help", "").contains("list"));
    assertEquals(List.of("bash"), complete("complete", "b"));
  }

  @Test
  void outsideABuildRootGoalsStillComplete(@TempDir Path elsewhere) {
    assertEquals(List.of("list"), complete(elsewhere, "li"));
    assertEquals(List.of(), complete(elsewhere, "list", "x"));
  }

  @Test
  void completePrintsAScriptPerShell() {
    for (String shell : List.of("bash", "zsh", "fish")) {
      MirrorCli.Result r = MirrorCli.in(repo).run("complete", shell);
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("__complete"), r.out());
    }
    MirrorCli.Result bad = MirrorCli.in(repo).run("complete", "tcsh");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("Unknown shell: tcsh"), bad.err());
  }

  /** The bash script for real: sourced in bash, its function run as readline would run it. */
  @Test
  void theBashScriptCallsBackIntoMirror(@TempDir Path bin) throws Exception {
    Path mirror = bin.resolve("mirror");
    String java = ProcessHandle.current().info().command().orElse("java");
    Files.writeString(mirror, "#!/bin/bash\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
        + System.getProperty("java.class.path") + "' dev.mirror.cli.Main \"$@\"\n");
    assertTrue(mirror.toFile().setExecutable(true));
    Path script = bin.resolve("mirror.bash");
    Files.writeString(script, MirrorCli.in(repo).run("complete", "bash").out());

    String show = "; _mirror; printf '%s\\n' \"${COMPREPLY[@]}\"";
    assertEquals("list\n", bash(bin, script, "COMP_WORDS=(mirror li); COMP_CWORD=1" + show));
    // Readline's word after a colon is what follows it: the script gives only that part.
    assertEquals("python\nalpine\n", bash(bin, script,
        "COMP_LINE='mirror list images/python:'; COMP_POINT=${#COMP_LINE}" + show));
    assertEquals("images/python:\n", bash(bin, script,
        "COMP_LINE='mirror list images/py'; COMP_POINT=${#COMP_LINE}" + show));
    // nospace after a directory, so that the name or the next component follows directly
    // No mirror to ask (here: not on PATH): plain directories, the '-' kept.
    assertEquals("-images\n", bash(bin, script,
        "COMP_LINE='no-such-mirror list -ima'; COMP_POINT=${#COMP_LINE}" + show));
    String recordCompopt = "; compopt() { opts=\"$1 $2\"; }; _mirror; echo \"[$opts]\"";
    assertEquals("[-o nospace]\n", bash(bin, script,
        "COMP_LINE='mirror list images/py'; COMP_POINT=${#COMP_LINE}" + recordCompopt));
    assertEquals("[]\n", bash(bin, script,
        "COMP_LINE='mirror li'; COMP_POINT=${#COMP_LINE}" + recordCompopt));
  }

  private static String bash(Path bin, Path script, String commands) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c",
        "source '" + script + "'; " + commands).directory(repo.toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("HOME", repo.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out;
  }
}
