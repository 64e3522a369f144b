package dev.mirror.registry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenServerTest {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  private static TokenServer tokens;
  private static LocalRegistry registry;
  private static PushedImage image;

  @BeforeAll
  static void start() {
    tokens = TokenServer.builder()
        .user("reader", "reader-pw", "pull")
        .user("writer", "writer-pw", "pull", "push")
        .allow(null, "public/.*", "pull")
        .start();
    registry = LocalRegistry.builder().tokenAuth(tokens).start();
    image = new TestImages(registry, Credentials.basic("writer", "writer-pw"))
        .pushOciImage("team/app", "v1");
  }

  @AfterAll
  static void stop() {
    registry.close();
    tokens.close();
  }

  @BeforeEach
  void clean() {
    tokens.resetRequests();
  }

  private static int status(String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(registry.baseUri().resolve(path))
        .method(method, BodyPublishers.noBody())
        .header("Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Map<String, Object> claims(String jwt) {
    String[] parts = jwt.split("\\.");
    assertEquals(3, parts.length);
    return Json.parseObject(Base64.getUrlDecoder().decode(parts[1]));
  }

  @Test
  void readerPullsButIsDeniedPushWriterPushes() {
    var reader = new TestRegistryClient(registry, Credentials.basic("reader", "reader-pw"));
    assertEquals(image.digest(), reader.tagDigest("team/app", "v1").orElseThrow());
    HttpResponse<byte[]> denied = reader.send("team/app", "POST", "/v2/team/app/blobs/uploads/",
        Map.of(), BodyPublishers::noBody);
    // Distribution 2.8 answers a token without push 401 insufficient_scope, not 403.
    assertEquals(401, denied.statusCode());
    assertTrue(denied.headers().firstValue("WWW-Authenticate").orElseThrow()
        .contains("error=\"insufficient_scope\""));

    PushedImage pushed = new TestImages(registry, Credentials.basic("writer", "writer-pw"))
        .pushDockerImage("team/other", "v1");
    assertEquals(pushed.digest(), Sha256.digest(Skopeo.inspectRaw(registry, pushed.byDigest(),
        Credentials.basic("writer", "writer-pw"))));
    assertTrue(tokens.requests().stream().allMatch(r -> r.status() == 200));
    assertTrue(tokens.requestCount() >= 2);
  }

  @Test
  void tokenGrantsExactlyTheScopeAskedFor() throws Exception {
    String pullOnly = tokens.issue("writer", "repository:team/app:pull");
    assertEquals(200, status("GET", "/v2/team/app/manifests/v1", pullOnly));
    assertEquals(401, status("POST", "/v2/team/app/blobs/uploads/", pullOnly));
    assertEquals(401, status("GET", "/v2/team/other/manifests/v1", pullOnly));

    String pushPull = tokens.issue("writer", "repository:team/app:pull,push");
    assertEquals(202, status("POST", "/v2/team/app/blobs/uploads/", pushPull));

    Map<String, Object> claims = claims(pullOnly);
    assertEquals("writer", claims.get("sub"));
    assertEquals(tokens.service(), claims.get("aud"));
    assertEquals(tokens.issuer(), claims.get("iss"));
    assertEquals(List.of(Map.of("type", "repository", "name", "team/app",
        "actions", List.of("pull"))), claims.get("access"));
  }

  @Test
  void policyLimitsWhatIsGrantedAndAnonymousGetsOnlyPublicPulls() throws Exception {
    // The reader asks for push too and gets pull alone.
    assertEquals(List.of(Map.of("type", "repository", "name", "team/app",
            "actions", List.of("pull"))),
        claims(tokens.issue("reader", "repository:team/app:pull,push")).get("access"));
    assertEquals(List.of(), claims(tokens.issue(null, "repository:team/app:pull")).get("access"));

    HttpResponse<byte[]> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(tokens.realm()
            + "?service=test-registry&scope=repository:public/x:pull,push"
            + "&scope=repository:team/app:pull")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, anonymous.statusCode());
    Map<String, Object> answer = Json.parseObject(anonymous.body());
    assertEquals(answer.get("token"), answer.get("access_token"));
    assertEquals(300L, answer.get("expires_in"));
    assertNotNull(answer.get("issued_at"));
    assertEquals(List.of(Map.of("type", "repository", "name", "public/x",
        "actions", List.of("pull"))), claims((String) answer.get("token")).get("access"));
    TokenRequest recorded = tokens.requests().get(0);
    assertNull(recorded.user());
    assertEquals(List.of("repository:public/x:pull,push", "repository:team/app:pull"),
        recorded.scopes());
  }

  @Test
  void wrongPasswordAndWrongServiceAreRefused() throws Exception {
    String basic = Credentials.basic("reader", "wrong").basicHeader();
    HttpResponse<String> wrongPassword = HTTP.send(HttpRequest.newBuilder(URI.create(
            tokens.realm() + "?service=test-registry&scope=repository:team/app:pull"))
        .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, wrongPassword.statusCode());
    HttpResponse<String> wrongService = HTTP.send(HttpRequest.newBuilder(URI.create(
            tokens.realm() + "?service=elsewhere")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, wrongService.statusCode());
    assertEquals(2, tokens.requestCount());
  }

  private static Map<String, Object> postForm(Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(tokens.realm())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    return Json.parseObject(response.body());
  }

  @Test
  void oauthPasswordGrantGivesARefreshTokenThatWorks() throws Exception {
    Map<String, Object> first = postForm(Map.of("grant_type", "password", "username", "writer",
        "password", "writer-pw", "service", "test-registry", "client_id", "mirror-tests",
        "access_type", "offline", "scope", "repository:team/app:pull repository:team/x:push"));
    String refresh = (String) first.get("refresh_token");
    assertNotNull(refresh);
    assertEquals(2, ((List<?>) claims((String) first.get("access_token")).get("access")).size());

    Map<String, Object> renewed = postForm(Map.of("grant_type", "refresh_token",
        "refresh_token", refresh, "service", "test-registry", "client_id", "mirror-tests",
        "scope", "repository:team/app:pull"));
    String token = (String) renewed.get("access_token");
    assertEquals("writer", claims(token).get("sub"));
    assertEquals(200, status("GET", "/v2/team/app/manifests/v1", token));
    assertEquals(List.of("password", "refresh_token"),
        tokens.requests().stream().map(TokenRequest::grantType).toList());
  }

  @Test
  void shortLivedTokensExpireAtTheRegistryWhenLeewayIsCompensated() throws Exception {
    try (TokenServer shortLived = TokenServer.builder().user("u", "p", "pull")
            .tokenLifetime(Duration.ofSeconds(2)).compensateRegistryLeeway().start();
        LocalRegistry strict = LocalRegistry.builder().tokenAuth(shortLived).start()) {
      String token = shortLived.issue("u", "repository:none/here:pull");
      long issued = System.currentTimeMillis();
      // 404: the token was accepted, the repository just does not exist.
      assertEquals(404, statusAt(strict, "/v2/none/here/manifests/v1", token));
      // exp is in whole seconds: past issued + 2 s, the registry must refuse it.
      Thread.sleep(Math.max(0, issued + 2100 - System.currentTimeMillis()));
      assertEquals(401, statusAt(strict, "/v2/none/here/manifests/v1", token));
      assertFalse(strict.log().isEmpty());
    }
  }

  private static int statusAt(LocalRegistry target, String path, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(target.baseUri().resolve(path))
            .header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
