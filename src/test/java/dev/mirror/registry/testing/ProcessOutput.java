package dev.mirror.registry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what a long-running process prints, on a daemon thread, keeping the last
 * {@link #LIMIT} characters so a registry with its access log on cannot grow the heap without end.
 */
final class ProcessOutput {
  static final int LIMIT = 4 << 20;

  private final StringBuilder text = new StringBuilder();
  private final Thread reader;

  ProcessOutput(InputStream stream, String threadName) {
    reader = new Thread(() -> pump(stream), threadName);
    reader.setDaemon(true);
    reader.start();
  }

  private void pump(InputStream stream) {
    byte[] buffer = new byte[8192];
    try (stream) {
      int n;
      while ((n = stream.read(buffer)) > 0) {
        append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException ignored) {
      // the process ended; everything it wrote before that is kept
    }
  }

  private synchronized void append(String chunk) {
    text.append(chunk);
    if (text.length() > LIMIT) {
      text.delete(0, text.length() - LIMIT);
    }
  }

  /** Waits a little for the reader to reach the end of a stream whose process has exited. */
  void awaitEnd(long millis) {
    try {
      reader.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized String text() {
    return text.toString();
  }
}
