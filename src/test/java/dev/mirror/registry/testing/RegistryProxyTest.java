package dev.mirror.registry.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryProxyTest {
  private static final String BLOB_PATH = "/v2/.+/blobs/sha256:[0-9a-f]{64}";

  private static LocalRegistry registry;
  private static RegistryProxy proxy;
  private static PushedImage image;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  @BeforeAll
  static void start() {
    registry = LocalRegistry.start();
    proxy = RegistryProxy.start(registry);
    image = new TestImages(registry).pushOciImage("proxied/app", "v1");
  }

  @AfterAll
  static void stop() {
    proxy.close();
    registry.close();
  }

  @BeforeEach
  void clean() {
    proxy.clearFaults();
    proxy.reset();
  }

  private static HttpResponse<byte[]> get(String target, Map<String, String> headers)
      throws IOException, InterruptedException {
    URI uri = target.startsWith("http") ? URI.create(target) : proxy.baseUri().resolve(target);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String firstLayer() {
    return image.blobs().keySet().iterator().next();
  }

  @Test
  void pushThroughProxyIsRecordedAndUploadsStayOnTheProxy() {
    PushedImage pushed = new TestImages(proxy).pushDockerImage("via/proxy", "v1");
    assertEquals(3, proxy.count("POST", "/v2/via/proxy/blobs/uploads/"));
    // The registry's Location points at itself; rewritten, the PUTs came back through the proxy.
    assertEquals(3, proxy.count("PUT", "/v2/via/proxy/blobs/uploads/.+"));
    assertEquals(1, proxy.count("PUT", "/v2/via/proxy/manifests/v1"));
    assertTrue(proxy.requests().stream().allMatch(r -> r.status() < 300), proxy.requests().toString());
    assertArrayEquals(pushed.manifestBytes(),
        TestImages.manifestBytes(registry, "via/proxy", "v1").orElseThrow());
    assertTrue(proxy.requests().stream().noneMatch(RecordedRequest::hasAuthorization));
  }

  @Test
  void keptAliveConnectionsCarrySeveralRequests() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(200, get("/v2/", Map.of()).statusCode());
    }
    assertEquals(1, proxy.requests().stream().map(RecordedRequest::connection).distinct().count(),
        proxy.requests().toString());
  }

  @Test
  void expectContinueIsAnsweredByTheProxy() throws Exception {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.digest(content);
    HttpResponse<byte[]> started = HTTP.send(HttpRequest.newBuilder(
            proxy.baseUri().resolve("/v2/expect/app/blobs/uploads/"))
        .POST(BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    String location = started.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> put = HTTP.send(HttpRequest.newBuilder(
            URI.create(location + "&digest=" + digest))
        .expectContinue(true).PUT(BodyPublishers.ofByteArray(content)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(201, put.statusCode(), new String(put.body()));
    assertTrue("100-continue".equalsIgnoreCase(proxy.requests().get(1).header("Expect")));
    assertTrue(TestImages.blobExists(registry, "expect/app", digest));
  }

  @Test
  void anUpstreamThatIsGoneGives502() throws Exception {
    LocalRegistry gone = LocalRegistry.start();
    gone.close();
    try (RegistryProxy orphan = RegistryProxy.start(gone)) {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(orphan.baseUri().resolve("/v2/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(502, response.statusCode());
      assertEquals(502, orphan.requests().get(0).status());
    }
  }

  @Test
  void tooManyRequestsFiresThenPassesThrough() throws Exception {
    FaultRule rule = proxy.inject("GET", "/v2/.+/manifests/.+", Fault.tooManyRequests(7), 1);
    String target = "/v2/proxied/app/manifests/v1";
    Map<String, String> accept = Map.of("Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
    HttpResponse<byte[]> limited = get(target, accept);
    assertEquals(429, limited.statusCode());
    assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
    HttpResponse<byte[]> passed = get(target, accept);
    assertEquals(200, passed.statusCode());
    assertArrayEquals(image.manifestBytes(), passed.body());
    assertEquals(1, rule.fired());
    assertEquals(2, proxy.count("GET", "/v2/proxied/app/manifests/v1"));
    assertEquals(429, proxy.requests().get(0).status());
  }

  @Test
  void serviceUnavailableOnHeadFiresTwice() throws Exception {
    proxy.inject("HEAD", BLOB_PATH, Fault.serviceUnavailable(), 2);
    HttpRequest head = HttpRequest.newBuilder(
            proxy.baseUri().resolve("/v2/proxied/app/blobs/" + firstLayer()))
        .method("HEAD", BodyPublishers.noBody()).build();
    assertEquals(503, HTTP.send(head, HttpResponse.BodyHandlers.discarding()).statusCode());
    assertEquals(503, HTTP.send(head, HttpResponse.BodyHandlers.discarding()).statusCode());
    assertEquals(200, HTTP.send(head, HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void resetMidBodyBreaksOneDownload() throws Exception {
    FaultRule rule = proxy.inject("GET", BLOB_PATH, Fault.resetMidBody(), 1);
    String target = "/v2/proxied/app/blobs/" + firstLayer();
    assertThrows(IOException.class, () -> get(target, Map.of()));
    HttpResponse<byte[]> whole = get(target, Map.of());
    assertEquals(200, whole.statusCode());
    assertEquals(firstLayer(), Sha256.digest(whole.body()));
    assertEquals(1, rule.fired());
  }

  @Test
  void resetOnAnEmptyBodyCutsTheHead() throws Exception {
    proxy.inject("GET", "/v2/", Fault.resetMidBody(), 1);
    assertThrows(IOException.class, () -> get("/v2/", Map.of()));
    assertEquals(200, get("/v2/", Map.of()).statusCode());
  }

  @Test
  void blobRedirectGoesToAnotherHostWithoutAuthorization() throws Exception {
    proxy.inject("GET", BLOB_PATH, Fault.redirectToOtherHost(), 1);
    HttpResponse<byte[]> redirect = get("/v2/proxied/app/blobs/" + firstLayer(),
        Map.of("Authorization", "Bearer not-for-the-cdn"));
    assertEquals(307, redirect.statusCode());
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertEquals(proxy.otherHost(), location.getRawAuthority());
    assertFalse(location.getRawAuthority().equals(proxy.host()));

    HttpResponse<byte[]> blob = get(location.toString(), Map.of());
    assertEquals(200, blob.statusCode());
    assertEquals(firstLayer(), Sha256.digest(blob.body()));
    assertEquals(1, proxy.otherHostRequests().size());
    assertFalse(proxy.otherHostRequests().get(0).hasAuthorization());
  }

  @Test
  void strictRedirectTargetRefusesAuthorization() throws Exception {
    proxy.inject("GET", BLOB_PATH, Fault.redirectToOtherHostRejectingAuthorization(), 1);
    HttpResponse<byte[]> redirect = get("/v2/proxied/app/blobs/" + firstLayer(), Map.of());
    String location = redirect.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> refused = get(location, Map.of("Authorization", "Bearer leaked"));
    assertEquals(400, refused.statusCode());
    assertTrue(proxy.otherHostRequests().get(0).hasAuthorization());
    assertEquals(200, get(location, Map.of()).statusCode());
  }

  @Test
  void tokenAuthWorksThroughTheProxyAndRedirectsCarryNoCredentials() throws Exception {
    try (TokenServer tokens = TokenServer.builder().user("writer", "pw", "pull", "push").start();
        LocalRegistry secured = LocalRegistry.builder().tokenAuth(tokens).start();
        RegistryProxy front = RegistryProxy.start(secured)) {
      PushedImage pushed = new TestImages(front, Credentials.basic("writer", "pw"))
          .pushOciImage("secured/app", "v1");
      RecordedRequest first = front.requests().get(0);
      assertEquals(401, first.status());
      assertFalse(first.hasAuthorization());
      assertTrue(front.requests().stream().skip(1).allMatch(RecordedRequest::hasAuthorization));

      // The other host fetches with the credentials the redirect carried, like a signed URL.
      front.inject("GET", BLOB_PATH, Fault.redirectToOtherHost(), 1);
      String layer = pushed.blobs().keySet().iterator().next();
      String token = tokens.issue("writer", "repository:secured/app:pull");
      HttpResponse<byte[]> redirect = HTTP.send(HttpRequest.newBuilder(
              front.baseUri().resolve("/v2/secured/app/blobs/" + layer))
          .header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(307, redirect.statusCode());
      HttpResponse<byte[]> blob = get(redirect.headers().firstValue("Location").orElseThrow(),
          Map.of());
      assertEquals(200, blob.statusCode());
      assertEquals(layer, Sha256.digest(blob.body()));
      assertFalse(front.otherHostRequests().get(0).hasAuthorization());
    }
  }

  @Test
  void largeBlobsStreamBothWaysWithChunkedAndFixedLength() throws Exception {
    long size = 16L << 20;
    String digest;
    try (var in = new PseudoRandomStream(7, size)) {
      digest = Sha256.digest(in);
    }
    // Chunked PATCH (no length known to the client), then an empty PUT with the digest.
    HttpResponse<byte[]> started = HTTP.send(HttpRequest.newBuilder(
            proxy.baseUri().resolve("/v2/big/blob/blobs/uploads/"))
        .POST(BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(202, started.statusCode());
    String location = started.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(proxy.baseUri().toString()), location);
    HttpResponse<byte[]> patched = HTTP.send(HttpRequest.newBuilder(URI.create(location))
        .method("PATCH", BodyPublishers.ofInputStream(() -> new PseudoRandomStream(7, size)))
        .header("Content-Type", "application/octet-stream").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(202, patched.statusCode(), new String(patched.body()));
    String next = patched.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> done = HTTP.send(HttpRequest.newBuilder(
            URI.create(next + "&digest=" + digest)).PUT(BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(201, done.statusCode(), new String(done.body()));
    assertTrue(proxy.requests().stream()
        .anyMatch(r -> "chunked".equals(r.header("Transfer-Encoding"))));

    HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(
            proxy.baseUri().resolve("/v2/big/blob/blobs/" + digest)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, download.statusCode());
    try (InputStream body = download.body()) {
      assertEquals(digest, Sha256.digest(body));
    }
  }
}
