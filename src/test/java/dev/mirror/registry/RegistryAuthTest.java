package dev.mirror.registry;

import static dev.mirror.copy.Mirroring.assertStatus;
import static dev.mirror.copy.Mirroring.job;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.Mirroring;
import dev.mirror.registry.testing.Credentials;
import dev.mirror.registry.testing.DockerConfigs;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import dev.mirror.registry.testing.TokenServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth from a docker config.json, and the bearer-token flow with a real token check. */
class RegistryAuthTest {
  private static LocalRegistry source;
  private static LocalRegistry basicDestination;
  private static TokenServer tokens;
  private static LocalRegistry tokenRegistry;
  private static PushedImage index;

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    basicDestination = LocalRegistry.builder().basicAuth("pusher", "push-secret").start();
    tokens = TokenServer.builder()
        .user("writer", "write-secret", "pull", "push")
        .user("reader", "read-secret", "pull")
        .start();
    tokenRegistry = LocalRegistry.builder().tokenAuth(tokens).start();
    index = new TestImages(source).pushOciIndex("src/auth", "a");
  }

  @AfterAll
  static void stop() {
    tokenRegistry.close();
    tokens.close();
    basicDestination.close();
    source.close();
  }

  private static MirrorResult mirror(Path config, LocalRegistry destination, String repo) {
    return Mirroring.run(Mirroring.registries(config), job(source, index, destination, repo, "a"))
        .get(0);
  }

  @Test
  void basicAuthFromDockerConfig(@TempDir Path dir) {
    Path config = DockerConfigs.write(dir, Map.of(basicDestination.host(), "pusher:push-secret"));
    assertStatus(MirrorStatus.MIRRORED, mirror(config, basicDestination, "basic/a"));
    TestImages check = new TestImages(basicDestination, Credentials.basic("pusher", "push-secret"));
    assertTrue(check.tagDigest("basic/a", "a").orElseThrow().equals(index.digest()));
  }

  @Test
  void noCredentialsIsAClearUnauthorizedError(@TempDir Path dir) {
    Path config = DockerConfigs.write(dir, Map.of("elsewhere.example.com", "x:y"));
    MirrorResult result = mirror(config, basicDestination, "basic/none");
    assertStatus(MirrorStatus.FAILED, result);
    assertTrue(result.error().contains(basicDestination.host())
        && result.error().contains("401"), result.error());
  }

  @Test
  void wrongPasswordIsRefused(@TempDir Path dir) {
    Path config = DockerConfigs.write(dir, Map.of(basicDestination.host(), "pusher:wrong"));
    MirrorResult result = mirror(config, basicDestination, "basic/wrong");
    assertStatus(MirrorStatus.FAILED, result);
    assertTrue(result.error().contains("401"), result.error());
  }

  @Test
  void bearerTokensFromTheTokenServer(@TempDir Path dir) {
    tokens.resetRequests();
    Path config = DockerConfigs.write(dir, Map.of(tokenRegistry.host(), "writer:write-secret"));
    assertStatus(MirrorStatus.MIRRORED, mirror(config, tokenRegistry, "token/a"));
    // Tokens are cached per scope: a handful, not one per request.
    assertTrue(tokens.requestCount() <= 4, "token requests: " + tokens.requests());
    TestImages check = new TestImages(tokenRegistry, Credentials.basic("writer", "write-secret"));
    assertTrue(check.tagDigest("token/a", "a").orElseThrow().equals(index.digest()));
  }

  @Test
  void identityTokenFromDockerConfigUsesTheOAuth2Form(@TempDir Path dir) throws Exception {
    // What `docker login` stores for registries that hand out refresh tokens.
    HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            tokens.realm())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=writer"
            + "&password=write-secret&access_type=offline&client_id=test&service="
            + tokens.service()))
        .build(), HttpResponse.BodyHandlers.ofString());
    String refresh = login.body().replaceAll("(?s).*\"refresh_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertTrue(refresh.matches("[0-9a-f-]{36}"), login.body());
    Path config = dir.resolve("config.json");
    DockerConfigs.remember(refresh);
    Files.writeString(config, "{\"auths\": {\"" + tokenRegistry.host() + "\": {\"auth\": \""
        + Base64.getEncoder().encodeToString("<token>:".getBytes(StandardCharsets.UTF_8))
        + "\", \"identitytoken\": \"" + refresh + "\"}}}");
    tokens.resetRequests();
    assertStatus(MirrorStatus.MIRRORED, mirror(config, tokenRegistry, "token/identity"));
    assertTrue(tokens.requests().stream().anyMatch(r -> "refresh_token".equals(r.grantType())
        && r.status() == 200), tokens.requests().toString());
    assertTrue(tokens.requests().stream().noneMatch(r -> r.method().equals("GET")),
        "the identity token went as a password: " + tokens.requests());
  }

  @Test
  void aTokenWithoutPushScopeFailsClearly(@TempDir Path dir) {
    Path config = DockerConfigs.write(dir, Map.of(tokenRegistry.host(), "reader:read-secret"));
    MirrorResult result = mirror(config, tokenRegistry, "token/denied");
    assertStatus(MirrorStatus.FAILED, result);
    assertTrue(result.error().contains(tokenRegistry.host() + "/token/denied"), result.error());
    assertTrue(result.error().contains("push access"), result.error());
  }

  @Test
  void unknownUserIsRefusedByTheTokenServer(@TempDir Path dir) {
    Path config = DockerConfigs.write(dir, Map.of(tokenRegistry.host(), "nobody:nothing"));
    MirrorResult result = mirror(config, tokenRegistry, "token/nobody");
    assertStatus(MirrorStatus.FAILED, result);
    assertTrue(result.error().contains("token server") && result.error().contains("nobody"),
        result.error());
  }

  @Test
  void destinationServesThePinnedDigestAfterTokenAuth(@TempDir Path dir) {
    Path config = DockerConfigs.write(dir, Map.of(tokenRegistry.host(), "writer:write-secret"));
    assertStatus(MirrorStatus.MIRRORED, mirror(config, tokenRegistry, "token/exact"));
    assertTrue(new TestImages(tokenRegistry, Credentials.basic("writer", "write-secret"))
        .manifestBytes("token/exact", index.digest()).isPresent());
  }
}
