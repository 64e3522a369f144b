package dev.mirror.copy;

import dev.mirror.layout.LayoutEntry;
import dev.mirror.layout.LayoutException;
import dev.mirror.layout.OciLayout;
import dev.mirror.layout.OciLayoutReader;
import dev.mirror.layout.OciLayoutWriter;
import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code run --to-layout}: the selected images, every platform, byte for byte, from their source
 * registries into one OCI image layout, for a site that cannot reach them. Each image is listed
 * once in the layout's {@code index.json}, named {@code source@digest}, with its source
 * repository annotated ({@link OciLayout#SOURCE_REPOSITORY}); blobs images share are stored once.
 * Whatever the layout holds already is kept (a re-run writes only what is missing), and an
 * image is listed only once all it names is in place, so an interrupted export is a valid layout
 * that a re-run completes. The layout checks every blob against its digest as it stores it.
 */
public final class LayoutExport {
  /** On a referrer's entry: the digest of the manifest it refers to. */
  public static final String SUBJECT = "dev.mirror.referrer.subject";
  /** On a cosign tag's entry: the tag ({@code sha256-<hex>.sig}) it had at the source. */
  public static final String TAG = "dev.mirror.referrer.tag";

  private final ImageSource source;
  private final ReferrerCopier referrers;
  private final OciLayoutWriter layout;
  private final MirrorListener listener;

  /** An export from the source {@code registries} into {@code layout}. */
  public LayoutExport(Registries registries, OciLayoutWriter layout, MirrorListener listener) {
    this.source = ImageSource.registries(registries);
    this.referrers = new ReferrerCopier(registries);
    this.layout = layout;
    this.listener = listener;
  }

  /** Exports the jobs, one after another (a tar takes one blob at a time); results in order. */
  public List<MirrorResult> run(List<MirrorJob> jobs) {
    List<MirrorResult> results = new ArrayList<>();
    for (MirrorJob job : jobs) {
      long start = System.nanoTime();
      listener.started(job);
      MirrorResult result;
      TransferStats[] moved = {TransferStats.NONE};
      try {
        MirrorStatus status = export(job, moved);
        result = new MirrorResult(job, status, null, moved[0], null, Duration.ZERO);
      } catch (IOException e) { // a registry's error, or the layout's
        result = new MirrorResult(job, MirrorStatus.FAILED, null, moved[0], e.getMessage(),
            Duration.ZERO);
      }
      result = new MirrorResult(job, result.status(), null, result.transfers(), result.error(),
          Duration.ofNanos(System.nanoTime() - start));
      listener.finished(result);
      results.add(result);
    }
    return results;
  }

  /**
   * What {@code run --to-layout} would write into the layout at {@code path} (read, never
   * written; a layout not there yet lacks everything): up to date when the layout lists the
   * image, else the blobs it lacks.
   */
  public static List<PlannedJob> plan(ImageSource source, Path path, List<MirrorJob> jobs) {
    List<PlannedJob> plans = new ArrayList<>();
    try (OciLayoutReader layout = Files.exists(path) ? OciLayoutReader.open(path) : null) {
      Set<Digest> counted = new HashSet<>();
      for (MirrorJob job : jobs) {
        long start = System.nanoTime();
        plans.add(planOne(source, layout, job, counted, start));
      }
    } catch (IOException e) {
      for (MirrorJob job : jobs.subList(plans.size(), jobs.size())) {
        plans.add(new PlannedJob(job, PlannedJob.Action.ERROR, null, false, 0, 0, 0, 0,
            path + ": " + e.getMessage(), Duration.ZERO));
      }
    }
    return plans;
  }

  private static PlannedJob planOne(ImageSource source, OciLayoutReader layout, MirrorJob job,
      Set<Digest> counted, long start) {
    try {
      if (layout != null && layout.images().stream().anyMatch(e -> e.digest().equals(
          job.digest()) && e.refName().filter(refName(job)::equals).isPresent())) {
        return new PlannedJob(job, PlannedJob.Action.UP_TO_DATE, null, false, 0, 0, 0, 0, null,
            Duration.ofNanos(System.nanoTime() - start));
      }
      SourceImage image = SourceImage.read(source,
          digest -> layout != null && hasBlob(layout, digest), job);
      int copy = 0;
      int present = 0;
      long bytes = 0;
      for (Descriptor blob : image.blobs().values()) {
        if ((layout != null && hasBlob(layout, blob.digest())) || !counted.add(blob.digest())) {
          present++;
        } else {
          copy++;
          bytes += Math.max(0, blob.size());
        }
      }
      return new PlannedJob(job, PlannedJob.Action.COPY, null, false, copy, bytes, 0, present,
          null, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      return new PlannedJob(job, PlannedJob.Action.ERROR, null, false, 0, 0, 0, 0,
          e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static boolean hasBlob(OciLayoutReader layout, Digest digest) throws RegistryException {
    return fromLayout(layout.path(), () -> layout.hasBlob(digest));
  }

  /** The name a layout lists an image under: its source and digest. */
  public static String refName(MirrorJob job) {
    return job.source() + "@" + job.digest();
  }

  private MirrorStatus export(MirrorJob job, TransferStats[] moved)
      throws RegistryException, IOException {
    MirrorStatus status = listed(refName(job))
        ? MirrorStatus.UP_TO_DATE
        : exportImage(job, job.digest(), refName(job), Map.of(), moved);
    if (job.referrers()) {
      Manifest top = source.manifest(job.source(), job.digest());
      for (ReferrerCopier.Found found :
          referrers.discover(referrers.registrySource(), job.source(), top)) {
        String ref = job.source() + (found.tag() != null ? ":" + found.tag()
            : "@" + found.digest());
        if (!listed(ref)) {
          Map<String, String> notes = found.tag() == null
              ? Map.of(SUBJECT, found.subject().toString())
              : Map.of(SUBJECT, found.subject().toString(), TAG, found.tag());
          exportImage(job, found.digest(), ref, notes, moved);
          moved[0] = moved[0].plus(new TransferStats(0, 0, 0, 0, 1));
        }
      }
    }
    return status;
  }

  private boolean listed(String ref) throws IOException {
    for (LayoutEntry entry : layout.images()) {
      if (entry.refName().filter(ref::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The source's manifest at {@code digest} and all it names, into the layout, listed. */
  private MirrorStatus exportImage(MirrorJob job, Digest digest, String ref,
      Map<String, String> notes, TransferStats[] moved) throws RegistryException, IOException {
    MirrorJob part = new MirrorJob(job.name(), job.source(), job.destination(), digest, null);
    SourceImage image = SourceImage.read(source, this::hasManifest, part);
    listener.planned(job, image.blobs().values().stream()
        .mapToLong(d -> Math.max(0, d.size())).sum());
    for (Descriptor blob : image.blobs().values()) {
      if (layout.hasBlob(blob.digest())) {
        moved[0] = moved[0].plus(new TransferStats(0, 0, 1, 0));
      } else {
        RegistryClient.Blob content = source.blob(job.source(), blob.digest());
        long size = blob.size() >= 0 ? blob.size() : content.length();
        try (InputStream in = content.content()) {
          layout.putBlob(blob.digest(), size, in);
        }
        moved[0] = moved[0].plus(new TransferStats(1, 0, 0, size));
      }
      listener.advanced(job, Math.max(0, blob.size()));
    }
    for (Manifest child : image.missingChildren().values()) {
      layout.putManifest(child);
    }
    layout.putManifest(image.top());
    Map<String, String> annotations = new java.util.HashMap<>(notes);
    annotations.put(OciLayout.SOURCE_REPOSITORY, job.source().toString());
    layout.addImage(image.top(), ref, annotations);
    return MirrorStatus.MIRRORED;
  }

  private boolean hasManifest(Digest digest) throws RegistryException {
    return fromLayout(layout.path(), () -> layout.hasBlob(digest));
  }

  /** A question to a layout. */
  private interface LayoutQuery {
    boolean ask() throws IOException;
  }

  /** The layout's answer; its failure as the copy reports failures, naming the layout. */
  private static boolean fromLayout(Path path, LayoutQuery query) throws RegistryException {
    try {
      return query.ask();
    } catch (LayoutException e) {
      throw new RegistryException(e.kind() == LayoutException.Kind.DIGEST_MISMATCH
          ? RegistryException.Kind.DIGEST_MISMATCH : RegistryException.Kind.PROTOCOL,
          e.getMessage(), e);
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL, path + ": " + e.getMessage(),
          e);
    }
  }

}
