package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code run --shard=k/N} and {@code report}: three shards, fanned in, print what one run over
 * all the targets prints, and exit as it does.
 */
class ShardAndReportTest {
  private static final int REPOSITORIES = 5;
  private static LocalRegistry source;
  private static LocalRegistry whole;
  private static LocalRegistry sharded;
  private static final List<PushedImage> images = new ArrayList<>();

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    whole = LocalRegistry.start();
    sharded = LocalRegistry.start();
    TestImages push = new TestImages(source);
    // Two images per repository, no blob shared between repositories: a blob is copied, never
    // mounted, whichever shard it falls in, so the totals match the whole run's.
    for (int i = 0; i < 2 * REPOSITORIES; i++) {
      images.add(push.pushImageOfSize("upstream/app" + i / 2, "v" + i, 2048, 2));
    }
  }

  @AfterAll
  static void stop() {
    sharded.close();
    whole.close();
    source.close();
  }

  /** Five repositories of two variants each, and one target that fails. */
  private static Path repo(Path dir, LocalRegistry destination) throws IOException {
    Files.writeString(dir.resolve("pants.toml"),
        "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n");
    StringBuilder build = new StringBuilder();
    for (int r = 0; r < REPOSITORIES; r++) {
      build.append("""
          oci_mirror_images(
              name="app%d",
              source_repository="%s/upstream/app%d",
              destination_repository="%s/team/app%d",
              variants={"a": "%s", "b": "%s"},
          )
          """.formatted(r, source.host(), r, destination.host(), r,
          images.get(2 * r).hex(), images.get(2 * r + 1).hex()));
    }
    build.append("""
        oci_mirror_image(
            name="gone",
            source_repository="%s/upstream/app0",
            destination_repository="%s/team/gone",
            sha="%s",
            tag="1",
        )
        """.formatted(source.host(), destination.host(), "f".repeat(64)));
    Files.createDirectories(dir.resolve("images"));
    Files.writeString(dir.resolve("images/BUILD"), build);
    return dir;
  }

  private static MirrorCli.Result mirror(Path root, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--docker-config=" + root.resolve("no-docker-config.json"));
    return MirrorCli.in(root).run(all.toArray(String[]::new));
  }

  /** The summary without the time on its last line, which differs from run to run. */
  private static String untimed(String summary) {
    return summary.replaceAll(" in \\d+\\.\\ds\n$", " in _s\n");
  }

  @Test
  void threeShardsReportWhatTheWholeRunPrinted(@TempDir Path dir) throws IOException {
    Path one = repo(Files.createDirectories(dir.resolve("whole")), whole);
    MirrorCli.Result all = mirror(one, "run", "::", "--output-json=all.json");
    assertEquals(1, all.exit(), all.out() + all.err());
    assertTrue(all.out().contains("11 targets (10 mirrored, 1 failed)"), all.out());

    // A single report gives back the run's summary exactly, time included.
    MirrorCli.Result again = MirrorCli.in(one).run("report", "all.json");
    assertEquals(all.out(), again.out(), again.err());
    assertEquals(1, again.exit());

    Path three = repo(Files.createDirectories(dir.resolve("sharded")), sharded);
    List<String> files = new ArrayList<>(List.of("report"));
    int targets = 0;
    for (int k = 0; k < 3; k++) {
      MirrorCli.Result shard =
          mirror(three, "run", "::", "--shard=" + k + "/3", "--output-json=shard" + k + ".json");
      String totals = shard.out().lines().reduce((a, b) -> b).orElse("");
      targets += Integer.parseInt(totals.substring(0, totals.indexOf(' ')));
      assertTrue(shard.exit() == 0 || shard.exit() == 1, shard.out() + shard.err());
      files.add(three.resolve("shard" + k + ".json").toString());
    }
    assertEquals(11, targets, "every target in exactly one shard");

    MirrorCli.Result fannedIn = MirrorCli.in(three).run(files.toArray(String[]::new));
    assertEquals(all.exit(), fannedIn.exit(), fannedIn.err());
    assertEquals(untimed(all.out()),
        untimed(fannedIn.out().replace(sharded.host(), whole.host())));
  }

  @Test
  void anEmptyShardWritesAnEmptyReport(@TempDir Path dir) throws IOException {
    Path root = repo(dir, whole);
    Files.writeString(root.resolve("images/BUILD"), Files.readString(root.resolve("images/BUILD"))
        .replaceAll("(?s)oci_mirror_images\\(.*?\\)\n", ""));
    // One repository, so one of two shards has nothing to do.
    int empty = -1;
    for (int k = 0; k < 2; k++) {
      MirrorCli.Result shard = mirror(root, "run", "::", "--shard=" + k + "/2",
          "--output-json=shard" + k + ".json");
      if (shard.exit() == 0) {
        empty = k;
        assertEquals("Shard " + k + "/2 has none of the 1 oci_mirror_image targets the specs"
            + " selected.\n", shard.err());
      }
    }
    assertTrue(empty >= 0);
    MirrorCli.Result report = MirrorCli.in(root).run("report", "shard0.json", "shard1.json");
    assertEquals(1, report.exit(), report.err());
    assertTrue(report.out().startsWith("✕ ") && report.out().contains("1 target (1 failed)"),
        report.out());
  }

  @Test
  void overlappingReportsAreAnErrorNamingTheTarget(@TempDir Path dir) throws IOException {
    Path root = repo(dir, whole);
    mirror(root, "run", "images:gone", "--output-json=a.json");
    Files.copy(root.resolve("a.json"), root.resolve("b.json"));
    MirrorCli.Result report = MirrorCli.in(root).run("report", "a.json", "b.json");
    assertEquals(1, report.exit());
    assertEquals("", report.out());
    assertEquals("error: the target images:gone is in both a.json and b.json: the reports"
        + " overlap (the same shard or run twice, or shards of different selections)\n",
        report.err());
  }

  @Test
  void aFileThatIsNoReportIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("list.json"), "[\"images:app\"]\n");
    Files.writeString(dir.resolve("broken.json"), "[{\"address\": ");
    Files.writeString(dir.resolve("object.json"), "{\"address\": \"images:app\"}\n");
    MirrorCli.Result list = MirrorCli.in(dir).run("report", "list.json");
    assertEquals(1, list.exit());
    assertEquals("error: list.json: not a report of `mirror run --output-json`: object 1: not"
        + " an object\n", list.err());
    MirrorCli.Result broken = MirrorCli.in(dir).run("report", "broken.json");
    assertTrue(broken.err().startsWith("error: broken.json: not a report of `mirror run"
        + " --output-json`: not valid JSON at line 1"), broken.err());
    MirrorCli.Result object = MirrorCli.in(dir).run("report", "object.json");
    assertEquals("error: object.json: not a report of `mirror run --output-json`: not a JSON"
        + " array\n", object.err());
    MirrorCli.Result missing = MirrorCli.in(dir).run("report", "missing.json");
    assertEquals(1, missing.exit());
    assertEquals("error: missing.json: no such file\n", missing.err());
    MirrorCli.Result none = MirrorCli.in(dir).run("report");
    assertEquals(2, none.exit(), none.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3/3", "1", "-1/2", "0/0", "a/2", "1/2/3", ""})
  void aBadShardIsAUsageError(String spec, @TempDir Path dir) throws IOException {
    Path root = repo(dir, whole);
    MirrorCli.Result run = mirror(root, "run", "::", "--shard=" + spec);
    assertEquals(2, run.exit(), run.err());
    assertEquals("", run.out());
    assertEquals("error: Invalid shard specification " + spec + " from --shard. Use a string of"
        + " the form \"k/N\" where k and N are integers, and 0 <= k < N.\n"
        + "Run 'mirror run --help' for usage.\n", run.err());
  }
}
