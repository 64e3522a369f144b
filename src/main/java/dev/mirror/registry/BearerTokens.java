package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A registry's bearer tokens: fetched from the realm its challenge names, per scope, once however
 * many threads ask, kept until shortly before they expire or the registry refuses them. The realm
 * must be an http or https URL; credentials go to it only where they may go in the clear or over
 * TLS; its reply is read to at most 1 MiB.
 */
final class BearerTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);
  /** Real tokens are a few KiB; a reply larger than this is hostile or broken. */
  static final int MAX_TOKEN_REPLY = 1024 * 1024;

  private final String registry;
  private final Retrying retrying;
  private final RetryPolicy retry;
  private final CredentialSource credentials;
  private final Predicate<Origin> mayReceiveCredentials;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();

  private record Token(String value, Instant expires) {
    boolean fresh() {
      return Instant.now().plus(TOKEN_MARGIN).isBefore(expires);
    }
  }

  BearerTokens(String registry, Retrying retrying, RetryPolicy retry,
      CredentialSource credentials, Predicate<Origin> mayReceiveCredentials) {
    this.registry = registry;
    this.retrying = retrying;
    this.retry = retry;
    this.credentials = credentials;
    this.mayReceiveCredentials = mayReceiveCredentials;
  }

  /** A fresh token for these scopes, as the challenge says to get one. */
  String token(AuthChallenge bearer, List<String> scopes) throws RegistryException {
    String key = String.join(" ", scopes);
    Token token = tokens.get(key);
    if (token == null || !token.fresh()) {
      // One fetch per scope, however many transfers start at once.
      synchronized (tokenLocks.computeIfAbsent(key, k -> new Object())) {
        token = tokens.get(key);
        if (token == null || !token.fresh()) {
          token = fetch(bearer, scopes);
          tokens.put(key, token);
        }
      }
    }
    return token.value();
  }

  /** Forgets the token the registry refused (only that one: another thread may have renewed it). */
  void refused(List<String> scopes, String sentAuthorization) {
    tokens.computeIfPresent(String.join(" ", scopes),
        (key, token) -> ("Bearer " + token.value()).equals(sentAuthorization) ? null : token);
  }

  private Token fetch(AuthChallenge bearer, List<String> scopes) throws RegistryException {
    String realm = bearer.param("realm");
    if (realm == null) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL,
          registry + ": the bearer challenge names no realm");
    }
    URI realmUri;
    Origin realmOrigin;
    try {
      realmUri = new URI(realm);
      realmOrigin = Origin.of(realmUri);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL, registry
          + ": the bearer challenge names the realm \"" + ErrorReply.printable(realm)
          + "\", which is not an http or https URL");
    }
    String shownRealm = ErrorReply.printable(realm);
    Optional<Credential> credential = credentials.lookup(registry);
    if (credential.isPresent() && !mayReceiveCredentials.test(realmOrigin)) {
      throw new RegistryException(RegistryException.Kind.INSECURE, registry
          + ": refusing to send credentials to the token server " + shownRealm
          + " over plain HTTP (name its host with --insecure-registry if that is meant)");
    }
    String service = bearer.param("service");
    HttpRequest.Builder request;
    if (credential.isPresent() && credential.get().isOAuth2RefreshToken()) {
      StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=mirror")
          .append("&refresh_token=").append(encode(credential.get().getPassword()));
      if (service != null) {
        form.append("&service=").append(encode(service));
      }
      form.append("&scope=").append(encode(String.join(" ", scopes)));
      request = HttpRequest.newBuilder(realmUri)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    } else {
      StringBuilder query = new StringBuilder();
      if (service != null) {
        query.append("service=").append(encode(service));
      }
      for (String scope : scopes) {
        query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
      }
      String separator = realm.contains("?") ? "&" : "?";
      try {
        request = HttpRequest.newBuilder(new URI(realm + separator + query)).GET();
      } catch (URISyntaxException e) {
        throw new RegistryException(RegistryException.Kind.PROTOCOL, registry + ": the realm "
            + shownRealm + " cannot take a query");
      }
      credential.ifPresent(c -> request.header("Authorization", Authenticator.basic(c)));
    }
    if (realmOrigin.isPlainHttp()) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    TimedHttp.BufferedReply reply;
    try {
      reply = retrying.fetch(request.build(), retry, MAX_TOKEN_REPLY,
          registry + ": the token server " + shownRealm);
    } catch (IOException e) {
      throw new RegistryException(e instanceof RegistryException r
          && r.kind() == RegistryException.Kind.INTERRUPTED ? r.kind()
              : RegistryException.Kind.TRANSIENT, registry + ": the token server " + shownRealm
          + " did not answer: " + TimedHttp.describe(e), e);
    }
    if (reply.status() != 200) {
      throw RegistryException.reply(registry + ": the token server " + shownRealm + " refused "
          + (credential.isPresent() ? "the credentials for " + credential.get().getUsername()
              : "anonymous access") + " to " + String.join(" ", scopes) + ": "
          + ErrorReply.describe(reply.status(), reply.body()),
          ErrorReply.parse(reply.status(), reply.body()), null);
    }
    if (!reply.complete()) {
      throw new RegistryException(RegistryException.Kind.TOO_LARGE, registry
          + ": the token server " + shownRealm + " answered with more than "
          + MAX_TOKEN_REPLY / 1024 + " KiB; refusing it");
    }
    JsonNode json;
    try {
      json = JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL, registry
          + ": the token server " + shownRealm + " answered with something that is not JSON");
    }
    String token = json == null ? ""
        : json.path("token").asText(json.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL, registry
          + ": the token server " + shownRealm + " answered without a token");
    }
    // Within a minute and a day: a hostile or broken number must not overflow the clock.
    long lifetime = Math.min(Math.max(json.path("expires_in").asLong(60), 60), 86_400);
    return new Token(token, Instant.now().plusSeconds(lifetime));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
