package dev.mirror.copy;

import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What {@link MirrorEngine} would do with each job, found out without writing anything: the
 * destination is read first, with the engine's own check ({@link DestinationState}); the source
 * only for images whose digest the destination lacks, with the engine's own walk
 * ({@link SourceImage}); then each missing blob is asked for at the destination ({@code HEAD}).
 * Only GET and HEAD requests are sent.
 *
 * <p>A mount cannot be tried without a POST: a blob counts as mountable when the source is on the
 * destination's registry (run mounts from the source repository), or when another job of the plan
 * copies it to another repository of that registry (run mounts from there). Counted in the jobs'
 * order, a blob several jobs need is copied by the first only, as run copies it once.
 */
public final class MirrorPlanner implements AutoCloseable {
  private final Registries registries;
  private final ImageSource images;
  private final DriftPolicy drift;
  private final ExecutorService pool;

  public MirrorPlanner(Registries registries, int jobs, DriftPolicy drift) {
    this(registries, ImageSource.registries(registries), jobs, drift);
  }

  /** A planner for images read from {@code images} (an OCI image layout, say). */
  public MirrorPlanner(Registries registries, ImageSource images, int jobs, DriftPolicy drift) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1");
    }
    this.registries = registries;
    this.images = images;
    this.drift = drift;
    this.pool = Executors.newFixedThreadPool(jobs, runnable -> {
      Thread thread = new Thread(runnable, "mirror-plan");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Plans the jobs, in parallel, and returns the plans in the jobs' order. */
  public List<PlannedJob> plan(List<MirrorJob> work) {
    List<Future<Planning>> futures = new ArrayList<>();
    for (MirrorJob job : work) {
      futures.add(pool.submit(() -> plan(job)));
    }
    List<Planning> plannings = new ArrayList<>();
    for (Future<Planning> future : futures) {
      try {
        plannings.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return shareBlobs(plannings);
  }

  /** One job's findings, with the blobs it lacks, before blobs shared between jobs are counted. */
  private record Planning(PlannedJob plan, Map<Digest, Long> missing) {}

  private Planning plan(MirrorJob job) {
    long start = System.nanoTime();
    DestinationState state = null;
    try {
      RegistryClient destination = registries.client(job.destination().registry());
      state = DestinationState.read(destination, job, drift);
      Digest tagged = state.tagged();
      return switch (state.next(drift)) {
        case UP_TO_DATE -> done(job, PlannedJob.Action.UP_TO_DATE, tagged, false, null, start);
        case REFUSE_DRIFT -> done(job, PlannedJob.Action.ERROR, tagged, false,
            state.driftRefusal(), start);
        case KEEP_TAG -> done(job, PlannedJob.Action.UP_TO_DATE, tagged, true, null, start);
        case TAG -> done(job, PlannedJob.Action.TAG, tagged, false, null, start);
        case COPY -> copy(job, destination, state, start);
      };
    } catch (RegistryException e) {
      return done(job, PlannedJob.Action.ERROR, state == null ? null : state.tagged(), false,
          e.getMessage(), start);
    } catch (RuntimeException e) {
      return done(job, PlannedJob.Action.ERROR, state == null ? null : state.tagged(), false,
          String.valueOf(e.getMessage()), start);
    }
  }

  private Planning copy(MirrorJob job, RegistryClient destination, DestinationState state,
      long start) throws RegistryException {
    SourceImage image = SourceImage.read(images, destination, job);
    Map<Digest, Long> missing = new LinkedHashMap<>();
    int present = 0;
    for (Descriptor blob : image.blobs().values()) {
      if (destination.blobExists(job.destination(), blob.digest())) {
        present++;
      } else {
        missing.put(blob.digest(), Math.max(0, blob.size()));
      }
    }
    boolean kept = job.tag() != null && !state.tagsAfterCopy(drift);
    PlannedJob plan = new PlannedJob(job, PlannedJob.Action.COPY, state.tagged(), kept, 0, 0, 0,
        present, null, elapsed(start));
    return new Planning(plan, missing);
  }

  private static Planning done(MirrorJob job, PlannedJob.Action action, Digest tagged,
      boolean kept, String error, long start) {
    return new Planning(new PlannedJob(job, action, tagged, kept, 0, 0, 0, 0, error,
        elapsed(start)), Map.of());
  }

  /**
   * Sorts each job's missing blobs into copies, mounts and blobs another job brings, in the jobs'
   * order, as run would move them: once per repository, mounted within a registry.
   */
  private List<PlannedJob> shareBlobs(List<Planning> plannings) {
    record InRepository(String registry, String repository, Digest digest) {}
    record InRegistry(String registry, Digest digest) {}
    Set<InRepository> brought = new HashSet<>();
    Set<InRegistry> broughtToRegistry = new HashSet<>();
    List<PlannedJob> plans = new ArrayList<>();
    for (Planning planning : plannings) {
      PlannedJob p = planning.plan();
      MirrorJob job = p.job();
      String registry = job.destination().registry();
      int copy = 0;
      int mount = 0;
      int present = p.blobsPresent();
      long bytes = 0;
      for (Map.Entry<Digest, Long> blob : planning.missing().entrySet()) {
        boolean first = brought.add(
            new InRepository(registry, job.destination().path(), blob.getKey()));
        boolean firstInRegistry = broughtToRegistry.add(new InRegistry(registry, blob.getKey()));
        if (!first) {
          present++;
        } else if (images.mountableInto(job.source(), job.destination()) || !firstInRegistry) {
          mount++;
        } else {
          copy++;
          bytes += blob.getValue();
        }
      }
      plans.add(new PlannedJob(job, p.action(), p.tagPointsTo(), p.tagKept(), copy, bytes, mount,
          present, p.error(), p.elapsed()));
    }
    return plans;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
