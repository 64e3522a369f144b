package dev.mirror.copy;

import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.Reference;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mirrors images, digest for digest. For each job: when the destination already has the digest
 * (and the tag), nothing is read from the source; when it has the digest only, the tag is pointed
 * at it from the destination's own bytes. A tag that points at another digest is moved, kept or
 * refused as the {@link DriftPolicy} says. Otherwise the source manifest and, for an index, every
 * platform's manifest are fetched and verified against their digests, the missing blobs copied in
 * parallel, then the platform manifests pushed, then the top one by digest, and the tag last, so
 * a tag never points at something partial. Jobs run in parallel; one failing does not stop the
 * others unless fail-fast is asked for.
 */
public final class MirrorEngine implements AutoCloseable {
  /** Indexes of indexes are legal; real images nest two or three levels at most. */
  static final int MAX_INDEX_DEPTH = 8;
  /**
   * The manifests of one image held at once, all platforms together: a hundred platforms with
   * attestations take well under 1 MiB; a registry stores no manifest over 4 MiB.
   */
  static final long MAX_IMAGE_MANIFEST_BYTES = 32L * 1024 * 1024;

  private final Registries registries;
  private final boolean failFast;
  private final DriftPolicy drift;
  private final MirrorListener listener;
  private final ExecutorService jobPool;
  private final ExecutorService blobPool;
  /** Where images are read: the source registries, or a layout. */
  private final ImageSource images;
  private final BlobCopier blobs;
  private final ReferrerCopier referrers;
  /** Each manifest's first push per repository, and whether the registry listed its subject. */
  private final Map<String, CompletableFuture<Boolean>> manifestPushes =
      new ConcurrentHashMap<>();

  public MirrorEngine(Registries registries, RetryPolicy retry, int jobs, boolean failFast,
      MirrorListener listener) {
    this(registries, retry, jobs, failFast, DriftPolicy.OVERWRITE, listener);
  }

  /** @param drift what to do when the destination tag points at another digest than the pin */
  public MirrorEngine(Registries registries, RetryPolicy retry, int jobs, boolean failFast,
      DriftPolicy drift, MirrorListener listener) {
    this(registries, ImageSource.registries(registries), retry, jobs, failFast, drift, listener);
  }

