package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StallWatchdogTest {
  private final StallWatchdog watchdog = new StallWatchdog(Duration.ofMillis(200));

  @AfterEach
  void stop() {
    watchdog.close();
  }

  /** A body that blocks until it is closed, as the HTTP client's does when no data comes. */
  private static InputStream silentUntilClosed() {
    CountDownLatch closed = new CountDownLatch(1);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("closed");
      }

      @Override
      public void close() {
        closed.countDown();
      }
    };
  }

  @Test
  void aStalledBodyIsClosedAndSaysWhatStalled() {
    InputStream in = watchdog.watch(silentUntilClosed(), "r.example: GET /v2/x/manifests/y");
    long start = System.nanoTime();
    IOException e = assertThrows(StallWatchdog.StalledException.class, () -> in.read(new byte[8]));
    assertEquals("r.example: GET /v2/x/manifests/y stalled: no data for 200 ms", e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
  }

  @Test
  void aMovingBodyIsLeftAlone() throws Exception {
    byte[] content = new byte[10];
    InputStream slow = new ByteArrayInputStream(content) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        try {
          Thread.sleep(60); // well within the limit each time, 600 ms in all
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.read(b, off, Math.min(len, 1));
      }
    };
    try (InputStream in = watchdog.watch(slow, "slow")) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void limitsAreDescribedInTheirUnit() {
    assertEquals("60 s", StallWatchdog.describe(Duration.ofSeconds(60)));
    assertEquals("1.5 s", StallWatchdog.describe(Duration.ofMillis(1500)));
    assertEquals("250 ms", StallWatchdog.describe(Duration.ofMillis(250)));
  }
}
