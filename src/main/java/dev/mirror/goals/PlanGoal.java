package dev.mirror.goals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.PlannedJob;
import dev.mirror.copy.TransferStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code plan}: what {@code run} would do with the selected targets, as summary lines in the
 * future tense, and a JSON report with run's fields.
 */
public final class PlanGoal {
  private PlanGoal() {}

  /** Whether run would fail on some target. */
  public static boolean anyError(List<PlannedJob> plans) {
    return plans.stream().anyMatch(p -> p.action() == PlannedJob.Action.ERROR);
  }

  /** Whether run would write anything. */
  public static boolean anyChange(List<PlannedJob> plans) {
    return plans.stream().anyMatch(p -> p.action() == PlannedJob.Action.TAG
        || p.action() == PlannedJob.Action.COPY);
  }

  /** One line per target, in the jobs' order (by address), then the totals. */
  public static String summary(List<PlannedJob> plans, Duration elapsed) {
    return summary(plans, elapsed, MirrorJob::destinationReference);
  }

  /** The summary, each target's destination named by {@code destination} (a layout, say). */
  public static String summary(List<PlannedJob> plans, Duration elapsed,
      Function<MirrorJob, String> destination) {
    StringBuilder out = new StringBuilder();
    for (PlannedJob p : plans) {
      out.append(line(p, destination)).append('\n');
    }
    out.append(totals(plans, elapsed)).append('\n');
    return out.toString();
  }

  static String line(PlannedJob p) {
    return line(p, MirrorJob::destinationReference);
  }

  static String line(PlannedJob p, Function<MirrorJob, String> destination) {
    MirrorJob job = p.job();
    String to = destination.apply(job);
    String source = job.sourceReference();
    String kept = "; tag " + job.tag() + " will stay at " + p.tagPointsTo() + " (--on-drift=keep)";
    return switch (p.action()) {
      case UP_TO_DATE -> p.tagKept()
          ? "- " + source + " up to date in " + job.destination() + kept
          : "- " + source + " up to date in " + to;
      case TAG -> "~ " + source + " will tag " + job.destinationReference()
          + (p.tagPointsTo() == null ? " (tag not set now)" : " (tag now " + p.tagPointsTo() + ")");
      case COPY -> "+ " + source + " will be mirrored to "
          + (p.tagKept() ? job.destination().toString() : to) + ": "
          + p.blobsToCopy() + " blob" + (p.blobsToCopy() == 1 ? "" : "s") + " to copy ("
          + RunGoal.bytes(p.bytesToCopy()) + "), " + p.blobsToMount() + " to mount, "
          + p.blobsPresent() + " present"
          + (p.tagKept() ? kept : p.movesTag() ? " (tag now " + p.tagPointsTo() + ")" : "");
      case ERROR -> "✕ " + source + " to " + to + " will fail: " + p.error();
    };
  }

  static String totals(List<PlannedJob> plans, Duration elapsed) {
    Map<PlannedJob.Action, Integer> counts = new LinkedHashMap<>();
    int copy = 0;
    int mount = 0;
    int present = 0;
    long bytes = 0;
    for (PlannedJob p : plans) {
      counts.merge(p.action(), 1, Integer::sum);
      copy += p.blobsToCopy();
      mount += p.blobsToMount();
      present += p.blobsPresent();
      bytes += p.bytesToCopy();
    }
    List<String> parts = new ArrayList<>();
    for (PlannedJob.Action action : PlannedJob.Action.values()) {
      Integer n = counts.get(action);
      if (n != null) {
        parts.add(n + " " + switch (action) {
          case UP_TO_DATE -> "up to date";
          case TAG -> "to tag";
          case COPY -> "to mirror";
          case ERROR -> n == 1 ? "error" : "errors";
        });
      }
    }
    return String.format(Locale.ROOT,
        "%d target%s (%s); blobs: %d to copy, %d to mount, %d present; %s to copy;"
            + " planned in %.1fs",
        plans.size(), plans.size() == 1 ? "" : "s", String.join(", ", parts), copy, mount,
        present, RunGoal.bytes(bytes), elapsed.toMillis() / 1000.0);
  }

  /** The status in the JSON report: {@code up-to-date}, {@code tag}, {@code copy}, {@code error}. */
  static String status(PlannedJob.Action action) {
    return action.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The {@code --output-json} report: run's object per target (nothing moved yet), with
   * {@code status} as {@link #status}, and {@code blobs_to_copy}, {@code bytes_to_copy},
   * {@code blobs_to_mount}, {@code blobs_present}, {@code tag_points_to} (the digest the tag
   * resolves to now, or null) and {@code tag_kept} (the drift policy leaves it there).
   */
  public static String json(List<PlannedJob> plans) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      for (PlannedJob p : plans) {
        json.writeStartObject();
        RunGoal.writeTarget(json, p.job(), status(p.action()),
            p.movesTag() ? p.tagPointsTo() : null, TransferStats.NONE, p.elapsed(), p.error());
        json.writeNumberField("blobs_to_copy", p.blobsToCopy());
        json.writeNumberField("bytes_to_copy", p.bytesToCopy());
        json.writeNumberField("blobs_to_mount", p.blobsToMount());
        json.writeNumberField("blobs_present", p.blobsPresent());
        json.writeStringField("tag_points_to",
            p.tagPointsTo() == null ? null : p.tagPointsTo().toString());
        json.writeBooleanField("tag_kept", p.tagKept());
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }
}
