package dev.mirror.registry.testing;

/**
 * A failure {@link RegistryProxy} injects in place of, or in the middle of, the real answer.
 * Added with {@link RegistryProxy#inject}, matched by method and path, for a number of requests.
 */
public sealed interface Fault {
  /** 429 Too Many Requests with {@code Retry-After: seconds}; upstream is not asked. */
  record TooManyRequests(int retryAfterSeconds) implements Fault {}

  /** 503 Service Unavailable; upstream is not asked. */
  record ServiceUnavailable() implements Fault {}

  /**
   * The real upstream answer's status line, headers and the first {@code bodyBytes} bytes of its
   * body (-1: half of a Content-Length body, or 1 KiB of a chunked one), then a TCP reset. An
   * empty body is cut inside the head, so the client never sees a whole answer.
   */
  record ResetMidBody(long bodyBytes) implements Fault {}

  /**
   * 307 to the same path and query on the proxy's second listener, {@code localhost:OTHER}: a
   * different host, as Docker Hub sends blob downloads to a CDN. That listener fetches from
   * upstream with the original request's credentials (carried in the URL, like a signed URL) and
   * records whether the client sent it an Authorization header; with
   * {@code rejectAuthorization} it answers such a request 400, as S3 does.
   */
  record RedirectToOtherHost(boolean rejectAuthorization) implements Fault {}

  /**
   * The real upstream answer's head and the first {@code bodyBytes} bytes of its body, then
   * nothing: the connection stays open and silent until the client gives up. An empty body
   * stalls inside the head.
   */
  record StallMidBody(long bodyBytes) implements Fault {}

  /**
   * The real upstream answer with its Content-Length off by {@code delta} (non-zero): a longer
   * claim leaves the client waiting for bytes that never come, a shorter one cuts the body. The
   * connection closes after it. A chunked or empty answer is cut inside its head instead.
   */
  record WrongLength(long delta) implements Fault {}

  /** 403 Forbidden with a DENIED error, as a registry's access policy answers; upstream is not asked. */
  record Forbidden() implements Fault {}

  static Fault forbidden() {
    return new Forbidden();
  }

  static Fault tooManyRequests(int retryAfterSeconds) {
    return new TooManyRequests(retryAfterSeconds);
  }

  static Fault serviceUnavailable() {
    return new ServiceUnavailable();
  }

  static Fault resetMidBody() {
    return new ResetMidBody(-1);
  }

  static Fault resetAfter(long bodyBytes) {
    return new ResetMidBody(bodyBytes);
  }

  static Fault redirectToOtherHost() {
    return new RedirectToOtherHost(false);
  }

  static Fault redirectToOtherHostRejectingAuthorization() {
    return new RedirectToOtherHost(true);
  }
}
