package dev.mirror.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.TransferStats;
import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import dev.mirror.targets.Address;
import dev.mirror.targets.MirrorImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  private static MirrorResult withReferrers(String name, MirrorStatus status,
      TransferStats moved) {
    MirrorJob job = new MirrorJob(name, RepositoryName.parse("docker.io/library/python"),
        RepositoryName.parse("registry.example.com/mirror/python"), PIN, "3.12", true);
    return new MirrorResult(job, status, null, moved, null, Duration.ofMillis(1500));
  }

  @Test
  void jobsCarryWhetherReferrersAreMirrored() {
    Address address = Address.parse("images:app");
    RepositoryName from = RepositoryName.parse("docker.io/library/python");
    RepositoryName to = RepositoryName.parse("registry.example.com/mirror/python");
    List<MirrorJob> jobs = RunGoal.jobs(List.of(
        new MirrorImage(address, null, from, to, PIN, Optional.of("3.12"), true),
        new MirrorImage(address, null, from, to, PIN, Optional.empty(), false)));
    assertTrue(jobs.get(0).referrers());
    assertFalse(jobs.get(1).referrers());
  }

  @Test
  void referrersAreCountedWhenATargetAsksForThem() {
    String source = "docker.io/library/python@sha256:" + "a".repeat(64);
    List<MirrorResult> results = List.of(
        withReferrers("//:a", MirrorStatus.MIRRORED, new TransferStats(2, 0, 0, 2048, 3)),
        withReferrers("//:b", MirrorStatus.MIRRORED, new TransferStats(1, 0, 0, 100, 1)),
        withReferrers("//:c", MirrorStatus.UP_TO_DATE, TransferStats.NONE),
        result("//:d", null, MirrorStatus.UP_TO_DATE, TransferStats.NONE, null, null));
    assertEquals(String.join("\n",
        "✓ " + source + " mirrored to registry.example.com/mirror/python:3.12 (+3 referrers)",
        "✓ " + source + " mirrored to registry.example.com/mirror/python:3.12 (+1 referrer)",
        "- " + source + " up to date in registry.example.com/mirror/python:3.12",
        "- " + source + " up to date in registry.example.com/mirror/python",
        "4 targets (2 mirrored, 2 up to date); blobs: 3 copied, 0 mounted, 0 skipped;"
            + " referrers: 4 copied; 2.1 KiB copied in 2.3s", ""),
        RunGoal.summary(results, Duration.ofMillis(2345)));
    // Asked for and none found: the count is still shown, as 0.
    assertEquals("1 target (1 up to date); blobs: 0 copied, 0 mounted, 0 skipped; referrers: 0"
        + " copied; 0 B copied in 0.0s",
        RunGoal.totals(List.of(results.get(2)), Duration.ZERO));
  }

  @Test
  void aTargetsObjectInTheJsonReport() throws Exception {
    JsonNode object = new ObjectMapper().readTree(RunGoal.json(List.of(
        withReferrers("//:a", MirrorStatus.MIRRORED, new TransferStats(2, 1, 0, 2048, 3))),
        Duration.ofMillis(2345))).get(0);
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("address", "source", "destination", "tag", "digest", "referrers",
        "status", "previous_tag_digest", "blobs_copied", "blobs_mounted", "blobs_skipped",
        "bytes_copied", "referrers_copied", "seconds", "error", "run_seconds"), names);
    assertTrue(object.get("referrers").booleanValue());
    assertEquals(3, object.get("referrers_copied").intValue());
    assertEquals(2048, object.get("bytes_copied").intValue());
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
    assertEquals(2, json.split("\"referrers_copied\" : 0,").length - 1, json);
    assertEquals(2, json.split("\"referrers\" : false,").length - 1, json);
    assertEquals(2, json.split("\"status\"").length - 1);
  }

  @Test
  void bytesInBinaryUnits() {
    assertEquals("512 B", RunGoal.bytes(512));
    assertEquals("1.5 KiB", RunGoal.bytes(1536));
    assertEquals("1.0 GiB", RunGoal.bytes(1L << 30));
  }
}
