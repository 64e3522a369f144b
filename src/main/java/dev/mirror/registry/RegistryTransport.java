package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * All HTTP to one registry: picks https (or, for loopback and insecure registries that do not
 * speak TLS, http), sends each request with the Authorization its {@link RegistryAuth} gives
 * (and once more after a 401 that renewal can answer), retries transient failures and stalls,
 * and follows redirects. The registry's Authorization goes only to the registry's own origin
 * (scheme, host and port), checked on the URL each request actually goes to: a redirect or an
 * upload location elsewhere gets none. Responses come back with their body as a stream.
 */
final class RegistryTransport {
  private static final int MAX_REDIRECTS = 5;
  private static final long DRAIN_LIMIT = 256 * 1024;
  private static final int ERROR_TEXT_LIMIT = 64 * 1024;
  /** The ping's status and challenge are all it says: its body is not waited for. */
  private static final int PING_BODY_LIMIT = 0;

  private final String registry;
  private final TimedHttp http;
  private final RetryPolicy retry;
  private final boolean mayUsePlainHttp;
  private final boolean preferPlainHttp;
  private final RegistryAuth auth;
  private volatile URI base;
  private RegistryException unreachable;

  RegistryTransport(String registry, TimedHttp http, RegistryAuth auth, RetryPolicy retry,
      boolean mayUsePlainHttp, boolean preferPlainHttp) {
    this.registry = registry;
    this.http = http;
    this.retry = retry;
    this.mayUsePlainHttp = mayUsePlainHttp;
    this.preferPlainHttp = preferPlainHttp;
    this.auth = auth;
  }

  String registry() {
    return registry;
  }

  /**
   * Sends a request and returns the reply, whatever its status, once auth and retries are done.
   * The caller closes the body.
   */
  HttpResponse<InputStream> send(RegistryRequest request) throws RegistryException {
    connect();
    RegistryRequest current = request;
    for (int redirects = 0; ; redirects++) {
      HttpResponse<InputStream> response = sendWithRetries(current);
      int status = response.statusCode();
      boolean redirect = status == 301 || status == 302 || status == 303 || status == 307
          || status == 308;
      if (!redirect || !(current.method().equals("GET") || current.method().equals("HEAD"))) {
        return response;
      }
      String location = response.headers().firstValue("Location").orElse(null);
      finish(response);
      if (location == null || redirects >= MAX_REDIRECTS) {
        throw new RegistryException(registry + ": " + (location == null
            ? "a redirect without a Location" : "too many redirects") + " for "
            + shortTarget(current.target()));
      }
      current = current.withTarget(resolve(current.target(), location, "redirected to")
          .toString());
    }
  }

