package dev.mirror.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A token server for a {@link LocalRegistry} with token auth, on a free loopback port: the
 * {@code GET /token} flow (HTTP Basic or anonymous) and the OAuth2 {@code POST /token} flow
 * (grant types {@code password} and {@code refresh_token}). Distribution ships no token server.
 * What a token grants comes from an {@link AccessPolicy}; every request is recorded.
 */
public final class TokenServer implements AutoCloseable {
  /**
   * Distribution 2.8 accepts a token up to this long after its {@code exp} (and before its
   * {@code nbf}) to allow for clock skew.
   */
  public static final Duration REGISTRY_LEEWAY = Duration.ofSeconds(60);

  private final HttpServer server;
  private final ExecutorService executor;
  private final AccessPolicy policy;
  private final JwtSigner signer;
  private final TestCertificate certificate;
  private final String service;
  private final String issuer;
  private final Duration lifetime;
  private final boolean compensateLeeway;
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

  private TokenServer(Builder builder) throws IOException {
    policy = builder.policy;
    certificate = builder.certificate != null ? builder.certificate : TestCertificate.shared();
    service = builder.service;
    issuer = builder.issuer;
    lifetime = builder.lifetime;
    compensateLeeway = builder.compensateLeeway;
    signer = new JwtSigner(certificate, issuer);
    executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "token-server");
      thread.setDaemon(true);
      return thread;
    });
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/token", this::handle);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The URL to put in the registry's {@code auth.token.realm}. */
  public URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  public String service() {
    return service;
  }

  public String issuer() {
    return issuer;
  }

  /** The PEM file for the registry's {@code auth.token.rootcertbundle}. */
  public Path certBundlePath() {
    return certificate.certificatePath();
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** How many token requests arrived, refused ones included. */
  public int requestCount() {
    return requests.size();
  }

  public List<TokenRequest> requests() {
    return List.copyOf(requests);
  }

  public void resetRequests() {
    requests.clear();
  }

  /**
   * Mints a token without an HTTP round trip, granting what the policy allows {@code user}
   * (null: anonymous) of each scope; for tests that need a token in hand.
   */
  public String issue(String user, String... scopes) {
    List<Scope> asked = new ArrayList<>();
    for (String scope : scopes) {
      asked.add(Scope.parse(scope));
    }
    return sign(user, asked);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Map<String, List<String>> params;
      if (method.equals("GET")) {
        params = formParams(exchange.getRequestURI().getRawQuery());
      } else if (method.equals("POST")) {
        params = formParams(new String(exchange.getRequestBody().readAllBytes(),
            StandardCharsets.UTF_8));
      } else {
        reply(exchange, 405, error("UNSUPPORTED", method + " not supported"));
        return;
      }
      List<String> scopes = new ArrayList<>();
      // Repeated scope parameters (Docker's GET flow) and space-separated ones (OAuth2) both occur.
      for (String value : params.getOrDefault("scope", List.of())) {
        for (String scope : value.split(" ")) {
          if (!scope.isBlank()) {
            scopes.add(scope);
          }
        }
      }
      String grantType = method.equals("POST") ? first(params, "grant_type") : null;
      Answer answer = method.equals("GET")
          ? answerGet(exchange, params, scopes)
          : answerPost(params, grantType, scopes);
      requests.add(new TokenRequest(method, grantType, answer.user(), scopes, answer.status()));
      if (answer.status() == 401) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"token-server\"");
      }
      reply(exchange, answer.status(), answer.body());
    }
  }

  private record Answer(int status, String user, byte[] body) {}

  private Answer answerGet(HttpExchange exchange, Map<String, List<String>> params,
      List<String> scopes) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String user = null;
    if (header != null) {
      Optional<String> authenticated = basicUser(header);
      if (authenticated.isEmpty()) {
        return new Answer(401, null, error("UNAUTHORIZED", "incorrect username or password"));
      }
      user = authenticated.get();
    }
    Optional<Answer> badService = checkService(params);
    if (badService.isPresent()) {
      return badService.get();
    }
    boolean offline = "true".equals(first(params, "offline_token"));
    return tokenAnswer(user, scopes, offline ? newRefreshToken(user) : null);
  }

  private Answer answerPost(Map<String, List<String>> params, String grantType,
      List<String> scopes) {
    Optional<Answer> badService = checkService(params);
    if (badService.isPresent()) {
      return badService.get();
    }
    if ("password".equals(grantType)) {
      Optional<String> user = policy.authenticate(first(params, "username"),
          first(params, "password"));
      if (user.isEmpty()) {
        return new Answer(401, null, oauthError("invalid_grant"));
      }
      boolean offline = "offline".equals(first(params, "access_type"));
      return tokenAnswer(user.get(), scopes, offline ? newRefreshToken(user.get()) : null);
    }
    if ("refresh_token".equals(grantType)) {
      String refreshToken = first(params, "refresh_token");
      String user = refreshToken == null ? null : refreshTokens.get(refreshToken);
      if (user == null) {
        return new Answer(401, null, oauthError("invalid_grant"));
      }
      return tokenAnswer(user, scopes, refreshToken);
    }
    return new Answer(400, null, oauthError("unsupported_grant_type"));
  }

  /** A token for the audience this server signs for; a request naming another one is refused. */
  private Optional<Answer> checkService(Map<String, List<String>> params) {
    String asked = first(params, "service");
    if (asked != null && !asked.equals(service)) {
      return Optional.of(new Answer(400, null,
          error("INVALID_SERVICE", "this server issues tokens for " + service + ", not " + asked)));
    }
    return Optional.empty();
  }

  private Answer tokenAnswer(String user, List<String> scopeTexts, String refreshToken) {
    List<Scope> asked = new ArrayList<>();
    for (String text : scopeTexts) {
      try {
        asked.add(Scope.parse(text));
      } catch (IllegalArgumentException e) {
        return new Answer(400, user, error("INVALID_SCOPE", e.getMessage()));
      }
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String token = sign(user, asked);
    byte[] body = Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("token", token);
      json.writeStringField("access_token", token);
      json.writeNumberField("expires_in", lifetime.toSeconds());
      json.writeStringField("issued_at", now.toString());
      if (refreshToken != null) {
        json.writeStringField("refresh_token", refreshToken);
      }
      json.writeEndObject();
    });
    return new Answer(200, user, body);
  }

  private String sign(String user, List<Scope> asked) {
    List<Scope> granted = new ArrayList<>();
    for (Scope scope : asked) {
      var actions = policy.grant(user, scope);
      if (!actions.isEmpty()) {
        granted.add(new Scope(scope.type(), scope.name(), actions));
      }
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiry = now.plus(lifetime);
    if (compensateLeeway) {
      expiry = expiry.minus(REGISTRY_LEEWAY);
    }
    return signer.sign(user == null ? "" : user, service, now, expiry, granted);
  }

  private String newRefreshToken(String user) {
    if (user == null) {
      return null;
    }
    String token = UUID.randomUUID().toString();
    refreshTokens.put(token, user);
    return token;
  }

  private Optional<String> basicUser(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? Optional.empty()
        : policy.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private static Map<String, List<String>> formParams(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String first(Map<String, List<String>> params, String key) {
    List<String> values = params.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static byte[] error(String code, String message) {
    return Json.write(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("errors");
      json.writeStartObject();
      json.writeStringField("code", code);
      json.writeStringField("message", message);
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static byte[] oauthError(String code) {
    return Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("error", code);
      json.writeEndObject();
    });
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) {
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options for a token server; users and grants go into its {@link AccessPolicy}. */
  public static final class Builder {
    private final AccessPolicy policy = new AccessPolicy();
    private TestCertificate certificate;
    private String service = "test-registry";
    private String issuer = "test-issuer";
    private Duration lifetime = Duration.ofMinutes(5);
    private boolean compensateLeeway;

    private Builder() {}

    /** A user who may do {@code actions} (e.g. pull, push) on every repository. */
    public Builder user(String user, String password, String... actions) {
      policy.user(user, password).allow(user, ".*", actions);
      return this;
    }

    /** Lets {@code user} (null: anonymous) do {@code actions} on repositories matching a regex. */
    public Builder allow(String user, String repositoryRegex, String... actions) {
      policy.allow(user, repositoryRegex, actions);
      return this;
    }

    /** Anonymous requests may do {@code actions} on every repository (default: nothing). */
    public Builder anonymous(String... actions) {
      return allow(null, ".*", actions);
    }

    /** The registry's {@code auth.token.service}, used as the tokens' audience. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Signing certificate and bundle; defaults to {@link TestCertificate#shared()}. */
    public Builder certificate(TestCertificate certificate) {
      this.certificate = certificate;
      return this;
    }

    /** The {@code expires_in} answered and the span from {@code iat} to {@code exp}. */
    public Builder tokenLifetime(Duration lifetime) {
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Backdates {@code exp} by {@link #REGISTRY_LEEWAY} so the registry itself refuses a token
     * once its lifetime is over: without this, an expiry test would have to wait a minute longer.
     */
    public Builder compensateRegistryLeeway() {
      this.compensateLeeway = true;
      return this;
    }

    public TokenServer start() {
      try {
        return new TokenServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
