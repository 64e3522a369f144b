package dev.mirror.pin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Reference;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryException;
import dev.mirror.starlark.syntax.SourceDecoder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code pin}: resolves each selected target's tag at its source registry to the digest of the
 * manifest or index it names (the sha256 of the bytes served), and where that differs from the
 * pin, rewrites the pin in the BUILD file ({@link BuildFileEditor}), every file in one write
 * ({@link BuildFileWriter}). With {@code check}, nothing is written.
 */
public final class PinGoal {
  private PinGoal() {}

  /** A tag's digest at its source, or why it has none. */
  private record Resolved(Digest digest, String error) {}

  /**
   * Pins the targets; the outcomes come in the targets' order.
   *
   * @param buildRoot the directory the targets' BUILD file paths are relative to
   * @param jobs how many tags are resolved at once
   */
  public static List<PinOutcome> pin(List<PinTarget> targets, Registries registries,
      Path buildRoot, boolean check, int jobs) {
    // The files are read first: one edited while the tags resolve is then left alone.
    Map<String, byte[]> read = new LinkedHashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    for (PinTarget target : targets) {
      String file = target.call().file();
      if (!read.containsKey(file) && !unreadable.containsKey(file)) {
        try {
          read.put(file, Files.readAllBytes(buildRoot.resolve(file)));
        } catch (IOException e) {
          unreadable.put(file, file + ": cannot read: " + e.getMessage());
        }
      }
    }
    Map<PinTarget, Resolved> resolved = resolve(targets, registries, jobs);
    Map<PinTarget, PinOutcome> outcomes = new HashMap<>();
    Map<String, List<PinTarget>> byFile = new LinkedHashMap<>();
    for (PinTarget target : targets) {
      Resolved r = resolved.get(target);
      String file = target.call().file();
      if (r.error() != null) {
        outcomes.put(target, PinOutcome.failed(target, null, r.error()));
      } else if (unreadable.containsKey(file)) {
        outcomes.put(target, PinOutcome.failed(target, r.digest(), unreadable.get(file)));
      } else {
        byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(target);
      }
    }
    byFile.forEach((file, inFile) -> outcomes.putAll(
        pinFile(buildRoot, file, read.get(file), inFile, resolved, check)));
    List<PinOutcome> ordered = new ArrayList<>();
    targets.forEach(t -> ordered.add(outcomes.get(t)));
    return ordered;
  }

