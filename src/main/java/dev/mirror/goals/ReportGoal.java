package dev.mirror.goals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.TransferStats;
import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import dev.mirror.targets.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report}: the {@code run --output-json} reports of several shards (or runs) read back
 * into results, and merged into what one run over all their targets would have produced. The
 * summary itself is {@link RunGoal#summary}'s, so both print the same lines.
 */
public final class ReportGoal {
  private ReportGoal() {}

  /** A report read back, or several merged: the results by address and the run's duration. */
  public record Report(List<MirrorResult> results, Duration elapsed) {
    public Report {
      results = List.copyOf(results);
    }

    /** What {@code run} printed (or would have printed) for these results. */
    public String summary() {
      return RunGoal.summary(results, elapsed);
    }

    public boolean succeeded() {
      return results.stream().allMatch(r -> r.status().succeeded());
    }
  }

  /** A file that is no {@code run --output-json} report, or reports that overlap. */
  public static final class ReportException extends Exception {
    public ReportException(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads one report; {@code name} (the file) names it in errors. */
  public static Report read(String name, String text) throws ReportException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw notAReport(name, "not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr());
    }
    if (root == null || !root.isArray()) {
      throw notAReport(name, "not a JSON array");
    }
    List<MirrorResult> results = new ArrayList<>();
    Duration elapsed = Duration.ZERO;
    int i = 0;
    for (JsonNode object : root) {
      try {
        results.add(result(object));
        JsonNode seconds = object.get("run_seconds");
        if (seconds != null && seconds.isNumber()) {
          elapsed = max(elapsed, seconds(seconds.asDouble()));
        }
      } catch (IllegalArgumentException e) {
        throw notAReport(name, "object " + (i + 1) + ": " + e.getMessage());
      }
      i++;
    }
    return new Report(results, elapsed);
  }

  private static ReportException notAReport(String name, String why) {
    return new ReportException(name + ": not a report of `mirror run --output-json`: " + why);
  }

  private static MirrorResult result(JsonNode object) {
    if (!object.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    String address = text(object, "address", true);
    Address.parse(address); // a target's address, or not a report
    String source = text(object, "source", true);
    int at = source.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("\"source\" is not REPOSITORY@DIGEST: " + source);
    }
    RepositoryName from = RepositoryName.parse(source.substring(0, at));
    Digest digest = Digest.parse(text(object, "digest", true));
    if (!digest.toString().equals(source.substring(at + 1))) {
      throw new IllegalArgumentException("\"source\" and \"digest\" disagree: " + source);
    }
    RepositoryName to = RepositoryName.parse(text(object, "destination", true));
    String statusText = text(object, "status", true);
    MirrorStatus status;
    try {
      status = MirrorStatus.valueOf(statusText.toUpperCase(Locale.ROOT).replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown \"status\": " + statusText);
    }
    String previous = text(object, "previous_tag_digest", false);
    // Reports written before referrers were mirrored have neither field: none asked, none copied.
    TransferStats moved = new TransferStats(count(object, "blobs_copied"),
        count(object, "blobs_mounted"), count(object, "blobs_skipped"),
        (long) number(object, "bytes_copied"),
        object.has("referrers_copied") ? count(object, "referrers_copied") : 0);
    MirrorJob job = new MirrorJob(address, from, to, digest, text(object, "tag", false),
        bool(object, "referrers"));
    return new MirrorResult(job, status, previous == null ? null : Digest.parse(previous), moved,
        text(object, "error", false), seconds(number(object, "seconds")));
  }

  private static String text(JsonNode object, String field, boolean required) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException("no \"" + field + "\"");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" is not a string");
    }
    return value.asText();
  }

  /** A boolean field; absent or null is false. */
  private static boolean bool(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("\"" + field + "\" is not true or false");
    }
    return value.asBoolean();
  }

  private static double number(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isNumber() || value.asDouble() < 0) {
      throw new IllegalArgumentException("\"" + field + "\" is not a number of at least 0");
    }
    return value.asDouble();
  }

  private static int count(JsonNode object, String field) {
    double n = number(object, field);
    if (n != Math.rint(n) || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("\"" + field + "\" is not a count");
    }
    return (int) n;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The reports as one run over all their targets: the results in the run's order (by address)
   * and, for the duration, the longest run's, since shards run side by side. An address in two
   * reports is an error naming it and both files.
   *
   * @param reports by file name, in the order given
   */
  public static Report merge(Map<String, Report> reports) throws ReportException {
    Map<String, String> fileOf = new HashMap<>();
    List<MirrorResult> all = new ArrayList<>();
    Duration elapsed = Duration.ZERO;
    for (Map.Entry<String, Report> entry : reports.entrySet()) {
      for (MirrorResult r : entry.getValue().results()) {
        String earlier = fileOf.putIfAbsent(r.job().name(), entry.getKey());
        if (entry.getKey().equals(earlier)) {
          throw new ReportException(entry.getKey() + ": the target " + r.job().name()
              + " is in it twice");
        }
        if (earlier != null) {
          throw new ReportException("the target " + r.job().name() + " is in both " + earlier
              + " and " + entry.getKey() + ": the reports overlap (the same shard or run twice,"
              + " or shards of different selections)");
        }
        all.add(r);
      }
      elapsed = max(elapsed, entry.getValue().elapsed());
    }
    all.sort(Comparator.comparing(r -> Address.parse(r.job().name())));
    return new Report(all, elapsed);
  }
}
