package dev.mirror.goals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.TransferStats;
import dev.mirror.registry.Digest;
import dev.mirror.targets.MirrorImage;
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
 * {@code run} (alias {@code publish}): the mirror jobs of the selected targets, and the summary
 * and JSON report of their results.
 */
public final class RunGoal {
  private RunGoal() {}

  /** One job per image, in the order given (the target graph's: by address, each once). */
  public static List<MirrorJob> jobs(List<MirrorImage> images) {
    List<MirrorJob> jobs = new ArrayList<>(images.size());
    for (MirrorImage image : images) {
      jobs.add(new MirrorJob(image.address().toString(), image.source(), image.destination(),
          image.digest(), image.tag().orElse(null), image.referrers()));
    }
    return jobs;
  }

  /** One line per result, in the jobs' order, then the totals. */
  public static String summary(List<MirrorResult> results, Duration elapsed) {
    return summary(results, elapsed, MirrorJob::destinationReference);
  }

  /**
   * The summary, each target's destination named by {@code destination}: a layout written
   * instead of the registries ({@code --to-layout}) is named as such.
   */
  public static String summary(List<MirrorResult> results, Duration elapsed,
      Function<MirrorJob, String> destination) {
    StringBuilder out = new StringBuilder();
    for (MirrorResult r : results) {
      out.append(line(r, destination)).append('\n');
    }
    out.append(totals(results, elapsed)).append('\n');
    return out.toString();
  }

  static String line(MirrorResult r) {
    return line(r, MirrorJob::destinationReference);
  }

  static String line(MirrorResult r, Function<MirrorJob, String> destination) {
    return outcome(r, destination) + referrersCopied(r.transfers().referrersCopied());
  }

  private static String outcome(MirrorResult r, Function<MirrorJob, String> destination) {
    MirrorJob job = r.job();
    String source = job.sourceReference();
    String to = destination.apply(job);
    return switch (r.status()) {
      case MIRRORED -> "✓ " + source + " mirrored to " + to
          + (r.previousTag() == null ? "" : " (tag was " + r.previousTag() + ")");
      case TAGGED -> "✓ " + source + " tagged " + job.destinationReference()
          + (r.previousTag() == null ? " (tag was not set)" : " (tag was " + r.previousTag() + ")");
      case UP_TO_DATE -> "- " + source + " up to date in " + to;
      case KEPT -> "✓ " + source + " in " + job.destination() + "; tag " + job.tag()
          + " left at " + r.previousTag() + " (--on-drift=keep)";
      case FAILED -> "✕ " + source + " to " + to + " failed: " + r.error();
      case NOT_RUN -> "- " + source + " to " + to
          + " not run: an earlier target failed (--fail-fast)";
    };
  }

  /** {@code " (+N referrers)"} after a target's line, when it copied any. */
  private static String referrersCopied(int n) {
    return n == 0 ? "" : " (+" + n + (n == 1 ? " referrer)" : " referrers)");
  }

  /**
   * The totals: targets by status, blobs, and (only when some target mirrors what refers to
   * its image, so that other runs print what they always did) the referrers copied.
   */
  static String totals(List<MirrorResult> results, Duration elapsed) {
    Map<MirrorStatus, Integer> counts = new LinkedHashMap<>();
    TransferStats moved = TransferStats.NONE;
    for (MirrorResult r : results) {
      counts.merge(r.status(), 1, Integer::sum);
      moved = moved.plus(r.transfers());
    }
    List<String> parts = new ArrayList<>();
    for (MirrorStatus status : MirrorStatus.values()) {
      Integer n = counts.get(status);
      if (n != null) {
        parts.add(n + " " + status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
    }
    boolean referrers = results.stream().anyMatch(r -> r.job().referrers());
    return String.format(Locale.ROOT,
        "%d target%s (%s); blobs: %d copied, %d mounted, %d skipped; %s%s copied in %.1fs",
        results.size(), results.size() == 1 ? "" : "s", String.join(", ", parts),
        moved.copied(), moved.mounted(), moved.skipped(),
        referrers ? "referrers: " + moved.referrersCopied() + " copied; " : "",
        bytes(moved.bytes()), elapsed.toMillis() / 1000.0);
  }

  /** Bytes in binary units, as progress lines and the summary show them. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** The {@code --output-json} report without the run's duration ({@code run_seconds} null). */
  public static String json(List<MirrorResult> results) {
    return json(results, null);
  }

  /**
   * The {@code --output-json} report: one object per target. Each also holds the whole run's
   * duration ({@code run_seconds}, the same in every object) so that {@code mirror report} can
   * rebuild the summary's totals line from the objects alone.
   */
  public static String json(List<MirrorResult> results, Duration elapsed) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      for (MirrorResult r : results) {
        json.writeStartObject();
        writeTarget(json, r.job(), r.status().name().toLowerCase(Locale.ROOT), r.previousTag(),
            r.transfers(), r.elapsed(), r.error());
        if (elapsed == null) {
          json.writeNullField("run_seconds");
        } else {
          json.writeNumberField("run_seconds", elapsed.toMillis() / 1000.0);
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  /** The fields of a target's object in the JSON report, which plan's report shares. */
  static void writeTarget(JsonGenerator json, MirrorJob job, String status, Digest previousTag,
      TransferStats transfers, Duration elapsed, String error) throws IOException {
    json.writeStringField("address", job.name());
    json.writeStringField("source", job.sourceReference());
    json.writeStringField("destination", job.destination().toString());
    json.writeStringField("tag", job.tag());
    json.writeStringField("digest", job.digest().toString());
    json.writeBooleanField("referrers", job.referrers());
    json.writeStringField("status", status);
    json.writeStringField("previous_tag_digest",
        previousTag == null ? null : previousTag.toString());
    json.writeNumberField("blobs_copied", transfers.copied());
    json.writeNumberField("blobs_mounted", transfers.mounted());
    json.writeNumberField("blobs_skipped", transfers.skipped());
    json.writeNumberField("bytes_copied", transfers.bytes());
    json.writeNumberField("referrers_copied", transfers.referrersCopied());
    json.writeNumberField("seconds", elapsed.toMillis() / 1000.0);
    json.writeStringField("error", error);
  }
}
