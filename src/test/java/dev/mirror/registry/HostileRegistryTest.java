package dev.mirror.registry;

import static dev.mirror.copy.Mirroring.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.Mirroring;
import dev.mirror.registry.testing.DockerConfigs;
import dev.mirror.registry.testing.HostileServer;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.SyntheticContent;
import dev.mirror.registry.testing.TestCertificate;
import dev.mirror.registry.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries that misbehave on purpose (a {@link HostileServer} in front of synthetic content),
 * mirrored to a real one: credentials go nowhere but their own origin, nothing waits past the
 * stall limit, and what the source controls (nesting, sizes) cannot take the run down.
 */
class HostileRegistryTest {
  /** Short, so the suite stays quick; long enough that a loaded machine's honest reply beats it. */
  private static final Duration STALL = Duration.ofSeconds(1);
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String SECRET = "canary-secret-7f3a";

  private static LocalRegistry destination;

  @BeforeAll
  static void start() {
    destination = LocalRegistry.start();
  }

  @AfterAll
  static void stop() {
    destination.close();
  }

  private static MirrorJob job(String sourceHost, SyntheticContent.Item image, String target) {
    return new MirrorJob("//:" + target, RepositoryName.parse(sourceHost + "/src/app"),
        RepositoryName.parse(destination.host() + "/" + target), Digest.parse(image.digest()),
        "v1");
  }

  private static List<MirrorResult> mirror(Registries registries, MirrorJob... jobs) {
    return assertTimeoutPreemptively(DEADLINE, () -> Mirroring.run(registries, jobs));
  }

  private static Registries fast() {
    return Mirroring.registries(STALL, Mirroring.NO_DOCKER_CONFIG);
  }

  private static void assertNoSecretIn(String text) {
    assertFalse(text != null && text.contains(SECRET), "the secret leaked: " + text);
  }

  private static void assertMirrored(SyntheticContent.Item image, String repository,
      MirrorResult result) {
    assertStatus(MirrorStatus.MIRRORED, result);
    assertEquals(Optional.of(image.digest()),
        TestImages.tagDigest(destination, repository, "v1"));
  }

  // Credentials.

  @Test
  void anUploadLocationOnAnotherHostGetsNoCredentials(@TempDir Path dir) {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("upload-elsewhere", 0, bytes("layer one"));
    try (HostileServer source = HostileServer.start("127.0.0.1", content.registry());
        HostileServer elsewhere = HostileServer.start("127.0.0.2", (request, answer) ->
            answer.send(500, Map.of(), "{}"));
        HostileServer target = HostileServer.start("127.0.0.1", (request, answer) -> {
          if (request.header("authorization").isEmpty()) {
            answer.send(401, Map.of("WWW-Authenticate", "Basic realm=\"r\""), "{}");
          } else if (request.method().equals("POST")) {
            answer.send(202, Map.of("Location", "http://" + elsewhere.host() + "/upload/1"),
                new byte[0]);
          } else {
            answer.send(404, Map.of(), "{}");
          }
        })) {
      Path config = DockerConfigs.write(dir, Map.of(target.host(), "pusher:" + SECRET));
      MirrorJob job = new MirrorJob("//:elsewhere", RepositoryName.parse(source.host()
          + "/src/app"), RepositoryName.parse(target.host() + "/dst/app"),
          Digest.parse(image.digest()), "v1");
      MirrorResult result = mirror(Mirroring.registries(STALL, config), job).get(0);

      assertStatus(MirrorStatus.FAILED, result);
      assertFalse(elsewhere.requests().isEmpty(), "the upload went to its Location");
      elsewhere.requests().forEach(request -> assertTrue(
          request.header("authorization").isEmpty(), "credentials sent to " + elsewhere.host()
              + ": " + request));
      assertTrue(target.requests().stream().anyMatch(r -> r.header("authorization").isPresent()),
          "the registry itself did get its credentials");
      assertNoSecretIn(result.error());
    }
  }

