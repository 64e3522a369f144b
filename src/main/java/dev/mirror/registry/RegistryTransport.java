package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLException;

/**
 * All HTTP to one registry: picks https (or, for loopback and insecure registries that do not
 * speak TLS, http), sends each request with the Authorization its {@link RegistryAuth} gives
 * (and once more after a 401 that renewal can answer), retries transient failures, and follows
 * redirects without carrying the registry's Authorization header to another host. Responses come
 * back with their body as a stream.
 */
final class RegistryTransport {
  private static final int MAX_REDIRECTS = 5;
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
  private static final long DRAIN_LIMIT = 256 * 1024;
  private static final int ERROR_TEXT_LIMIT = 64 * 1024;

  private final String registry;
  private final HttpClient http;
  private final CredentialSource credentials;
  private final RetryPolicy retry;
  private final boolean mayUsePlainHttp;
  private final boolean preferPlainHttp;
  private final RegistryAuth auth;
  private volatile URI base;
  private RegistryException unreachable;

  RegistryTransport(String registry, HttpClient http, CredentialSource credentials,
      RetryPolicy retry, boolean mayUsePlainHttp, boolean preferPlainHttp) {
    this.registry = registry;
    this.http = http;
    this.credentials = credentials;
    this.retry = retry;
    this.mayUsePlainHttp = mayUsePlainHttp;
    this.preferPlainHttp = preferPlainHttp;
    this.auth = new RegistryAuth(registry, http, credentials, retry, mayUsePlainHttp);
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
    boolean foreignHost = false;
    for (int redirects = 0; ; redirects++) {
      HttpResponse<InputStream> response = sendWithRetries(current, foreignHost);
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
            ? "a redirect without a Location" : "too many redirects") + " for " + current.target());
      }
      URI next = uri(current.target()).resolve(location);
      // Blob storage elsewhere (Docker Hub's CDN) must not see the registry's credentials.
      foreignHost = foreignHost || !next.getRawAuthority().equals(base.getRawAuthority());
      current = current.withTarget(next.toString());
    }
  }

  private HttpResponse<InputStream> sendWithRetries(RegistryRequest request, boolean foreignHost)
      throws RegistryException {
    boolean reauthenticated = false;
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request.target()))
          .method(request.method(), request.body() == null
              ? HttpRequest.BodyPublishers.noBody() : request.body().get());
      request.headers().forEach(builder::header);
      String sentAuthorization =
          foreignHost ? null : auth.authorization(request.scopes(), base).orElse(null);
      if (sentAuthorization != null) {
        builder.header("Authorization", sentAuthorization);
      }
      if (base.getScheme().equals("http")) {
        builder.version(HttpClient.Version.HTTP_1_1);
      }
      if (request.replayable()) {
        // A streamed upload's reply comes after its whole body: only small requests get a limit.
        builder.timeout(REPLY_TIMEOUT);
      }
      HttpResponse<InputStream> response;
      try {
        response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        if (!request.replayable() || attempt >= retry.attempts()) {
          throw new RegistryException(registry + ": " + request.method() + " " + shortTarget(
              request.target()) + " failed: " + describe(e), 0, null, e);
        }
        retry.pause(attempt, null);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted", 0, null, e);
      }
      int status = response.statusCode();
      if (status == 401 && !foreignHost && !reauthenticated
          && auth.renew(response, request.scopes(), sentAuthorization)) {
        reauthenticated = true;
        finish(response);
        attempt--;
        continue;
      }
      if (RetryPolicy.isTransientStatus(status) && request.replayable()
          && attempt < retry.attempts()) {
        Duration wait = retryAfter(response);
        finish(response);
        retry.pause(attempt, wait);
        continue;
      }
      return response;
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
      if (ping.reply().statusCode() == 401) {
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
      HttpResponse<Void> reply = ping(plain, 1);
      if (reply.statusCode() != 400) {
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
  private record Ping(URI base, HttpResponse<Void> reply) {}

  private HttpResponse<Void> ping(URI root, int attempts) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve("/v2/")).GET()
        .timeout(Duration.ofSeconds(30));
    if (root.getScheme().equals("http")) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    return sendRetrying(http, request.build(), HttpResponse.BodyHandlers.discarding(), retry,
        attempts);
  }

  /**
   * Sends a request that carries no registry auth (the ping, a token request), trying again on
   * no reply and on transient statuses. A TLS failure or a name that does not resolve is thrown
   * at once: neither goes away in a second.
   */
  static <T> HttpResponse<T> sendRetrying(HttpClient http, HttpRequest request,
      HttpResponse.BodyHandler<T> handler, RetryPolicy retry, int attempts) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<T> reply = http.send(request, handler);
        if (!RetryPolicy.isTransientStatus(reply.statusCode()) || attempt >= attempts) {
          return reply;
        }
        retry.pause(attempt, retryAfter(reply));
      } catch (SSLException e) {
        throw e;
      } catch (IOException e) {
        if (isUnknownHost(e) || attempt >= attempts) {
          throw e;
        }
        retry.pause(attempt, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
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

  private URI uri(String target) {
    return target.startsWith("/") ? base.resolve(target) : URI.create(target);
  }

  private static String shortTarget(String target) {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
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

  private static boolean isUnknownHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }
}
