package dev.mirror.mirror;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes blob streams that stop moving. The JDK's HTTP client has no read timeout for a body, so
 * a registry that stalls mid-blob (or stops reading an upload) would hang the run; closing the
 * source stream fails both the download and the upload it feeds, and the transfer is retried.
 */
final class StallWatchdog implements AutoCloseable {
  private final Duration limit;
  private final Map<Closeable, AtomicLong> watched = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  StallWatchdog(Duration limit) {
    this.limit = limit;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mirror-stall-watchdog");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(10, limit.toMillis() / 4);
    timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** Watches a stream; the returned clock is to be ticked whenever bytes move. */
  AtomicLong watch(Closeable stream) {
    AtomicLong lastMoved = new AtomicLong(System.nanoTime());
    watched.put(stream, lastMoved);
    return lastMoved;
  }

  Duration limit() {
    return limit;
  }

  void forget(Closeable stream) {
    watched.remove(stream);
  }

  private void check() {
    long now = System.nanoTime();
    watched.forEach((stream, lastMoved) -> {
      if (now - lastMoved.get() > limit.toNanos()) {
        watched.remove(stream);
        try {
          stream.close();
        } catch (IOException | RuntimeException ignored) {
          // Closing is all that can be done; the reader sees the failure.
        }
      }
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
