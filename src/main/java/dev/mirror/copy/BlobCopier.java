package dev.mirror.copy;

import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RepositoryName;
import dev.mirror.registry.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Puts blobs into destination repositories, each distinct blob once per repository per run even
 * when several jobs need it: skips blobs already there, mounts from a repository of the same
 * registry that has it (the source, or a destination this run already filled), and otherwise
 * streams it from the source to the destination, verified on the way. A failed transfer is
 * started over with a new upload, under the retry policy.
 */
final class BlobCopier {
  /** How a blob came to be in its destination repository. */
  enum Outcome { PRESENT, MOUNTED, COPIED }

  private record Key(String registry, String repository, Digest digest) {}

  private record Holder(String registry, Digest digest) {}

  private final Registries registries;
  private final ImageSource images;
  private final RetryPolicy retry;
  private final ExecutorService executor;
  private final Map<Key, CompletableFuture<Outcome>> transfers = new ConcurrentHashMap<>();
  /** A repository per (registry, digest) known to hold the blob after this run put it there. */
  private final Map<Holder, RepositoryName> holders = new ConcurrentHashMap<>();

  /** Copies blobs read from {@code images} into the destination {@code registries}. */
  BlobCopier(Registries registries, ImageSource images, RetryPolicy retry,
      ExecutorService executor) {
    this.registries = registries;
    this.images = images;
    this.retry = retry;
    this.executor = executor;
  }

  /**
   * The blob's transfer into {@code destination}, started if no job has started it yet.
   * {@code owned} is set to true when this call started it (its job counts the transfer).
   */
  CompletableFuture<Outcome> copy(RepositoryName source, RepositoryName destination,
      Descriptor blob, LongConsumer progress, AtomicReference<Boolean> owned) {
    Key key = new Key(destination.registry(), destination.path(), blob.digest());
    CompletableFuture<Outcome> mine = new CompletableFuture<>();
    CompletableFuture<Outcome> existing = transfers.putIfAbsent(key, mine);
    if (existing != null) {
      owned.set(false);
      return existing;
    }
    owned.set(true);
    executor.execute(() -> {
      try {
        Outcome outcome = transfer(source, destination, blob, progress);
        holders.put(new Holder(destination.registry(), blob.digest()), destination);
        mine.complete(outcome);
      } catch (IOException | RuntimeException e) {
        mine.completeExceptionally(e);
      }
    });
    return mine;
  }

  private Outcome transfer(RepositoryName source, RepositoryName destination, Descriptor blob,
      LongConsumer progress) throws IOException {
    RegistryClient target = registries.client(destination.registry());
    if (target.blobExists(destination, blob.digest())) {
      progress.accept(blob.size());
      return Outcome.PRESENT;
    }
    RepositoryName mountFrom = images.mountableInto(source, destination) ? source
        : holders.get(new Holder(destination.registry(), blob.digest()));
    // The transport cannot replay a streamed upload: when trying again may help, the whole
    // transfer starts over, with a new upload, under the same policy.
    return retry.run(last -> {
      CountingProgress counted = new CountingProgress(progress);
      try {
        Optional<String> upload = target.startUpload(destination, blob.digest(), mountFrom);
        if (upload.isEmpty()) {
          progress.accept(blob.size());
          return Outcome.MOUNTED;
        }
        stream(source, destination, blob, upload.get(), counted);
        return Outcome.COPIED;
      } catch (RegistryException e) {
        progress.accept(-counted.total);
        throw e;
      }
    });
  }

  private void stream(RepositoryName source, RepositoryName destination, Descriptor blob,
      String location, LongConsumer progress) throws RegistryException {
    RegistryClient.Blob content = images.blob(source, blob.digest());
    VerifyingInputStream verified = new VerifyingInputStream(content.content(), blob.digest(),
        blob.size(), images.name(source), progress);
    long length = blob.size() >= 0 ? blob.size() : content.length();
    try (InputStream in = verified) {
      registries.client(destination.registry()).finishUpload(destination, location,
          blob.digest(), length, () -> in);
    } catch (RegistryException e) {
      // The upload failed because the source's content was wrong: that, not the upload's
      // failure, is what to say, and trying again cannot help.
      RegistryException mismatch = verified.mismatch();
      throw mismatch == null ? e : new RegistryException(mismatch.kind(), mismatch.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Progress passed on, with its total kept so a failed attempt can take it back. */
  private static final class CountingProgress implements LongConsumer {
    private final LongConsumer downstream;
    long total;

    CountingProgress(LongConsumer downstream) {
      this.downstream = downstream;
    }

    @Override
    public void accept(long bytes) {
      total += bytes;
      downstream.accept(bytes);
    }
  }
}
