package dev.mirror.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes reply bodies that stop moving. The JDK's HTTP client has no read timeout for a body, so
 * a registry that sends a reply's head and then nothing (a manifest, a token, an error, a blob)
 * would hang the run; closing the body fails the read, and the request is tried again. For a blob
 * being copied, the source body stops moving too when the destination stops reading the upload,
 * so that stall ends the upload as well.
 */
final class StallWatchdog implements AutoCloseable {
  private final Duration limit;
  private final Set<WatchedBody> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;

  StallWatchdog(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("the stall limit must be positive");
    }
    this.limit = limit;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mirror-stall-watchdog");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(10, limit.toMillis() / 4);
    timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  Duration limit() {
    return limit;
  }

  /** The body, failing with "stalled" once no byte has come for the limit; {@code what} names it. */
  InputStream watch(InputStream body, String what) {
    WatchedBody stream = new WatchedBody(body, what);
    watched.add(stream);
    return stream;
  }

  private void check() {
    long now = System.nanoTime();
    for (WatchedBody stream : watched) {
      if (now - stream.lastMoved > limit.toNanos()) {
        watched.remove(stream);
        stream.abandon();
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** "60 s", or "1.5 s" and "250 ms" for the short limits of tests. */
  static String describe(Duration limit) {
    long millis = limit.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
  }

  /** A body whose reads tick its clock; closed under its reader when the clock stops. */
  private final class WatchedBody extends FilterInputStream {
    private final String what;
    private volatile long lastMoved = System.nanoTime();
    private volatile boolean stalled;

    WatchedBody(InputStream in, String what) {
      super(in);
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (stalled) {
        throw stall(null);
      }
      try {
        int n = in.read(buffer, offset, length);
        lastMoved = System.nanoTime();
        return n;
      } catch (IOException e) {
        throw stalled ? stall(e) : e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      lastMoved = System.nanoTime();
      return skipped;
    }

    @Override
    public void close() throws IOException {
      watched.remove(this);
      super.close();
    }

    private void abandon() {
      stalled = true;
      try {
        in.close();
      } catch (IOException | RuntimeException ignored) {
        // Closing is all that can be done; the reader sees the failure.
      }
    }

    private StalledException stall(IOException cause) {
      return new StalledException(what + " stalled: no data for " + describe(limit), cause);
    }
  }

  /** A reply that stopped coming: worth trying again, like a 5xx. */
  static final class StalledException extends IOException {
    StalledException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
