package dev.mirror.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.TransferStats;
import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportGoalTest {
  private static final Digest PIN = Digest.sha256("a".repeat(64));
  private static final Digest OLD = Digest.sha256("b".repeat(64));

  private static MirrorResult result(String name, String tag, MirrorStatus status,
      TransferStats moved, Digest previous, String error) {
    MirrorJob job = new MirrorJob(name, RepositoryName.parse("python"),
        RepositoryName.parse("registry.example.com/mirror/python"), PIN, tag);
    return new MirrorResult(job, status, previous, moved, error, Duration.ofMillis(1500));
  }

  private static final List<MirrorResult> RESULTS = List.of(
      result("//:a", "3.12", MirrorStatus.MIRRORED, new TransferStats(3, 1, 2, 5 << 20), null,
          null),
      result("b:b", "latest", MirrorStatus.TAGGED, TransferStats.NONE, OLD, null),
      result("b:c#x", null, MirrorStatus.UP_TO_DATE, TransferStats.NONE, null, null),
      result("b/c:d", null, MirrorStatus.FAILED, TransferStats.NONE, null, "404 \"nope\"\n"),
      result("b/c:e", "1", MirrorStatus.NOT_RUN, TransferStats.NONE, null, null));

  @Test
  void aReportReadBackPrintsTheRunsSummary() throws Exception {
    Duration elapsed = Duration.ofMillis(2345);
    ReportGoal.Report read = ReportGoal.read("r.json", RunGoal.json(RESULTS, elapsed));
    assertEquals(RunGoal.summary(RESULTS, elapsed), read.summary());
    assertFalse(read.succeeded());
    assertTrue(ReportGoal.read("r.json", RunGoal.json(RESULTS.subList(0, 3), elapsed))
        .succeeded());
    // Reports written before run_seconds existed (or without it) read with no time.
    assertEquals(RunGoal.summary(RESULTS, Duration.ZERO),
        ReportGoal.read("r.json", RunGoal.json(RESULTS)).summary());
  }

  @Test
  void referrersAskedForAndCopiedReadBack() throws Exception {
    MirrorJob job = new MirrorJob("//:signed", RepositoryName.parse("python"),
        RepositoryName.parse("registry.example.com/mirror/python"), PIN, "3.12", true);
    List<MirrorResult> results = List.of(RESULTS.get(0), new MirrorResult(job,
        MirrorStatus.MIRRORED, null, new TransferStats(1, 0, 0, 10, 2), null,
        Duration.ofMillis(300)));
    String summary = ReportGoal.read("r.json", RunGoal.json(results, Duration.ofMillis(900)))
        .summary();
    assertEquals(RunGoal.summary(results, Duration.ofMillis(900)), summary);
    assertTrue(summary.contains(" (+2 referrers)\n"), summary);
    assertTrue(summary.contains("; referrers: 2 copied; "), summary);
  }

  @Test
  void aReportWithoutTheReferrersFieldsAskedForNone() throws Exception {
    String older = RunGoal.json(RESULTS, Duration.ofMillis(2345))
        .replaceAll("\n *\"referrers(_copied)?\" : [a-z0-9]+,", "");
    assertFalse(older.contains("referrers"), older);
    assertEquals(RunGoal.summary(RESULTS, Duration.ofMillis(2345)),
        ReportGoal.read("old.json", older).summary());
  }

  @Test
  void mergedReportsAreInAddressOrderWithTheLongestTime() throws Exception {
    Map<String, ReportGoal.Report> reports = new LinkedHashMap<>();
    reports.put("2.json", ReportGoal.read("2.json",
        RunGoal.json(List.of(RESULTS.get(3), RESULTS.get(1)), Duration.ofMillis(900))));
    reports.put("1.json", ReportGoal.read("1.json",
        RunGoal.json(List.of(RESULTS.get(4), RESULTS.get(0), RESULTS.get(2)),
            Duration.ofMillis(2345))));
    assertEquals(RunGoal.summary(RESULTS, Duration.ofMillis(2345)),
        ReportGoal.merge(reports).summary());
  }

  @Test
  void aReportWithAnUnknownStatusIsNotAReport() {
    String json = RunGoal.json(RESULTS.subList(0, 1)).replace("\"mirrored\"", "\"copied\"");
    ReportGoal.ReportException e = assertThrows(ReportGoal.ReportException.class,
        () -> ReportGoal.read("x.json", json));
    assertEquals("x.json: not a report of `mirror run --output-json`: object 1: unknown"
        + " \"status\": copied", e.getMessage());
  }

  @Test
  void aTargetTwiceInOneReportIsAnError() throws Exception {
    ReportGoal.Report twice = ReportGoal.read("x.json",
        RunGoal.json(List.of(RESULTS.get(1), RESULTS.get(1)), Duration.ZERO));
    ReportGoal.ReportException e = assertThrows(ReportGoal.ReportException.class,
        () -> ReportGoal.merge(Map.of("x.json", twice)));
    assertEquals("x.json: the target b:b is in it twice", e.getMessage());
  }
}
