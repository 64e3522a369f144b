package dev.mirror.registry;

import java.io.IOException;
import java.time.Duration;

/**
 * A registry operation that failed, with a message that names the registry, what was asked and
 * what it replied ({@code 404 MANIFEST_UNKNOWN: manifest unknown}). {@link #status()} is the HTTP
 * status, or 0 when no reply came.
 */
public final class RegistryException extends IOException {
  private final int status;
  private final Duration retryAfter;

  public RegistryException(String message, int status, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public RegistryException(String message) {
    this(message, 0, null, null);
  }

  public int status() {
    return status;
  }

  /** The wait the registry asked for with Retry-After, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether trying again may succeed: no reply, a server error or rate limiting. */
  public boolean isTransient() {
    return RetryPolicy.isTransientStatus(status) || (status == 0 && getCause() instanceof IOException);
  }

  public boolean isNotFound() {
    return status == 404;
  }
}
