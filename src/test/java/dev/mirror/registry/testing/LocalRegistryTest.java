package dev.mirror.registry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class LocalRegistryTest {
  private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
    return client.send(HttpRequest.newBuilder(java.net.URI.create(uri)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void plainRegistryAnswersAndCleansUpOnClose() throws Exception {
    LocalRegistry registry = LocalRegistry.builder().accessLog(true).start();
    Path storage = registry.storageDir();
    try {
      assertTrue(registry.host().matches("127\\.0\\.0\\.1:\\d+"), registry.host());
      assertEquals("http://" + registry.host(), registry.baseUri().toString());
      HttpResponse<String> v2 = get(HttpClient.newHttpClient(), registry.baseUri() + "/v2/");
      assertEquals(200, v2.statusCode());
      assertEquals("registry/2.0",
          v2.headers().firstValue("Docker-Distribution-Api-Version").orElseThrow());

      new TestImages(registry).pushOciImage("cleanup/app", "v1");
      assertTrue(Files.isDirectory(storage.resolve("docker/registry/v2/repositories/cleanup/app")));
      // The access log lines go to the captured output.
      assertTrue(registry.awaitLog("\"PUT /v2/cleanup/app/manifests/v1 HTTP/1.1\" 201",
          Duration.ofSeconds(5)), registry.log());
    } finally {
      registry.close();
    }
    assertFalse(registry.isRunning());
    assertFalse(Files.exists(storage));
  }

  @Test
  void registriesAreIndependent() {
    try (LocalRegistry one = LocalRegistry.start(); LocalRegistry two = LocalRegistry.start()) {
      assertFalse(one.host().equals(two.host()));
      PushedImage image = new TestImages(one).pushOciImage("only/one", "v1");
      assertTrue(TestImages.tagDigest(one, "only/one", "v1").isPresent());
      assertFalse(TestImages.tagDigest(two, "only/one", "v1").isPresent());
      assertFalse(TestImages.blobExists(two, "only/one", image.blobs().keySet().iterator().next()));
    }
  }

  @Test
  void basicAuthRefusesAnonymousPushAndAcceptsTheUser() {
    try (LocalRegistry registry = LocalRegistry.builder()
        .basicAuth("alice", "alice-secret").basicAuth("bob", "bob-secret").start()) {
      var anonymous = new TestRegistryClient(registry, Credentials.anonymous());
      HttpResponse<byte[]> refused = anonymous.send("private/app", "POST",
          "/v2/private/app/blobs/uploads/", Map.of(), BodyPublishers::noBody);
      assertEquals(401, refused.statusCode());
      assertTrue(refused.headers().firstValue("WWW-Authenticate").orElseThrow()
          .startsWith("Basic realm="));

      var wrong = new TestRegistryClient(registry, Credentials.basic("alice", "nope"));
      assertEquals(401, wrong.send("private/app", "POST", "/v2/private/app/blobs/uploads/",
          Map.of(), BodyPublishers::noBody).statusCode());

      Credentials bob = Credentials.basic("bob", "bob-secret");
      PushedImage image = new TestImages(registry, bob).pushDockerImage("private/app", "v1");
      assertEquals(image.digest(), Sha256.digest(
          Skopeo.inspectRaw(registry, image.byDigest(), bob)));
    }
  }

  @Test
  void tlsRegistryServesItsCertificate() throws Exception {
    try (LocalRegistry registry = LocalRegistry.builder().tls().start()) {
      assertEquals("https", registry.baseUri().getScheme());
      HttpClient trusting = HttpClient.newBuilder()
          .sslContext(registry.sslContext().orElseThrow()).build();
      assertEquals(200, get(trusting, registry.baseUri() + "/v2/").statusCode());
      // The same endpoint by name: the certificate names localhost too.
      assertEquals(200, get(trusting, "https://localhost:" + registry.baseUri().getPort()
          + "/v2/").statusCode());
      // A client that does not trust the test certificate is refused.
      Exception refused = assertThrows(Exception.class,
          () -> get(HttpClient.newHttpClient(), registry.baseUri() + "/v2/"));
      assertTrue(refused instanceof SSLHandshakeException
          || refused.getCause() instanceof SSLHandshakeException, refused.toString());

      PushedImage image = new TestImages(registry).pushOciIndex("secure/app", "v1");
      assertEquals(image.digest(), Sha256.digest(Skopeo.inspectRaw(registry, image.byDigest())));
    }
  }

  @Test
  void aRegistryThatCannotStartSaysWhy() {
    TestCertificate shared = TestCertificate.shared();
    Path missingKey = Path.of("/nonexistent/test.key");
    TestCertificate broken = new TestCertificate(shared.certificatePath(), missingKey,
        shared.certificate(), shared.privateKey());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LocalRegistry.builder().tls(broken).start().close());
    assertTrue(e.getMessage().contains("exited with"), e.getMessage());
    // The registry's own output names the problem.
    assertTrue(e.getMessage().contains("/nonexistent/test.key"), e.getMessage());
  }
}