  /**
   * An engine that reads the images from {@code images} (an OCI image layout, say) and writes
   * them to the destination {@code registries}.
   */
  public MirrorEngine(Registries registries, ImageSource images, RetryPolicy retry, int jobs,
      boolean failFast, DriftPolicy drift, MirrorListener listener) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1");
    }
    this.registries = registries;
    this.failFast = failFast;
    this.drift = drift;
    this.listener = listener;
    this.jobPool = Executors.newFixedThreadPool(jobs, daemon("mirror-job"));
    this.blobPool = Executors.newFixedThreadPool(jobs, daemon("mirror-blob"));
    this.images = images;
    this.blobs = new BlobCopier(registries, images, retry, blobPool);
    this.referrers = new ReferrerCopier(registries);
  }

  /** Runs the jobs and returns their results in the jobs' order. */
  public List<MirrorResult> run(List<MirrorJob> work) {
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<MirrorResult>> futures = new ArrayList<>();
    for (MirrorJob job : work) {
      futures.add(jobPool.submit(() -> {
        if (stop.get()) {
          MirrorResult skipped = new MirrorResult(job, MirrorStatus.NOT_RUN, null,
              TransferStats.NONE, null, Duration.ZERO);
          listener.finished(skipped);
          return skipped;
        }
        MirrorResult result = mirror(job);
        if (failFast && result.status() == MirrorStatus.FAILED) {
          stop.set(true);
        }
        return result;
      }));
    }
    List<MirrorResult> results = new ArrayList<>();
    for (Future<MirrorResult> future : futures) {
      try {
        results.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return results;
  }

  /**
   * The default number of parallel jobs: transfers mostly wait on the network and the registries
   * (16 beat 4, 8 and 32 on thirty small images between two local registries).
   */
  public static int defaultJobs() {
    return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }

  private MirrorResult mirror(MirrorJob job) {
    long start = System.nanoTime();
    listener.started(job);
    Attempt attempt = new Attempt(job);
    MirrorResult result;
    try {
      result = attempt.run();
    } catch (RegistryException e) {
      result = attempt.failed(e.getMessage());
    } catch (RuntimeException e) {
      result = attempt.failed(String.valueOf(e.getMessage()));
    } catch (StackOverflowError | OutOfMemoryError e) {
      // What this job held is unreachable now: the other jobs go on, and the report is written.
      result = attempt.failed("mirror ran out of " + (e instanceof StackOverflowError ? "stack"
          : "memory") + " on this image (" + e.getClass().getSimpleName() + ")");
    }
    result = new MirrorResult(result.job(), result.status(), result.previousTag(),
        result.transfers(), result.error(), Duration.ofNanos(System.nanoTime() - start));
    listener.finished(result);
    return result;
  }

  /**
   * A manifest in place: whether this job pushed it (else another job of the run did), and
   * whether the registry listed it under its subject itself.
   */
  private record Pushed(Manifest manifest, boolean here, boolean listedBySubject) {}

  /** A push of a manifest by digest: whether this job made it, and the registry's listing. */
  private record Push(boolean here, boolean listedBySubject) {}

  /** One job's work and what it moved. */
  private final class Attempt {
    private final MirrorJob job;
    private final RegistryClient destination;
    /** The pin in the destination repository. */
    private final Reference pinned;
    private TransferStats moved = TransferStats.NONE;
    /** The bytes of the blobs this job may copy, its referrers' included. */
    private long plannedBytes;

    Attempt(MirrorJob job) {
      this.job = job;
      this.destination = registries.client(job.destination().registry());
      this.pinned = Reference.of(job.destination(), job.digest());
    }

    MirrorResult run() throws RegistryException {
      DestinationState state = DestinationState.read(destination, job, drift);
      Digest previous = state.tagged();
      switch (state.next(drift)) {
        case UP_TO_DATE:
          return complete(MirrorStatus.UP_TO_DATE, null);
        case REFUSE_DRIFT:
          return new MirrorResult(job, MirrorStatus.FAILED, previous, moved,
              state.driftRefusal(), Duration.ZERO);
        case KEEP_TAG:
          return complete(MirrorStatus.KEPT, previous);
        case TAG:
          return retag(previous);
        case COPY:
          break;
      }
      Manifest top = copyByDigest(job.digest(), Optional.empty()).manifest();
      if (!state.tagsAfterCopy(drift)) {
        return complete(job.tag() == null ? MirrorStatus.MIRRORED : MirrorStatus.KEPT, previous);
      }
      destination.putManifest(Reference.of(job.destination(), job.tag()), top);
      return complete(MirrorStatus.MIRRORED, previous);
    }

    /**
     * Copies the source's manifest at {@code digest} and everything it names to the destination,
     * by digest: blobs, then child manifests, then the manifest itself. Every manifest is checked
     * against its digest, and against {@code subject} when it was listed as a referrer of one.
     */
    private Pushed copyByDigest(Digest digest, Optional<Digest> subject)
        throws RegistryException {
      MirrorJob part = new MirrorJob(job.name(), job.source(), job.destination(), digest, null);
      SourceImage image = SourceImage.read(images, destination, part);
      Optional<Digest> named = image.top().subject().map(Descriptor::digest);
      if (subject.isPresent() && !named.equals(subject)) {
        throw new RegistryException(RegistryException.Kind.PROTOCOL, job.source() + "@"
            + digest + " is listed as a referrer of " + subject.get() + " but its subject is "
            + named.map(Digest::toString).orElse("missing") + "; refusing to copy it");
      }
      copyBlobs(image.blobs());
      for (Manifest child : image.missingChildren().values()) {
        pushByDigest(child);
      }
      Push push = pushByDigest(image.top());
      return new Pushed(image.top(), push.here(), push.listedBySubject());
    }

    /** The image is complete at the destination; what refers to it follows when asked for. */
    private MirrorResult complete(MirrorStatus status, Digest previousTag)
        throws RegistryException {
      if (job.referrers()) {
        int copied = referrers.copy(job, (digest, subject) -> {
          Pushed pushed = copyByDigest(digest, subject);
          return new ReferrerCopier.Copied(pushed.here(), pushed.listedBySubject());
        }, images.referrers().orElseGet(referrers::registrySource));
        moved = moved.plus(new TransferStats(0, 0, 0, 0, copied));
      }
      return result(status, previousTag);
    }

    /**
     * Pushes a manifest by its digest, once per destination repository per run: jobs that share
     * it wait for the first push. Distribution rewrites a manifest's link in place, so two
     * concurrent pushes of one manifest can make an index pushed meanwhile see its child missing.
     */
    private Push pushByDigest(Manifest manifest) throws RegistryException {
      Reference pushed = Reference.of(job.destination(), manifest.digest());
      // Keyed by registry and path: one repository may be written two ways (docker.io/x, x).
      String key = job.destination().registry() + "/" + job.destination().path() + "@"
          + manifest.digest();
      CompletableFuture<Boolean> mine = new CompletableFuture<>();
      CompletableFuture<Boolean> first = manifestPushes.putIfAbsent(key, mine);
      if (first != null) {
        try {
          return new Push(false, first.join());
        } catch (CompletionException e) {
          throw asRegistryException(e.getCause());
        }
      }
      try {
        boolean listed = destination.putManifest(pushed, manifest);
        mine.complete(listed);
        return new Push(true, listed);
      } catch (RegistryException | RuntimeException e) {
        manifestPushes.remove(key, mine); // a later job may try again
        mine.completeExceptionally(e);
        throw e;
      }
    }

    /** The digest is in place: at most the tag (which pointed at {@code previous}) needs moving. */
    private MirrorResult retag(Digest previous) throws RegistryException {
      if (job.tag() == null) {
        return complete(MirrorStatus.UP_TO_DATE, null);
      }
      Manifest own = destination.manifest(pinned);
      destination.putManifest(Reference.of(job.destination(), job.tag()), own);
      return complete(MirrorStatus.TAGGED, previous);
    }

    private void copyBlobs(Map<Digest, Descriptor> distinct) throws RegistryException {
      plannedBytes += distinct.values().stream().mapToLong(d -> Math.max(0, d.size())).sum();
      listener.planned(job, plannedBytes);
      List<CompletableFuture<BlobCopier.Outcome>> transfers = new ArrayList<>();
      List<Boolean> owners = new ArrayList<>();
      for (Descriptor blob : distinct.values()) {
        AtomicReference<Boolean> owned = new AtomicReference<>();
        transfers.add(blobs.copy(job.source(), job.destination(), blob,
            bytes -> listener.advanced(job, bytes), owned));
        owners.add(owned.get());
      }
      RegistryException firstFailure = null;
      int i = 0;
      for (Descriptor blob : distinct.values()) {
        boolean owner = owners.get(i);
        try {
          BlobCopier.Outcome outcome = transfers.get(i).join();
          count(owner ? outcome : BlobCopier.Outcome.PRESENT, blob);
        } catch (CompletionException e) {
          if (firstFailure == null) {
            firstFailure = asRegistryException(e.getCause());
          }
        }
        i++;
      }
      if (firstFailure != null) {
        throw firstFailure;
      }
    }

    private void count(BlobCopier.Outcome outcome, Descriptor blob) {
      moved = moved.plus(switch (outcome) {
        case PRESENT -> new TransferStats(0, 0, 1, 0);
        case MOUNTED -> new TransferStats(0, 1, 0, 0);
        case COPIED -> new TransferStats(1, 0, 0, blob.size());
      });
    }

    private RegistryException asRegistryException(Throwable e) {
      if (e instanceof RegistryException r) {
        return r;
      }
      if (e instanceof java.io.UncheckedIOException u) {
        return asRegistryException(u.getCause());
      }
      if (e instanceof IOException io) {
        // A source body that failed on closing: no reply, as far as anyone can tell.
        return new RegistryException(RegistryException.Kind.TRANSIENT, io.getMessage(), io);
      }
      return new RegistryException(RegistryException.Kind.PROTOCOL, String.valueOf(e), e);
    }

    MirrorResult result(MirrorStatus status, Digest previousTag) {
      return new MirrorResult(job, status, previousTag, moved, null, Duration.ZERO);
    }

    MirrorResult failed(String message) {
      return new MirrorResult(job, MirrorStatus.FAILED, null, moved, message, Duration.ZERO);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    jobPool.shutdownNow();
    blobPool.shutdownNow();
  }
}