  /**
   * Sends a request and reads the whole body of a 200 reply (at most {@code maxBytes}), trying
   * again when the body stalls or is cut short, as for a reply that never came. Any other
   * status comes back with the start of its body.
   */
  BodyReply sendReadingBody(RegistryRequest request, int maxBytes, String what)
      throws RegistryException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> reply = send(request);
      if (reply.statusCode() != 200) {
        return new BodyReply(reply, finish(reply));
      }
      try (InputStream body = reply.body()) {
        byte[] bytes = body.readNBytes(maxBytes);
        if (body.read() >= 0) {
          throw new RegistryException(registry + ": " + what + ": the reply is larger than "
              + maxBytes / (1024 * 1024) + " MiB");
        }
        return new BodyReply(reply, bytes);
      } catch (RegistryException e) {
        throw e;
      } catch (IOException e) {
        if (!request.replayable() || attempt >= retry.attempts()) {
          throw new RegistryException(e instanceof StallWatchdog.StalledException
              ? e.getMessage() : registry + ": " + what + " failed: " + describe(e), 0, null, e);
        }
      }
      retry.pause(attempt, null);
    }
  }

  /** A reply and its body, read whole. */
  record BodyReply(HttpResponse<InputStream> reply, byte[] body) {
    int status() {
      return reply.statusCode();
    }
  }

  private HttpResponse<InputStream> sendWithRetries(RegistryRequest request)
      throws RegistryException {
    URI target = resolve(request.target());
    boolean ownOrigin = Origin.of(target).equals(Origin.of(base));
    String what = request.method() + " " + target.getScheme() + "://" + target.getRawAuthority()
        + target.getRawPath();
    boolean reauthenticated = false;
    for (int attempt = 1; ; attempt++) {
      AtomicLong moved = TimedHttp.clock();
      HttpRequest.Builder builder = HttpRequest.newBuilder(target)
          .method(request.method(), request.body() == null
              ? HttpRequest.BodyPublishers.noBody()
              : TimedHttp.tracked(request.body().get(), moved));
      request.headers().forEach(builder::header);
      String sentAuthorization =
          ownOrigin ? auth.authorization(request.scopes(), base).orElse(null) : null;
      if (sentAuthorization != null) {
        builder.header("Authorization", sentAuthorization);
      }
      if (target.getScheme().equals("http")) {
        builder.version(HttpClient.Version.HTTP_1_1);
      }
      Duration wait = null;
      try {
        HttpResponse<InputStream> response = http.send(builder.build(), moved, registry + ": "
            + what);
        int status = response.statusCode();
        if (status == 401 && ownOrigin && !reauthenticated
            && auth.renew(response, request.scopes(), sentAuthorization)) {
          reauthenticated = true;
          finish(response);
          attempt--;
          continue;
        }
        if (!RetryPolicy.isTransientStatus(status) || !request.replayable()
            || attempt >= retry.attempts()) {
          return response;
        }
        wait = retryAfter(response.headers());
        finish(response);
      } catch (IOException e) {
        if (!request.replayable() || attempt >= retry.attempts()) {
          // A stall already names the request; other failures get named here.
          throw new RegistryException(e instanceof StallWatchdog.StalledException
              ? e.getMessage() : registry + ": " + request.method() + " "
                  + shortTarget(request.target()) + " failed: " + describe(e), 0, null, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted", 0, null, e);
      }
      retry.pause(attempt, wait);
    }
  }

  /** Decides the scheme and learns how the registry authenticates, once. */
  private void connect() throws RegistryException {
    if (base != null) {
      return;
    }
    synchronized (this) {
      if (base != null) {
        return;
      }
      if (unreachable != null) {
        // Every job of the run would otherwise wait out the same retries again.
        throw unreachable;
      }
      Ping ping = preferPlainHttp ? pingPlain() : null;
      if (ping == null) {
        try {
          ping = pingTls();
        } catch (RegistryException e) {
          unreachable = e;
          throw e;
        }
      }
      if (ping.reply().status() == 401) {
        auth.learn(AuthChallenge.parse(
            ping.reply().headers().firstValue("WWW-Authenticate").orElse(null)));
      }
      base = ping.base();
    }
  }

  /**
   * A loopback registry is asked over plain HTTP first, sparing the TLS set-up; null when it
   * does not answer that way (a Go server answers 400 to plain HTTP on a TLS port).
   */
  private Ping pingPlain() {
    URI plain = URI.create("http://" + registry);
    try {
      TimedHttp.BufferedReply reply = ping(plain, 1);
      if (reply.status() != 400) {
        return new Ping(plain, reply);
      }
    } catch (IOException e) {
      // Not plain HTTP (or not there at all): the TLS attempt says which.
    }
    return null;
  }

  /** https, or for a registry allowed plain HTTP that does not speak TLS, http. */
  private Ping pingTls() throws RegistryException {
    URI https = URI.create("https://" + registry);
    try {
      return new Ping(https, ping(https, retry.attempts()));
    } catch (SSLException e) {
      if (!mayUsePlainHttp || isCertificateProblem(e)) {
        throw new RegistryException(registry + ": TLS failed: " + describe(e)
            + (isCertificateProblem(e) ? " (pass the registry's CA with --ca-file)"
                : " (a registry that serves plain HTTP must be named with --insecure-registry)"),
            0, null, e);
      }
      URI plain = URI.create("http://" + registry);
      try {
        return new Ping(plain, ping(plain, retry.attempts()));
      } catch (IOException e2) {
        throw new RegistryException(registry + ": cannot connect: " + describe(e2), 0, null, e2);
      }
    } catch (IOException e) {
      throw new RegistryException(registry + ": cannot connect: " + describe(e), 0, null, e);
    }
  }

  /** The first reply of a registry, and the scheme it came over. */
  private record Ping(URI base, TimedHttp.BufferedReply reply) {}

  private TimedHttp.BufferedReply ping(URI root, int attempts) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve("/v2/")).GET();
    if (root.getScheme().equals("http")) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    return http.sendRetrying(request.build(), retry, attempts, PING_BODY_LIMIT,
        registry + ": GET " + root.getScheme() + "://" + registry + "/v2/");
  }

  /** A request's target as a URL: a path on the registry, or a URL the registry gave. */
  private URI resolve(String target) throws RegistryException {
    return target.startsWith("/") ? base.resolve(target)
        : resolve("/", target, "gave the upload location");
  }

  /**
   * A Location the registry sent, resolved against the request it answered; only http and https
   * URLs are followed.
   */
  private URI resolve(String from, String location, String how) throws RegistryException {
    try {
      URI next = (from.startsWith("/") ? base.resolve(from) : URI.create(from)).resolve(location);
      Origin.of(next);
      return next;
    } catch (IllegalArgumentException e) {
      throw new RegistryException(registry + ": " + how + " \"" + printable(location)
          + "\", which is not an http or https URL; not followed");
    }
  }

  /** Text from a registry as it may appear in a message: one line, at most 200 characters. */
  static String printable(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
  }

  private static boolean isCertificateProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof java.security.GeneralSecurityException) {
        return true;
      }
    }
    return false;
  }

  private static String shortTarget(String target) {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
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

  /**
   * Ends a reply whose body is not read otherwise, and returns its start (for an error message).
   * A short body is read to its end: closing it early would drop the connection instead of
   * returning it to the pool.
   */
  static byte[] finish(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      byte[] start = body.readNBytes(ERROR_TEXT_LIMIT);
      byte[] sink = new byte[8192];
      long left = DRAIN_LIMIT;
      int n;
      while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
        left -= n;
      }
      return start;
    } catch (IOException e) {
      return new byte[0]; // the connection is dropped instead of reused; nothing is lost
    }
  }

  /** What went wrong with a connection, in words (the JDK often gives only a class name). */
  static String describe(Throwable e) {
    if (isUnknownHost(e)) {
      return "unknown host";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof java.net.ConnectException) {
        return t.getMessage() == null || t.getMessage().isBlank() ? "connection refused"
            : t.getMessage();
      }
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static boolean isUnknownHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }
}
