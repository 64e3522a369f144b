package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * How one registry wants to be authenticated, and the credentials or tokens that do it: the
 * challenge of its {@code /v2/} (or of a later 401), basic credentials from the docker config,
 * or bearer tokens fetched from its realm per scope (once however many threads ask), renewed on
 * expiry or when refused. Credentials go over TLS, or in the clear only to loopback hosts and
 * those named by {@code --insecure-registry}; the realm must be an http or https URL.
 */
final class RegistryAuth {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);
  /** Real tokens are a few KiB; a reply larger than this is hostile or broken. */
  static final int MAX_TOKEN_REPLY = 1024 * 1024;

  private final String registry;
  private final TimedHttp http;
  private final CredentialSource credentials;
  private final RetryPolicy retry;
  private final Predicate<Origin> mayUsePlainHttp;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();
  private volatile AuthChallenge challenge;

  private record Token(String value, Instant expires) {
    boolean fresh() {
      return Instant.now().plus(TOKEN_MARGIN).isBefore(expires);
    }
  }

  /**
   * @param mayUsePlainHttp the origins credentials may go to in the clear: loopback and those
   *     named by {@code --insecure-registry}
   */
  RegistryAuth(String registry, TimedHttp http, CredentialSource credentials, RetryPolicy retry,
      Predicate<Origin> mayUsePlainHttp) {
    this.registry = registry;
    this.http = http;
    this.credentials = credentials;
    this.retry = retry;
    this.mayUsePlainHttp = mayUsePlainHttp;
  }

  /** The registry's first challenge, from its {@code /v2/}. */
  void learn(AuthChallenge first) {
    challenge = first;
  }

  /** The Authorization header for these scopes, fetching a token when the registry wants one. */
  Optional<String> authorization(List<String> scopes, URI base) throws RegistryException {
    AuthChallenge current = challenge;
    if (current == null) {
      return Optional.empty();
    }
    if (current.isBasic()) {
      Optional<Credential> credential = credentials.lookup(registry);
      if (credential.isEmpty() || !mayReceiveCredentials(Origin.of(base))) {
        return Optional.empty();
      }
      return Optional.of(basic(credential.get()));
    }
    if (current.isBearer()) {
      String key = String.join(" ", scopes);
      Token token = tokens.get(key);
      if (token == null || !token.fresh()) {
        // One fetch per scope, however many transfers start at once.
        synchronized (tokenLocks.computeIfAbsent(key, k -> new Object())) {
          token = tokens.get(key);
          if (token == null || !token.fresh()) {
            token = fetchToken(current, scopes, base);
            tokens.put(key, token);
          }
        }
      }
      return Optional.of("Bearer " + token.value());
    }
    return Optional.empty();
  }

  /** After a 401: whether a new challenge or a renewed token is worth one more try. */
  boolean renew(HttpResponse<?> response, List<String> scopes, String sentAuthorization)
      throws RegistryException {
    AuthChallenge fresh =
        AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(null));
    if (fresh == null) {
      return false;
    }
    AuthChallenge before = challenge;
    challenge = fresh;
    if (fresh.isBearer()) {
      // Drop the refused token only: another thread may have renewed it already.
      tokens.computeIfPresent(String.join(" ", scopes),
          (key, token) -> ("Bearer " + token.value()).equals(sentAuthorization) ? null : token);
      return true;
    }
    return fresh.isBasic() && (before == null || !before.isBasic())
        && credentials.lookup(registry).isPresent();
  }

  private Token fetchToken(AuthChallenge bearer, List<String> scopes, URI base)
      throws RegistryException {
    String realm = bearer.param("realm");
    if (realm == null) {
      throw new RegistryException(registry + ": the bearer challenge names no realm");
    }
    URI realmUri;
    Origin realmOrigin;
    try {
      realmUri = new URI(realm);
      realmOrigin = Origin.of(realmUri);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new RegistryException(registry + ": the bearer challenge names the realm \""
          + RegistryTransport.printable(realm) + "\", which is not an http or https URL");
    }
    String shownRealm = RegistryTransport.printable(realm);
    Optional<Credential> credential = credentials.lookup(registry);
    if (credential.isPresent() && !mayReceiveCredentials(realmOrigin)) {
      throw new RegistryException(registry + ": refusing to send credentials to the token server "
          + shownRealm + " over plain HTTP (name its host with --insecure-registry if that is"
          + " meant)");
    }
    String service = bearer.param("service");
    HttpRequest.Builder request;
    if (credential.isPresent() && credential.get().isOAuth2RefreshToken()) {
      StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=mirror")
          .append("&refresh_token=").append(RegistryTransport.encode(credential.get().getPassword()));
      if (service != null) {
        form.append("&service=").append(RegistryTransport.encode(service));
      }
      form.append("&scope=").append(RegistryTransport.encode(String.join(" ", scopes)));
      request = HttpRequest.newBuilder(realmUri)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    } else {
      StringBuilder query = new StringBuilder();
      if (service != null) {
        query.append("service=").append(RegistryTransport.encode(service));
      }
      for (String scope : scopes) {
        query.append(query.length() == 0 ? "" : "&").append("scope=")
            .append(RegistryTransport.encode(scope));
      }
      String separator = realm.contains("?") ? "&" : "?";
      try {
        request = HttpRequest.newBuilder(new URI(realm + separator + query)).GET();
      } catch (URISyntaxException e) {
        throw new RegistryException(registry + ": the realm " + shownRealm
            + " cannot take a query");
      }
      credential.ifPresent(c -> request.header("Authorization", basic(c)));
    }
    if (realmOrigin.isPlainHttp()) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    TimedHttp.BufferedReply reply;
    try {
      reply = http.sendRetrying(request.build(), retry, retry.attempts(), MAX_TOKEN_REPLY,
          registry + ": the token server " + shownRealm);
    } catch (IOException e) {
      throw new RegistryException(registry + ": the token server " + shownRealm
          + " did not answer: " + RegistryTransport.describe(e), 0, null, e);
    }
    if (reply.status() != 200) {
      throw new RegistryException(registry + ": the token server " + shownRealm + " refused "
          + (credential.isPresent() ? "the credentials for " + credential.get().getUsername()
              : "anonymous access") + " to " + String.join(" ", scopes) + ": "
          + ErrorReply.describe(reply.status(), reply.body()), reply.status(), null, null);
    }
    if (!reply.complete()) {
      throw new RegistryException(registry + ": the token server " + shownRealm
          + " answered with more than " + MAX_TOKEN_REPLY / 1024 + " KiB; refusing it");
    }
    try {
      JsonNode json = JSON.readTree(reply.body());
      String token = json == null ? ""
          : json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new RegistryException(registry + ": the token server " + shownRealm
            + " answered without a token");
      }
      // Within a minute and a day: a hostile or broken number must not overflow the clock.
      long lifetime = Math.min(Math.max(json.path("expires_in").asLong(60), 60), 86_400);
      return new Token(token, Instant.now().plusSeconds(lifetime));
    } catch (IOException e) {
      throw new RegistryException(registry + ": the token server " + shownRealm
          + " answered with something that is not JSON", 0, null, null);
    }
  }

  /** Credentials travel over TLS, or in the clear only where plain HTTP is allowed. */
  private boolean mayReceiveCredentials(Origin origin) {
    return !origin.isPlainHttp() || mayUsePlainHttp.test(origin);
  }

  private static String basic(Credential credential) {
    String pair = credential.getUsername() + ":" + credential.getPassword();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
