package dev.mirror.registry;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * When to try a request again: on no reply, 5xx and 429, up to {@code attempts} times, waiting
 * what Retry-After asks or else an exponentially growing delay with full jitter (so parallel
 * transfers that failed together do not retry together). {@link #run} is the one retry loop:
 * the transport's for replayable requests, the ping's and the token server's, and the copy
 * engine's for streamed uploads, which only it can start over.
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(20));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** One try of something that may fail for a while. */
  @FunctionalInterface
  public interface Attempt<T, X extends IOException> {
    /**
     * One try. It fails with an exception that {@link #mayHelp} judges; {@code last} says no try
     * follows, so a reply that would have been tried again is the answer.
     */
    T run(boolean last) throws X;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails in a way trying again cannot help, or the
   * attempts are used up (then the last failure is thrown), pausing between tries.
   */
  public <T, X extends IOException> T run(Attempt<T, X> attempt) throws X, RegistryException {
    for (int n = 1; ; n++) {
      try {
        return attempt.run(n >= attempts);
      } catch (IOException e) {
        if (n >= attempts || !mayHelp(e)) {
          throw e;
        }
        pause(n, e instanceof RegistryException r ? r.retryAfter() : null);
      }
    }
  }

  /** The same waits, tried only once. */
  RetryPolicy once() {
    return new RetryPolicy(1, baseDelay, maxDelay);
  }

  /**
   * Whether another try may help: a {@link RegistryException} says by its kind; any other
   * failure is no reply, worth another try unless TLS failed or the name does not resolve:
   * neither goes away in a second.
   */
  static boolean mayHelp(IOException e) {
    if (e instanceof RegistryException r) {
      return r.isTransient();
    }
    return !(e instanceof SSLException) && !TimedHttp.isUnknownHost(e);
  }

  static boolean isTransientStatus(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      try {
        Instant when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
        Duration wait = Duration.between(Instant.now(), when);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }

  /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
  public Duration delay(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
    }
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }

  /** Sleeps the delay, keeping the interrupt for the caller. */
  public void pause(int attempt, Duration retryAfter) throws RegistryException {
    try {
      Thread.sleep(delay(attempt, retryAfter).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(RegistryException.Kind.INTERRUPTED, "interrupted", e);
    }
  }
}