  @Test
  void anHttpsRegistryRedirectingToPlainHttpOnItsOwnHostAndPortGetsNoCredentials(
      @TempDir Path dir) {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("downgrade", 0, bytes("downgraded layer"));
    AtomicInteger port = new AtomicInteger();
    try (HostileServer source = HostileServer.start("127.0.0.1",
        Optional.of(TestCertificate.shared()), (request, answer) -> {
          if (!request.tls()) {
            if (request.path().equals("/v2/")) {
              answer.send(400, Map.of(), "plain HTTP on a TLS port"); // as Go answers
            } else {
              content.serve(request, answer); // the redirected blob
            }
          } else if (request.header("authorization").isEmpty()) {
            answer.send(401, Map.of("WWW-Authenticate", "Basic realm=\"r\""), "{}");
          } else if (request.path().contains("/blobs/")) {
            answer.send(307, Map.of("Location", "http://127.0.0.1:" + port.get()
                + request.target()), new byte[0]);
          } else {
            content.serve(request, answer);
          }
        })) {
      port.set(Integer.parseInt(source.host().substring(source.host().indexOf(':') + 1)));
      Path config = DockerConfigs.write(dir, Map.of(source.host(), "puller:" + SECRET));
      Registries registries = Mirroring.registries(
          TestCertificate.shared().certificatePath(), config);
      MirrorResult result = mirror(registries, job(source.host(), image, "downgrade/app"))
          .get(0);

      assertMirrored(image, "downgrade/app", result);
      List<HostileServer.Request> plain = source.requests().stream()
          .filter(r -> !r.tls() && r.path().contains("/blobs/")).toList();
      assertFalse(plain.isEmpty(), "the blobs were fetched over the redirect");
      plain.forEach(request -> assertTrue(request.header("authorization").isEmpty(),
          "credentials sent in the clear: " + request));
    }
  }

