package dev.mirror.registry;

import com.google.cloud.tools.jib.api.Credential;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The auth layer: knows how the registry wants to be authenticated (the challenge of its
 * {@code /v2/}, or of a later 401) and gives each request to the registry's own origin the
 * Authorization that does it: basic credentials from the docker config, or a bearer token
 * ({@link BearerTokens}). A 401 that renewal can answer (a new challenge, a refused token) gets
 * one more try. Requests to any other origin (a redirect, an upload location elsewhere) go
 * without; credentials go over TLS, or in the clear only to loopback hosts and those named by
 * {@code --insecure-registry}.
 */
final class Authenticator implements Exchange {
  private final String registry;
  private final Exchange next;
  private final CredentialSource credentials;
  private final Predicate<Origin> mayUsePlainHttp;
  private final BearerTokens tokens;
  private volatile Origin own;
  private volatile AuthChallenge challenge;

  /**
   * @param mayUsePlainHttp the origins credentials may go to in the clear: loopback and those
   *     named by {@code --insecure-registry}
   */
  Authenticator(String registry, Exchange next, Retrying retrying, RetryPolicy retry,
      CredentialSource credentials, Predicate<Origin> mayUsePlainHttp) {
    this.registry = registry;
    this.next = next;
    this.credentials = credentials;
    this.mayUsePlainHttp = mayUsePlainHttp;
    this.tokens = new BearerTokens(registry, retrying, retry, credentials,
        this::mayReceiveCredentials);
  }

  /** What the ping found: the registry's origin, and its first challenge (null for none). */
  void learn(Origin registryOrigin, AuthChallenge first) {
    own = registryOrigin;
    challenge = first;
  }

  @Override
  public HttpResponse<InputStream> send(RegistryRequest request) throws RegistryException {
    if (!Origin.of(request.url()).equals(own)) {
      return next.send(request);
    }
    String sent = authorization(request.scopes()).orElse(null);
    HttpResponse<InputStream> reply = next.send(withAuthorization(request, sent));
    if (reply.statusCode() == 401 && renew(reply, request.scopes(), sent)) {
      TimedHttp.finish(reply);
      return next.send(withAuthorization(request, authorization(request.scopes()).orElse(null)));
    }
    return reply;
  }

  private static RegistryRequest withAuthorization(RegistryRequest request, String value) {
    return value == null ? request : request.withHeader("Authorization", value);
  }

  /** The Authorization header for these scopes, fetching a token when the registry wants one. */
  private Optional<String> authorization(List<String> scopes) throws RegistryException {
    AuthChallenge current = challenge;
    if (current == null) {
      return Optional.empty();
    }
    if (current.isBasic()) {
      Optional<Credential> credential = credentials.lookup(registry);
      if (credential.isEmpty() || !mayReceiveCredentials(own)) {
        return Optional.empty();
      }
      return Optional.of(basic(credential.get()));
    }
    if (current.isBearer()) {
      return Optional.of("Bearer " + tokens.token(current, scopes));
    }
    return Optional.empty();
  }

  /** After a 401: whether a new challenge or a renewed token is worth one more try. */
  private boolean renew(HttpResponse<?> response, List<String> scopes, String sentAuthorization)
      throws RegistryException {
    AuthChallenge fresh =
        AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(null));
    if (fresh == null) {
      return false;
    }
    AuthChallenge before = challenge;
    challenge = fresh;
    if (fresh.isBearer()) {
      tokens.refused(scopes, sentAuthorization);
      return true;
    }
    return fresh.isBasic() && (before == null || !before.isBasic())
        && credentials.lookup(registry).isPresent();
  }

  /** Credentials travel over TLS, or in the clear only where plain HTTP is allowed. */
  private boolean mayReceiveCredentials(Origin origin) {
    return !origin.isPlainHttp() || mayUsePlainHttp.test(origin);
  }

  static String basic(Credential credential) {
    String pair = credential.getUsername() + ":" + credential.getPassword();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
