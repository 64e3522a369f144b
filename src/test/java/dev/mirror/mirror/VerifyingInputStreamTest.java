package dev.mirror.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
  private final StallWatchdog watchdog = new StallWatchdog(Duration.ofMillis(200));
  private final byte[] content = "layer content".getBytes(StandardCharsets.UTF_8);
  private final Digest digest = Digest.of(content);

  @AfterEach
  void stop() {
    watchdog.close();
  }

  private VerifyingInputStream verify(InputStream in, Digest expected, long size,
      AtomicLong progress) {
    return new VerifyingInputStream(in, expected, size, "registry/repo", progress::addAndGet,
        watchdog);
  }

  @Test
  void passesMatchingContentAndCountsIt() throws IOException {
    AtomicLong progress = new AtomicLong();
    try (InputStream in = verify(new ByteArrayInputStream(content), digest, content.length,
        progress)) {
      assertEquals(new String(content, StandardCharsets.UTF_8),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(content.length, progress.get());
  }

  @Test
  void failsAtTheEndOnAnotherDigest() {
    VerifyingInputStream in = verify(new ByteArrayInputStream(content),
        Digest.sha256("0".repeat(64)), content.length, new AtomicLong());
    IOException e = assertThrows(IOException.class, in::readAllBytes);
    assertTrue(e.getMessage().contains("has another digest: " + digest), e.getMessage());
    assertTrue(in.mismatched());
  }

  @Test
  void failsOnContentLongerOrShorterThanItsDescriptor() {
    VerifyingInputStream longer = verify(new ByteArrayInputStream(content), digest, 4,
        new AtomicLong());
    assertTrue(assertThrows(IOException.class, longer::readAllBytes).getMessage()
        .contains("is larger than the 4 bytes"));
    VerifyingInputStream shorter = verify(new ByteArrayInputStream(content), digest, 100,
        new AtomicLong());
    assertTrue(assertThrows(IOException.class, shorter::readAllBytes).getMessage()
        .contains("has " + content.length + " bytes, not the 100"));
  }

  @Test
  void aStalledStreamIsClosedAndSaysSo() {
    CountDownLatch closed = new CountDownLatch(1);
    InputStream never = new InputStream() {
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
    VerifyingInputStream in = verify(never, digest, content.length, new AtomicLong());
    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> in.read(new byte[8], 0, 8));
    assertTrue(e.getMessage().contains("stalled"), e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    assertFalse(in.mismatched());
  }
}
