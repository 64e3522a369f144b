package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLException;

/**
 * The scheme layer, the top of a registry's transport: before the first request, asks the
 * registry's {@code /v2/} once, over https (or, for loopback and insecure registries that do not
 * speak TLS, http), and hands its challenge to the auth layer; then resolves each request's
 * target (a path, or an upload location the registry gave) to a URL on that base.
 */
final class Pinger implements Exchange {
  /** The ping's status and challenge are all it says: its body is not waited for. */
  private static final int PING_BODY_LIMIT = 0;

  private final String registry;
  private final Retrying retrying;
  private final RetryPolicy retry;
  private final Authenticator auth;
  private final boolean mayUsePlainHttp;
  private final boolean preferPlainHttp;
  private final Exchange next;
  private volatile URI base;
  private RegistryException unreachable;

  /**
   * @param mayUsePlainHttp whether the registry may be spoken to over http when TLS fails
   * @param preferPlainHttp whether to try http first (a loopback registry)
   */
  Pinger(String registry, Retrying retrying, RetryPolicy retry, Authenticator auth,
      boolean mayUsePlainHttp, boolean preferPlainHttp, Exchange next) {
    this.registry = registry;
    this.retrying = retrying;
    this.retry = retry;
    this.auth = auth;
    this.mayUsePlainHttp = mayUsePlainHttp;
    this.preferPlainHttp = preferPlainHttp;
    this.next = next;
  }

  @Override
  public HttpResponse<InputStream> send(RegistryRequest request) throws RegistryException {
    connect();
    String target = request.target();
    URI url = target.startsWith("/") ? base.resolve(target)
        : Redirects.follow(registry, base.resolve("/"), target, "gave the upload location");
    return next.send(request.to(target, url));
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
      auth.learn(Origin.of(ping.base()), ping.reply().status() != 401 ? null
          : AuthChallenge.parse(
              ping.reply().headers().firstValue("WWW-Authenticate").orElse(null)));
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
      TimedHttp.BufferedReply reply = ping(plain, retry.once());
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
      return new Ping(https, ping(https, retry));
    } catch (SSLException e) {
      if (!mayUsePlainHttp || isCertificateProblem(e)) {
        throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry
            + ": TLS failed: " + TimedHttp.describe(e) + (isCertificateProblem(e)
                ? " (pass the registry's CA with --ca-file)"
                : " (a registry that serves plain HTTP must be named with --insecure-registry)"),
            e);
      }
      URI plain = URI.create("http://" + registry);
      try {
        return new Ping(plain, ping(plain, retry));
      } catch (IOException e2) {
        throw cannotConnect(e2);
      }
    } catch (IOException e) {
      throw cannotConnect(e);
    }
  }

  private RegistryException cannotConnect(IOException e) {
    return new RegistryException(RegistryException.Kind.UNREACHABLE, registry
        + ": cannot connect: " + TimedHttp.describe(e), e);
  }

  /** The first reply of a registry, and the scheme it came over. */
  private record Ping(URI base, TimedHttp.BufferedReply reply) {}

  private TimedHttp.BufferedReply ping(URI root, RetryPolicy policy) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve("/v2/")).GET();
    if (root.getScheme().equals("http")) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    return retrying.fetch(request.build(), policy, PING_BODY_LIMIT,
        registry + ": GET " + root.getScheme() + "://" + registry + "/v2/");
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
}
