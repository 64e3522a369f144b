package dev.mirror.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.TransferStats;
import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunGoalTest {
  private static final Digest PIN = Digest.sha256("a".repeat(64));
  private static final Digest OLD = Digest.sha256("b".repeat(64));

  private static MirrorResult result(String name, String tag, MirrorStatus status,
      TransferStats moved, Digest previous, String error) {
    MirrorJob job = new MirrorJob(name, RepositoryName.parse("docker.io/library/python"),
        RepositoryName.parse("registry.example.com/mirror/python"), PIN, tag);
    return new MirrorResult(job, status, previous, moved, error, Duration.ofMillis(1500));
  }

  @Test
  void summaryLinesAndTotals() {
    List<MirrorResult> results = List.of(
        result("//:a", "3.12", MirrorStatus.MIRRORED, new TransferStats(3, 1, 2, 5 * 1024 * 1024),
            null, null),
        result("//:b", "latest", MirrorStatus.TAGGED, TransferStats.NONE, OLD, null),
        result("//:c", null, MirrorStatus.UP_TO_DATE, TransferStats.NONE, null, null),
        result("//:d", null, MirrorStatus.FAILED, TransferStats.NONE, null, "404 nope"));
    String summary = RunGoal.summary(results, Duration.ofMillis(2345));
    String source = "docker.io/library/python@sha256:" + "a".repeat(64);
    assertEquals(String.join("\n",
        "✓ " + source + " mirrored to registry.example.com/mirror/python:3.12",
        "✓ " + source + " tagged registry.example.com/mirror/python:latest (tag was sha256:"
            + "b".repeat(64) + ")",
        "- " + source + " up to date in registry.example.com/mirror/python",
        "✕ " + source + " to registry.example.com/mirror/python failed: 404 nope",
        "4 targets (1 mirrored, 1 tagged, 1 up to date, 1 failed); blobs: 3 copied, 1 mounted,"
            + " 2 skipped; 5.0 MiB copied in 2.3s", ""), summary);
  }

  @Test
  void jsonReportHasOneObjectPerTarget() {
    String json = RunGoal.json(List.of(
        result("//:a", "3.12", MirrorStatus.MIRRORED, new TransferStats(1, 0, 0, 10), null, null),
        result("//:d", null, MirrorStatus.FAILED, TransferStats.NONE, null, "denied")));
    assertTrue(json.contains("\"address\" : \"//:a\""), json);
    assertTrue(json.contains("\"tag\" : null"), json);
    assertTrue(json.contains("\"error\" : \"denied\""), json);
    assertTrue(json.contains("\"bytes_copied\" : 10"), json);
    assertEquals(2, json.split("\"status\"").length - 1);
  }

  @Test
  void bytesInBinaryUnits() {
    assertEquals("512 B", RunGoal.bytes(512));
    assertEquals("1.5 KiB", RunGoal.bytes(1536));
    assertEquals("1.0 GiB", RunGoal.bytes(1L << 30));
  }
}
