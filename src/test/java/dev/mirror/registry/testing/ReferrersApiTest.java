package dev.mirror.registry.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReferrersApiTest {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private static LocalRegistry registry;
  private static ReferrersApi api;
  private static TestImages images;
  private static TestArtifacts throughApi;

  @BeforeAll
  static void start() {
    registry = LocalRegistry.start();
    api = ReferrersApi.start(registry);
    images = new TestImages(registry);
    throughApi = new TestArtifacts(api);
  }

  @AfterAll
  static void stop() {
    api.close();
    registry.close();
  }

  @BeforeEach
  void clean() {
    api.reset();
    api.proxy().clearFaults();
  }

  private static HttpResponse<String> get(RegistryEndpoint endpoint, String target)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(endpoint.baseUri().resolve(target))
        .timeout(Duration.ofSeconds(10)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void plainDistributionAnswers404ToTheReferrersPath() throws Exception {
    PushedImage image = images.pushOciImage("plain/app", "v1");
    new TestArtifacts(registry).pushSpdxSbom(Subject.of(image), "s");
    // The subject exists; the 404 is for the path, which Distribution 2.8 does not route.
    assertEquals(404, get(registry, "/v2/plain/app/referrers/" + image.digest()).statusCode());
    assertEquals(404, new TestArtifacts(registry)
        .listReferrers("plain/app", image.digest(), null).status());
  }

  @Test
  void listsWhatWasPushedThroughItWithArtifactTypeAndAnnotations() {
    PushedImage image = images.pushOciImage("api/app", "v1");
    Subject subject = Subject.of(image);
    PushedArtifact sbom = throughApi.pushSpdxSbom(subject, "sbom");
    PushedArtifact signature = throughApi.pushCosignSignatureReferrer(subject, "sig");
    PushedArtifact attestation = throughApi.pushAttestationReferrer(subject, "att");

    for (PushedArtifact referrer : List.of(sbom, signature, attestation)) {
      assertEquals(image.digest(), referrer.answeredSubject(), referrer.toString());
    }
    TestArtifacts.Listing listing = throughApi.listReferrers("api/app", image.digest(), null);
    assertEquals(200, listing.status());
    assertEquals(MediaTypes.OCI_INDEX, listing.contentType());
    assertNull(listing.filtersApplied());
    assertEquals(List.of(sbom.descriptor(), signature.descriptor(), attestation.descriptor()),
        listing.manifests());
    assertEquals(MediaTypes.SPDX_JSON, listing.manifests().get(0).artifactType());
    assertEquals(TestArtifacts.CREATED,
        listing.manifests().get(0).annotations().get(TestArtifacts.CREATED_ANNOTATION));
    assertEquals(listing.manifests(), api.referrers("api/app", image.digest()));
    assertEquals(1, api.referrersRequests());
    // The same subject in another repository has none.
    assertEquals(List.of(), throughApi.listReferrers("api/other", image.digest(), null)
        .manifests());
  }

  @Test
  void filtersByArtifactTypeAndSaysSo() {
    PushedImage image = images.pushOciImage("api/filter", "v1");
    PushedArtifact sbom = throughApi.pushSpdxSbom(Subject.of(image), "sbom");
    throughApi.pushCosignSignatureReferrer(Subject.of(image), "sig");

    TestArtifacts.Listing sboms =
        throughApi.listReferrers("api/filter", image.digest(), MediaTypes.SPDX_JSON);
    assertEquals("artifactType", sboms.filtersApplied());
    assertEquals(List.of(sbom.descriptor()), sboms.manifests());
    TestArtifacts.Listing none =
        throughApi.listReferrers("api/filter", image.digest(), "application/vnd.none");
    assertEquals(200, none.status());
    assertEquals(List.of(), none.manifests());
  }

  @Test
  void unknownSubjectGivesAnEmptyIndex() throws Exception {
    HttpResponse<String> response =
        get(api, "/v2/api/empty/referrers/sha256:" + "0".repeat(64));
    assertEquals(200, response.statusCode());
    assertEquals(MediaTypes.OCI_INDEX,
        response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[]}", response.body());
    assertEquals(400, get(api, "/v2/api/empty/referrers/not-a-digest").statusCode());
  }

  @Test
  void taggedCosignArtifactsAndImagesAreNoReferrers() {
    PushedImage image = new TestImages(api).pushOciImage("api/tagged", "v1");
    PushedArtifact signature = throughApi.pushCosignSignature(Subject.of(image), "sig");
    assertNull(signature.answeredSubject());
    assertEquals(List.of(), api.referrers("api/tagged", image.digest()));
    assertEquals(0, api.referrersRequests(), "pushing makes no referrers requests");
    assertEquals(0, api.proxy().count("*", ReferrersApi.REFERRERS_PATH));
  }

  @Test
  void signatureOnAnSbomIsListedUnderTheSbom() {
    PushedImage image = images.pushOciImage("api/depth", "v1");
    PushedArtifact sbom = throughApi.pushSpdxSbom(Subject.of(image), "sbom");
    PushedArtifact signature = throughApi.pushCosignSignatureReferrer(Subject.of(sbom), "sig");
    assertEquals(List.of(sbom.descriptor()),
        throughApi.listReferrers("api/depth", image.digest(), null).manifests());
    assertEquals(List.of(signature.descriptor()),
        throughApi.listReferrers("api/depth", sbom.digest(), null).manifests());
  }

  @Test
  void knowsContentPushedPastItOnlyWhenToldAndForgetsDeletedReferrers() {
    PushedImage image = images.pushOciImage("api/seed", "v1");
    PushedArtifact direct = new TestArtifacts(registry).pushSpdxSbom(Subject.of(image), "d");
    assertEquals(List.of(), throughApi.listReferrers("api/seed", image.digest(), null)
        .manifests());
    api.remember(direct);
    assertEquals(List.of(direct.descriptor()),
        throughApi.listReferrers("api/seed", image.digest(), null).manifests());

    var deleted = throughApi.client().send("api/seed", "DELETE",
        "/v2/api/seed/manifests/" + direct.digest(), Map.of(), BodyPublishers::noBody);
    assertEquals(202, deleted.statusCode());
    assertEquals(List.of(), api.referrers("api/seed", image.digest()));
  }

  @Test
  void chunkedManifestPutIsIndexedAndStoredExactly() {
    PushedImage image = images.pushOciImage("api/chunked", "v1");
    PushedArtifact direct = new TestArtifacts(registry).pushSpdxSbom(Subject.of(image), "c");
    byte[] bytes = direct.manifestBytes();
    // A publisher of unknown length: the client sends the body chunked.
    var response = throughApi.client().send("api/chunked", "PUT",
        "/v2/api/chunked/manifests/" + direct.digest(),
        Map.of("Content-Type", MediaTypes.OCI_MANIFEST),
        () -> BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
    assertEquals(201, response.statusCode(),
        new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(image.digest(), response.headers().firstValue("OCI-Subject").orElseThrow());
    assertEquals(List.of(direct.descriptor()), api.referrers("api/chunked", image.digest()));
    assertArrayEquals(bytes, images.manifestBytes("api/chunked", direct.digest()).orElseThrow());
  }

  @Test
  void faultsApplyToTheReferrersPathToo() {
    PushedImage image = images.pushOciImage("api/fault", "v1");
    FaultRule rule = api.proxy().inject("GET", ReferrersApi.REFERRERS_PATH,
        Fault.serviceUnavailable(), 1);
    assertEquals(503, throughApi.listReferrers("api/fault", image.digest(), null).status());
    assertEquals(200, throughApi.listReferrers("api/fault", image.digest(), null).status());
    assertEquals(1, rule.fired());
    assertEquals(2, api.referrersRequests());
  }

  @Test
  void accessIsTheUpstreamsDecision() throws Exception {
    try (LocalRegistry secured = LocalRegistry.builder().basicAuth("writer", "pw").start();
        ReferrersApi securedApi = ReferrersApi.start(secured)) {
      Credentials writer = Credentials.basic("writer", "pw");
      PushedImage image = new TestImages(secured, writer).pushOciImage("auth/app", "v1");
      PushedArtifact sbom =
          new TestArtifacts(securedApi, writer).pushSpdxSbom(Subject.of(image), "s");

      HttpResponse<String> anonymous =
          get(securedApi, "/v2/auth/app/referrers/" + image.digest());
      assertEquals(401, anonymous.statusCode());
      assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()
          .startsWith("Basic"), anonymous.headers().toString());
      assertTrue(!anonymous.body().contains(sbom.digest()), anonymous.body());

      TestArtifacts.Listing allowed =
          new TestArtifacts(securedApi, writer).listReferrers("auth/app", image.digest(), null);
      assertEquals(200, allowed.status());
      assertEquals(List.of(sbom.descriptor()), allowed.manifests());
      assertEquals(401, new TestArtifacts(securedApi, Credentials.basic("writer", "wrong"))
          .listReferrers("auth/app", image.digest(), null).status());
    }
  }

  @Test
  void otherTrafficPassesThroughUnchanged() throws Exception {
    PushedImage image = new TestImages(api).pushOciIndex("api/pass", "v1");
    assertArrayEquals(image.manifestBytes(), images.manifestBytes("api/pass", "v1").orElseThrow());
    HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(
            api.baseUri().resolve("/v2/api/pass/referrers/" + image.digest()))
        .method("HEAD", BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, head.statusCode(), "only GET is the referrers API; HEAD goes upstream");
    assertTrue(api.proxy().requests().stream()
        .filter(r -> r.method().equals("PUT") && r.path().contains("/manifests/"))
        .allMatch(r -> r.status() == 201));
  }
}