  /** Each distinct source tag resolved once, several at a time. */
  private static Map<PinTarget, Resolved> resolve(List<PinTarget> targets, Registries registries,
      int jobs) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), runnable -> {
      Thread t = new Thread(runnable, "mirror-pin");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<Reference, CompletableFuture<Resolved>> byReference = new HashMap<>();
      Map<PinTarget, CompletableFuture<Resolved>> pending = new LinkedHashMap<>();
      for (PinTarget target : targets) {
        Reference tag = Reference.of(target.source(), target.tag());
        pending.put(target, byReference.computeIfAbsent(tag,
            t -> CompletableFuture.supplyAsync(() -> resolve(registries, t), pool)));
      }
      Map<PinTarget, Resolved> resolved = new HashMap<>();
      pending.forEach((target, future) -> resolved.put(target, future.join()));
      return resolved;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Resolved resolve(Registries registries, Reference tag) {
    try {
      return new Resolved(registries.client(tag.repository().registry()).manifest(tag).digest(),
          null);
    } catch (RegistryException | RuntimeException e) {
      return new Resolved(null, "cannot resolve " + tag.repository() + ":" + tag.identifier()
          + ": " + e.getMessage());
    }
  }

  /** The targets of one BUILD file: edited together, written once (unless checking). */
  private static Map<PinTarget, PinOutcome> pinFile(Path buildRoot, String file, byte[] before,
      List<PinTarget> targets, Map<PinTarget, Resolved> resolved, boolean check) {
    Map<PinTarget, PinOutcome> outcomes = new HashMap<>();
    Path path = buildRoot.resolve(file);
    String text;
    try {
      text = SourceDecoder.decode(before);
    } catch (SourceDecoder.NotUtf8Exception e) {
      for (PinTarget t : targets) {
        outcomes.put(t, PinOutcome.failed(t, resolved.get(t).digest(),
            file + ": cannot read: " + e.getMessage()));
      }
      return outcomes;
    }
    Map<PinRequest, PinTarget> byRequest = new LinkedHashMap<>();
    for (PinTarget t : targets) {
      byRequest.put(t.request(resolved.get(t).digest()), t);
    }
    PinResult result = BuildFileEditor.apply(file, text, new ArrayList<>(byRequest.keySet()));
    for (PinRefusal refusal : result.refusals()) {
      PinTarget t = byRequest.get(refusal.request());
      outcomes.put(t, PinOutcome.failed(t, refusal.request().pinned(), refusal.message()));
    }
    String writeError = null;
    if (!check && !result.text().equals(text)) {
      try {
        BuildFileWriter.replace(path, before, result.text().getBytes(StandardCharsets.UTF_8));
      } catch (BuildFileWriter.ChangedMeanwhile e) {
        writeError = file + ": changed on disk while pin ran; left as it is (run pin again)";
      } catch (IOException | UncheckedIOException e) {
        writeError = file + ": cannot write: " + e.getMessage();
      }
    }
    for (Map.Entry<PinRequest, PinTarget> e : byRequest.entrySet()) {
      PinTarget t = e.getValue();
      if (outcomes.containsKey(t)) {
        continue;
      }
      Digest pinned = e.getKey().pinned();
      if (pinned.equals(t.current())) {
        outcomes.put(t, new PinOutcome(t, PinOutcome.Status.CURRENT, pinned, null));
      } else if (writeError != null) {
        outcomes.put(t, PinOutcome.failed(t, pinned, writeError));
      } else {
        outcomes.put(t, new PinOutcome(t, check ? PinOutcome.Status.WOULD_UPDATE
            : PinOutcome.Status.UPDATED, pinned, null));
      }
    }
    return outcomes;
  }

  /** One line per pin changed (or to change), then the totals. */
  public static String summary(List<PinOutcome> outcomes, boolean check) {
    StringBuilder out = new StringBuilder();
    int changed = 0;
    int current = 0;
    int failed = 0;
    for (PinOutcome o : outcomes) {
      switch (o.status()) {
        case UPDATED, WOULD_UPDATE -> {
          changed++;
          PinTarget t = o.target();
          out.append(t.address()).append(": ").append(t.tag()).append("  ")
              .append(t.current() == null ? "(none)" : t.current().shortHex() + "…")
              .append(" -> ").append(o.resolved().shortHex()).append("…\n");
        }
        case CURRENT -> current++;
        case FAILED -> failed++;
      }
    }
    out.append(changed).append(changed == 1 ? " pin " : " pins ")
        .append(check ? "would be updated" : "updated").append(", ")
        .append(current).append(" current, ").append(failed).append(" failed\n");
    return out.toString();
  }

  /** The failures, one {@code error: address: message} line each. */
  public static List<String> errors(List<PinOutcome> outcomes) {
    List<String> lines = new ArrayList<>();
    for (PinOutcome o : outcomes) {
      if (o.status() == PinOutcome.Status.FAILED) {
        lines.add("error: " + o.target().address() + ": " + o.error());
      }
    }
    return lines;
  }

  /** The {@code --output-json} report: one object per pin. */
  public static String json(List<PinOutcome> outcomes) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      for (PinOutcome o : outcomes) {
        PinTarget t = o.target();
        json.writeStartObject();
        json.writeStringField("address", t.address());
        json.writeStringField("file", t.call().file());
        json.writeNumberField("line", t.call().line());
        json.writeStringField("tag", t.tag());
        json.writeStringField("old", t.current() == null ? null : t.current().toString());
        json.writeStringField("new", o.resolved() == null ? null : o.resolved().toString());
        json.writeStringField("status", o.status().name().toLowerCase(Locale.ROOT));
        json.writeStringField("error", o.error());
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }
}
