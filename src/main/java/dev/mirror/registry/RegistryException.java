package dev.mirror.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry operation that failed, with a message that names the registry, what was asked and
 * what it replied ({@code 404 MANIFEST_UNKNOWN: manifest unknown}). Callers decide by
 * {@link #kind()}, {@link #status()} and {@link #code()}, never by the message, which is for
 * people.
 */
public final class RegistryException extends IOException {
  /** What went wrong, as far as a caller deciding what to do next cares. */
  public enum Kind {
    /** 404: no such manifest, blob or repository. */
    NOT_FOUND,
    /** 401: no credentials, or ones the registry or its token server refused. */
    UNAUTHORIZED,
    /** 403: the credentials do not grant this access. */
    DENIED,
    /** No reply, a stalled or cut one, a 5xx or a 429: trying again may help. */
    TRANSIENT,
    /** Content whose digest or size is not the one asked for or promised. */
    DIGEST_MISMATCH,
    /** More than mirror accepts: a manifest, a token reply, an image's manifests. */
    TOO_LARGE,
    /** The registry could not be reached: no connection, or TLS failed. */
    UNREACHABLE,
    /** Credentials would have gone in the clear; refused. */
    INSECURE,
    /** The registry answered in a way the distribution API does not allow. */
    PROTOCOL,
    /** Any other error status (400, 405, ...). */
    REJECTED,
    /** The docker config, a credential helper, the CA file or TLS set-up on this machine. */
    CONFIGURATION,
    INTERRUPTED;

    /** The kind of a reply with this error status. */
    static Kind ofStatus(int status) {
      if (RetryPolicy.isTransientStatus(status)) {
        return TRANSIENT;
      }
      return switch (status) {
        case 401 -> UNAUTHORIZED;
        case 403 -> DENIED;
        case 404 -> NOT_FOUND;
        default -> REJECTED;
      };
    }
  }

  private final Kind kind;
  private final int status;
  private final String code;
  private final Duration retryAfter;

  public RegistryException(Kind kind, String message) {
    this(kind, message, null);
  }

  public RegistryException(Kind kind, String message, Throwable cause) {
    this(kind, message, 0, null, null, cause);
  }

  private RegistryException(Kind kind, String message, int status, String code,
      Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** A registry's (or token server's) error reply: its kind follows from its status. */
  static RegistryException reply(String message, ErrorReply reply, Duration retryAfter) {
    return new RegistryException(Kind.ofStatus(reply.status()), message, reply.status(),
        reply.code().orElse(null), retryAfter, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the reply that failed, or 0 when no reply (or no error reply) came. */
  public int status() {
    return status;
  }

  /** The registry's first error code ({@code MANIFEST_UNKNOWN}, {@code DENIED}, ...), if any. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** The wait the registry asked for with Retry-After, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether trying again may succeed: no reply, a server error or rate limiting. */
  public boolean isTransient() {
    return kind == Kind.TRANSIENT;
  }
}
