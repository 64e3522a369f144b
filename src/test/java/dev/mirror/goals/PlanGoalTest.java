package dev.mirror.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.PlannedJob;
import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's summary lines, totals and JSON, from plans made by hand. */
class PlanGoalTest {
  private static final Digest PIN = Digest.parse("sha256:" + "a".repeat(64));
  private static final Digest OLD = Digest.parse("sha256:" + "b".repeat(64));

  private static PlannedJob plan(String tag, PlannedJob.Action action, Digest tagPointsTo,
      boolean kept, int copy, long bytes, String error) {
    MirrorJob job = new MirrorJob("//:a", RepositoryName.parse("src.example/app"),
        RepositoryName.parse("dst.example/app"), PIN, tag);
    return new PlannedJob(job, action, tagPointsTo, kept, copy, bytes, 1, 2, error,
        Duration.ofMillis(10));
  }

  @Test
  void aCopyThatKeepsADriftedTagSaysSo() {
    PlannedJob keep = plan("1.0", PlannedJob.Action.COPY, OLD, true, 3, 2048, null);
    assertEquals("+ src.example/app@" + PIN + " will be mirrored to dst.example/app: 3 blobs to"
        + " copy (2.0 KiB), 1 to mount, 2 present; tag 1.0 will stay at " + OLD
        + " (--on-drift=keep)", PlanGoal.line(keep));
    assertFalse(keep.movesTag());
    PlannedJob overwrite = plan("1.0", PlannedJob.Action.COPY, OLD, false, 1, 10, null);
    assertTrue(PlanGoal.line(overwrite).endsWith("to dst.example/app:1.0: 1 blob to copy (10 B),"
        + " 1 to mount, 2 present (tag now " + OLD + ")"), PlanGoal.line(overwrite));
  }

  @Test
  void totalsAndJson() {
    List<PlannedJob> plans = List.of(
        plan("1.0", PlannedJob.Action.COPY, OLD, false, 3, 2048, null),
        plan(null, PlannedJob.Action.UP_TO_DATE, null, false, 0, 0, null),
        plan("x", PlannedJob.Action.ERROR, null, false, 0, 0, "404 nope"));
    assertEquals("3 targets (1 up to date, 1 to mirror, 1 error); blobs: 3 to copy, 3 to mount,"
        + " 6 present; 2.0 KiB to copy; planned in 1.5s",
        PlanGoal.totals(plans, Duration.ofMillis(1500)));
    assertTrue(PlanGoal.anyError(plans));
    assertTrue(PlanGoal.anyChange(plans));
    String json = PlanGoal.json(plans);
    assertTrue(json.contains("\"status\" : \"copy\""), json);
    assertTrue(json.contains("\"status\" : \"up-to-date\""), json);
    assertTrue(json.contains("\"status\" : \"error\""), json);
    assertTrue(json.contains("\"blobs_to_copy\" : 3"), json);
    assertTrue(json.contains("\"bytes_to_copy\" : 2048"), json);
    assertTrue(json.contains("\"tag_points_to\" : \"" + OLD + "\""), json);
    assertTrue(json.contains("\"previous_tag_digest\" : \"" + OLD + "\""), json);
    assertTrue(json.contains("\"blobs_copied\" : 0"), json); // run's fields, nothing moved yet
  }
}