  @Test
  void aRedirectToAFileUrlIsAClearError() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("file-redirect", 0, bytes("layer"));
    try (HostileServer source = HostileServer.start("127.0.0.1", (request, answer) -> {
      if (request.path().contains("/blobs/")) {
        answer.send(302, Map.of("Location", "file:///etc/passwd"), new byte[0]);
      } else {
        content.serve(request, answer);
      }
    })) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "file/app")).get(0);
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(result.error().contains("redirected to \"file:///etc/passwd\", which is not an"
          + " http or https URL"), result.error());
    }
  }

  @Test
  void aRealmThatIsNotAnHttpUrlIsAClearError() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("bad-realm", 0, bytes("layer"));
    try (HostileServer source = HostileServer.start("127.0.0.1", (request, answer) -> answer.send(
        401, Map.of("WWW-Authenticate", "Bearer realm=\"ftp:not a url\",service=\"x\""),
        "{}"))) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "realm/app")).get(0);
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(result.error().contains("names the realm \"ftp:not a url\", which is not an"
          + " http or https URL"), result.error());
    }
  }

  // Deadlines: each of these hung the run before.

  /** Misbehaves on the first {@code times} requests that match, then serves the content. */
  private interface Misbehaviour {
    void act(HostileServer.Request request, HostileServer.Answer answer,
        SyntheticContent.Item item) throws java.io.IOException;
  }

  private static HostileServer flaky(SyntheticContent content, String method, String pathPart,
      int times, Misbehaviour misbehaviour) {
    AtomicInteger left = new AtomicInteger(times);
    return HostileServer.start("127.0.0.1", (request, answer) -> {
      if (request.method().equals(method) && request.path().contains(pathPart)
          && left.getAndDecrement() > 0) {
        byte[] body = "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
        misbehaviour.act(request, answer, new SyntheticContent.Item(null, null, body));
      } else {
        content.serve(request, answer);
      }
    });
  }

  private static long count(HostileServer server, String method, String pathPart) {
    return server.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
  }

  @Test
  void aPingWhoseBodyStallsIsNotWaitedFor() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("ping", 0, bytes("layer"));
    try (HostileServer source = flaky(content, "GET", "/v2/", 1,
        (request, answer, item) -> answer.stall(200, Map.of(), item.bytes(), 100, 2))) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "ping/app")).get(0);
      assertMirrored(image, "ping/app", result);
      assertEquals(1, source.requests().stream().filter(r -> r.path().equals("/v2/")).count());
    }
  }

  @Test
  void aManifestWhoseBodyStallsOrIsCutIsTriedAgain() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("manifest", 0, bytes("layer"));
    AtomicInteger n = new AtomicInteger();
    try (HostileServer source = flaky(content, "GET", "/manifests/", 2,
        (request, answer, item) -> {
          byte[] manifest = image.bytes();
          if (n.getAndIncrement() == 0) {
            answer.stall(200, Map.of("Content-Type", image.mediaType()), manifest,
                manifest.length, manifest.length / 2);
          } else {
            answer.cut(200, Map.of("Content-Type", image.mediaType()),
                java.util.Arrays.copyOf(manifest, 10), manifest.length);
          }
        })) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "manifest/app")).get(0);
      assertMirrored(image, "manifest/app", result);
      // Two bad replies, then the good one; a slow honest reply may add a try, never remove one.
      assertTrue(count(source, "GET", "/manifests/") >= 3);
    }
  }

  @Test
  void aReplyThatNeverComesIsTriedAgain() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("silent", 0, bytes("layer"));
    try (HostileServer source = flaky(content, "GET", "/blobs/", 1,
        (request, answer, item) -> answer.silence())) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "silent/app")).get(0);
      assertMirrored(image, "silent/app", result);
    }
  }

  @Test
  void anErrorBodyThatStallsEndsWithTheRegistrysStatus() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("error-body", 0, bytes("layer"));
    try (HostileServer source = flaky(content, "GET", "/manifests/", 100,
        (request, answer, item) -> answer.stall(404, Map.of(), item.bytes(), 1000, 3))) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "error/app")).get(0);
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(result.error().contains("fetching manifest") && result.error().contains("404"),
          result.error());
    }
  }

  @Test
  void aTokenReplyThatStallsIsTriedAgain() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("token", 0, bytes("layer"));
    AtomicInteger stalls = new AtomicInteger(2);
    try (HostileServer source = HostileServer.start("127.0.0.1", new TokenRegistry(content,
        (request, answer) -> {
          if (stalls.getAndDecrement() > 0) {
            answer.stall(200, Map.of("Content-Type", "application/json"),
                "{\"token\":\"t\"}".getBytes(StandardCharsets.UTF_8), 13, 4);
          } else {
            answer.send(200, Map.of("Content-Type", "application/json"), "{\"token\":\"t\"}");
          }
        }))) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "token/app")).get(0);
      assertMirrored(image, "token/app", result);
      assertTrue(count(source, "GET", "/token") >= 3);
    }
  }

  @Test
  void aTokenLifetimeBeyondTheClockIsReadAsADay() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("lifetime", 0, bytes("layer"));
    try (HostileServer source = HostileServer.start("127.0.0.1", new TokenRegistry(content,
        (request, answer) -> answer.send(200, Map.of("Content-Type", "application/json"),
            "{\"token\":\"t\",\"expires_in\":" + Long.MAX_VALUE + "}")))) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "lifetime/app")).get(0);
      assertMirrored(image, "lifetime/app", result);
    }
  }

  @Test
  void aTokenReplyWithoutATokenSaysSo() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("no-token", 0, bytes("layer"));
    try (HostileServer source = HostileServer.start("127.0.0.1", new TokenRegistry(content,
        (request, answer) -> answer.send(200, Map.of("Content-Type", "application/json"),
            "{\"expires_in\": 300}")))) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "no-token/app")).get(0);
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(result.error().endsWith("/token answered without a token"), result.error());
    }
  }

  @Test
  void anUploadWhoseReplyNeverComesFailsWithinTheDeadline() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("upload-silence", 0, bytes("layer"));
    try (HostileServer source = HostileServer.start("127.0.0.1", content.registry());
        HostileServer target = HostileServer.start("127.0.0.1", (request, answer) -> {
          if (request.method().equals("POST")) {
            answer.send(202, Map.of("Location", "/v2/dst/app/blobs/uploads/1"), new byte[0]);
          } else if (request.method().equals("PUT")) {
            answer.silence(); // the whole blob was sent: the reply never comes
          } else if (request.path().equals("/v2/")) {
            answer.send(200, Map.of(), "{}");
          } else {
            answer.send(404, Map.of(), "{}");
          }
        })) {
      MirrorJob job = new MirrorJob("//:silence", RepositoryName.parse(source.host()
          + "/src/app"), RepositoryName.parse(target.host() + "/dst/app"),
          Digest.parse(image.digest()), "v1");
      MirrorResult result = mirror(fast(), job).get(0);
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(result.error().contains("no reply within 1 s"), result.error());
      assertTrue(target.requests().stream().noneMatch(r -> r.path().contains("/manifests/v1")
          && r.method().equals("PUT")), "nothing was tagged");
    }
  }

  // What the source controls cannot take the run down.

  @Test
  void anIndexChainDeeperThanTheLimitFailsAloneAndTheOthersFinish() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item good = content.image("good", 0, bytes("good layer"));
    SyntheticContent.Item chain = content.image("bottom", 0, bytes("bottom layer"));
    for (int i = 0; i < 3000; i++) {
      chain = content.index(chain);
    }
    try (HostileServer source = HostileServer.start("127.0.0.1", content.registry())) {
      List<MirrorResult> results = mirror(fast(), job(source.host(), chain, "deep/app"),
          job(source.host(), good, "deep/good"));
      assertStatus(MirrorStatus.FAILED, results.get(0));
      assertTrue(results.get(0).error().contains("indexes nest deeper than 8 levels"),
          results.get(0).error());
      assertMirrored(good, "deep/good", results.get(1));
      assertTrue(count(source, "GET", "/manifests/") < 20, "stopped at the limit");
    }
  }

  @Test
  void manifestsLargerThanTheBudgetFailAlone() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item good = content.image("good", 0, bytes("good layer"));
    SyntheticContent.Item[] children = new SyntheticContent.Item[10];
    for (int i = 0; i < children.length; i++) {
      children[i] = content.image("big-" + i, 4 * 1024 * 1024 - 1024, bytes("layer " + i));
    }
    SyntheticContent.Item index = content.index(children);
    try (HostileServer source = HostileServer.start("127.0.0.1", content.registry())) {
      List<MirrorResult> results = mirror(fast(), job(source.host(), index, "big/app"),
          job(source.host(), good, "big/good"));
      assertStatus(MirrorStatus.FAILED, results.get(0));
      assertTrue(results.get(0).error().contains("manifests add up to more than 32 MiB"),
          results.get(0).error());
      assertMirrored(good, "big/good", results.get(1));
    }
  }

  @Test
  void anEndlessTokenReplyIsRefused() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("endless", 0, bytes("layer"));
    try (HostileServer source = HostileServer.start("127.0.0.1", new TokenRegistry(content,
        (request, answer) -> answer.endless(200, Map.of("Content-Type", "application/json"),
            3L * 1024 * 1024 * 1024)))) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "endless/app")).get(0);
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(result.error().contains("answered with more than 1024 KiB"), result.error());
    }
  }

  @Test
  void anEmptyLayerIsCopiedAndVerified() {
    SyntheticContent content = new SyntheticContent();
    SyntheticContent.Item image = content.image("empty-layer", 0, new byte[0], bytes("other"));
    try (HostileServer source = HostileServer.start("127.0.0.1", content.registry())) {
      MirrorResult result = mirror(fast(), job(source.host(), image, "empty/app")).get(0);
      assertMirrored(image, "empty/app", result);
      assertTrue(TestImages.blobExists(destination, "empty/app",
          "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
  }

  /** Bearer auth: {@code /v2/} challenges, {@code /token} answers as {@code tokens} says. */
  private record TokenRegistry(SyntheticContent content, HostileServer.Handler tokens)
      implements HostileServer.Handler {
    @Override
    public void handle(HostileServer.Request request, HostileServer.Answer answer)
        throws java.io.IOException {
      if (request.path().equals("/token")) {
        tokens.handle(request, answer);
      } else if (request.header("authorization").isEmpty()) {
        String realm = "http://" + request.header("host").orElseThrow() + "/token";
        answer.send(401, Map.of("WWW-Authenticate",
            "Bearer realm=\"" + realm + "\",service=\"hostile\""), "{}");
      } else {
        content.serve(request, answer);
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
