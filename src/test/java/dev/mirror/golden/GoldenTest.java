package dev.mirror.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mirror.cli.MirrorCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests of the CLI: each {@code src/test/resources/golden/<repo>/<case>.txt} runs
 * {@code mirror <args>} in a fresh copy of {@code testdata/repos/<repo>} and compares stdout,
 * stderr, the exit code (and an --output-file) with the file. See {@link GoldenCase} for the
 * format and {@code testdata/repos/README.md} for the repositories.
 *
 * <p>The copy renames every path component {@code dot.X} to {@code .X}: {@code .gitignore} and
 * {@code .git/info/exclude} cannot be committed as such inside this project's own git tree.
 *
 * <p>{@code mvn test -Dtest=GoldenTest -Dgolden.update=true} rewrites the expected sections from
 * the actual output, except in files with a {@code doc-pinned:} header, whose expectation was
 * written by hand from docs/pants-semantics.md. Review every rewritten file against the doc
 * before keeping it: a golden that records a bug is worse than none.
 */
class GoldenTest {
  private static final Path BASE =
      Path.of(System.getProperty("golden.basedir", System.getProperty("basedir",
          System.getProperty("user.dir"))));
  private static final Path GOLDEN = BASE.resolve("src/test/resources/golden");
  private static final Path REPOS = BASE.resolve("testdata/repos");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicNode> goldens() throws IOException {
    List<DynamicNode> repos = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String repo = dir.getFileName().toString();
        List<DynamicNode> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
            String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
            cases.add(DynamicTest.dynamicTest(name, file.toUri(), () -> check(repo, file)));
          }
        }
        repos.add(DynamicContainer.dynamicContainer(repo, dir.toUri(), cases.stream()));
      }
    }
    assertTrue(!repos.isEmpty(), "no golden files under " + GOLDEN);
    return repos.stream();
  }

  private void check(String repo, Path file) throws IOException {
    GoldenCase c = GoldenCase.read(file);
    GoldenCase.Outcome actual = run(repo, file.getFileName().toString(), c);
    String actualText = c.render(actual);
    if (UPDATE && c.pinned() == null) {
      if (!actualText.equals(Files.readString(file, StandardCharsets.UTF_8))) {
        Files.writeString(file, actualText, StandardCharsets.UTF_8);
        System.err.println("golden: rewrote " + BASE.relativize(file) + "; review it");
      }
      return;
    }
    if (c.expected() == null) {
      fail(file + " has no expected sections; run with -Dgolden.update=true");
    }
    String expectedText = c.render(c.expected());
    if (!expectedText.equals(actualText)) {
      fail("golden " + BASE.relativize(file) + " differs"
          + (c.pinned() == null ? "" : " (doc-pinned: " + c.pinned() + ")")
          + "; mirror " + String.join(" ", c.args()) + "\n"
          + LineDiff.diff(expectedText, actualText));
    }
  }

  /** Runs the case in a fresh copy of the repository, in-process. */
  private GoldenCase.Outcome run(String repo, String caseName, GoldenCase c) throws IOException {
    Path root = Files.createDirectories(temp.resolve(repo + "-" + caseName)).toRealPath();
    copyRepo(REPOS.resolve(repo), root);
    Path home = Files.createDirectories(temp.resolve("home-" + repo + "-" + caseName));
    Path cwd = root.resolve(c.cwd()).normalize();
    // no ~/.pants.rc or ~/.gitconfig of the machine running the tests
    MirrorCli.Result result = MirrorCli.in(cwd).home(home).run(c.args().toArray(String[]::new));
    String written = null;
    if (c.outputFile() != null) {
      Path f = cwd.resolve(c.outputFile());
      written = Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
    }
    return new GoldenCase.Outcome(redact(result.out(), root), redact(result.err(), root),
        written == null ? null : redact(written, root), result.exit());
  }

  /** The temporary copy's absolute path varies from run to run: print it as $ROOT. */
  private static String redact(String s, Path root) {
    return s.replace(root.toString(), "$ROOT");
  }

  /** Copies {@code from} to {@code to}, renaming each {@code dot.X} path component to {@code .X}. */
  static void copyRepo(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new IOException("no repository " + from);
    }
    try (Stream<Path> all = Files.walk(from)) {
      all.forEach(p -> {
        Path rel = from.relativize(p);
        Path target = to;
        for (Path part : rel) {
          String s = part.toString();
          target = target.resolve(s.startsWith("dot.") ? s.substring(3) : s);
        }
        try {
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
