package dev.mirror.registry.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every artifact kind against a plain Distribution 2.8, which has no referrers API. */
class TestArtifactsTest {
  private static final String EMPTY_DIGEST =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

  private static LocalRegistry registry;
  private static TestImages images;
  private static TestArtifacts artifacts;

  @BeforeAll
  static void start() {
    registry = LocalRegistry.start();
    images = new TestImages(registry);
    artifacts = new TestArtifacts(registry);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  /** The manifest reads back byte-exact by digest, and so does each of its blobs. */
  private static void assertStoredExactly(PushedArtifact artifact) {
    assertArrayEquals(artifact.manifestBytes(),
        images.manifestBytes(artifact.repository(), artifact.digest()).orElseThrow());
    for (var blob : artifact.blobs().entrySet()) {
      var response = artifacts.client().send(artifact.repository(), "GET",
          "/v2/" + artifact.repository() + "/blobs/" + blob.getKey(), Map.of(),
          java.net.http.HttpRequest.BodyPublishers::noBody);
      assertEquals(200, response.statusCode(), blob.getKey());
      assertArrayEquals(blob.getValue(), response.body(), blob.getKey());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(PushedArtifact artifact) {
    return Json.parseObject(artifact.manifestBytes());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyLayer(PushedArtifact artifact) {
    List<Object> layers = (List<Object>) json(artifact).get("layers");
    assertEquals(1, layers.size());
    return (Map<String, Object>) layers.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Object subjectDigestField(PushedArtifact artifact) {
    Object subject = json(artifact).get("subject");
    return subject == null ? null : ((Map<String, Object>) subject).get("digest");
  }

  @Test
  void cosignSignatureGoesUnderTheSigTagWithoutSubject() {
    PushedImage image = images.pushOciImage("cosign/sig", "v1");
    PushedArtifact signature = artifacts.pushCosignSignature(Subject.of(image), "key-1");

    assertEquals("sha256-" + image.hex() + ".sig", signature.tag());
    assertEquals(signature.digest(),
        images.tagDigest("cosign/sig", signature.tag()).orElseThrow());
    assertStoredExactly(signature);
    assertNull(subjectDigestField(signature));
    assertFalse(json(signature).containsKey("artifactType"));
    assertEquals(MediaTypes.OCI_CONFIG, signature.artifactType());

    Map<String, Object> layer = onlyLayer(signature);
    assertEquals(MediaTypes.COSIGN_SIMPLE_SIGNING, layer.get("mediaType"));
    String signatureText = (String) ((Map<?, ?>) layer.get("annotations"))
        .get(TestArtifacts.SIGNATURE_ANNOTATION);
    assertEquals(64, java.util.Base64.getDecoder().decode(signatureText).length);
    byte[] payload = signature.blobs().get((String) layer.get("digest"));
    Map<String, Object> critical = (Map<String, Object>) Json.parseObject(payload).get("critical");
    assertEquals(image.digest(), ((Map<?, ?>) critical.get("image")).get("docker-manifest-digest"));
    assertNull(signature.answeredSubject(), "plain Distribution does not answer OCI-Subject");
  }

  @Test
  void cosignSignatureReferrerHasSubjectAndArtifactTypeAndNoTag() {
    PushedImage image = images.pushOciImage("cosign/ref", "v1");
    PushedArtifact signature = artifacts.pushCosignSignatureReferrer(Subject.of(image), "key-1");

    assertNull(signature.tag());
    assertTrue(signature.referrer());
    assertStoredExactly(signature);
    assertEquals(image.digest(), subjectDigestField(signature));
    assertEquals(MediaTypes.COSIGN_SIGNATURE_ARTIFACT, json(signature).get("artifactType"));
    assertEquals(MediaTypes.COSIGN_SIGNATURE_ARTIFACT, signature.descriptor().artifactType());
    assertEquals(Map.of(TestArtifacts.CREATED_ANNOTATION, TestArtifacts.CREATED),
        signature.descriptor().annotations());
    assertTrue(images.tagDigest("cosign/ref", "sha256-" + image.hex() + ".sig").isEmpty());
  }

  @Test
  void attestationIsADsseEnvelopeWithItsPredicateType() {
    PushedImage image = images.pushOciImage("cosign/att", "v1");
    PushedArtifact tagged = artifacts.pushCosignAttestation(Subject.of(image), "build-1");
    PushedArtifact referrer = artifacts.pushAttestationReferrer(Subject.of(image), "build-1");

    assertEquals("sha256-" + image.hex() + ".att", tagged.tag());
    assertEquals(tagged.digest(), images.tagDigest("cosign/att", tagged.tag()).orElseThrow());
    for (PushedArtifact attestation : List.of(tagged, referrer)) {
      assertStoredExactly(attestation);
      Map<String, Object> layer = onlyLayer(attestation);
      assertEquals(MediaTypes.DSSE_ENVELOPE, layer.get("mediaType"));
      assertEquals(TestArtifacts.SLSA_PROVENANCE,
          ((Map<?, ?>) layer.get("annotations")).get(TestArtifacts.PREDICATE_TYPE_ANNOTATION));
      Map<String, Object> envelope =
          Json.parseObject(attestation.blobs().get((String) layer.get("digest")));
      String statement = new String(java.util.Base64.getDecoder()
          .decode((String) envelope.get("payload")), StandardCharsets.UTF_8);
      assertTrue(statement.contains(image.hex()), statement);
    }
    assertNull(subjectDigestField(tagged));
    assertEquals(image.digest(), subjectDigestField(referrer));
    assertEquals(MediaTypes.IN_TOTO, referrer.artifactType());
  }

  @Test
  void spdxSbomIsAnOci11ArtifactWithTheEmptyConfig() {
    PushedImage index = images.pushOciIndex("sbom/app", "v1");
    PushedArtifact sbom = artifacts.pushSpdxSbom(Subject.of(index), "sbom-1");

    assertStoredExactly(sbom);
    assertNull(sbom.tag());
    Map<String, Object> manifest = json(sbom);
    assertEquals(MediaTypes.SPDX_JSON, manifest.get("artifactType"));
    Map<?, ?> config = (Map<?, ?>) manifest.get("config");
    assertEquals(MediaTypes.OCI_EMPTY, config.get("mediaType"));
    assertEquals(EMPTY_DIGEST, config.get("digest"));
    assertEquals(2L, config.get("size"));
    assertTrue(images.blobExists("sbom/app", EMPTY_DIGEST));
    assertEquals(MediaTypes.SPDX_JSON, onlyLayer(sbom).get("mediaType"));
    Map<?, ?> subject = (Map<?, ?>) manifest.get("subject");
    assertEquals(index.digest(), subject.get("digest"));
    assertEquals(MediaTypes.OCI_INDEX, subject.get("mediaType"));
    assertEquals((long) index.manifestBytes().length, subject.get("size"));
    assertEquals(MediaTypes.SPDX_JSON, sbom.descriptor().artifactType());
  }

  @Test
  void sbomOfAPlatformManifestAndASignatureOnTheSbom() {
    PushedImage index = images.pushOciIndex("sbom/platform", "v1");
    Subject platform = Subject.platform(index, 1);
    PushedArtifact sbom = artifacts.pushSpdxSbom(platform, "arm64");
    PushedArtifact signature = artifacts.pushCosignSignatureReferrer(Subject.of(sbom), "key-2");

    assertEquals(index.childManifestDigests().get(1), subjectDigestField(sbom));
    assertEquals(MediaTypes.OCI_MANIFEST, ((Map<?, ?>) json(sbom).get("subject")).get("mediaType"));
    assertEquals(sbom.digest(), subjectDigestField(signature));
    assertEquals(sbom.digest(), signature.subjectDigest());
    assertStoredExactly(sbom);
    assertStoredExactly(signature);
  }

  @Test
  void contentIsAFunctionOfSubjectAndSeed() {
    PushedImage image = images.pushOciImage("seeded/app", "v1");
    Subject subject = Subject.of(image);
    PushedArtifact first = artifacts.pushSpdxSbom(subject, "same");
    PushedArtifact other = artifacts.pushSpdxSbom(subject, "other");
    assertNotEquals(first.digest(), other.digest());
    // Another registry, same subject descriptor: the same bytes (no registry checks a subject).
    try (LocalRegistry elsewhere = LocalRegistry.start()) {
      TestArtifacts there = new TestArtifacts(elsewhere);
      assertEquals(first.digest(), there.pushSpdxSbom(subject, "same").digest());
      assertEquals(artifacts.pushCosignSignatureReferrer(subject, "k").digest(),
          there.pushCosignSignatureReferrer(subject, "k").digest());
      assertEquals(artifacts.pushCosignAttestation(subject, "k").digest(),
          there.pushCosignAttestation(subject, "k").digest());
    }
    assertNotEquals(artifacts.pushCosignSignatureReferrer(subject, "k").digest(),
        artifacts.pushCosignSignatureReferrer(subject, "k2").digest());
  }

  @Test
  void referrersTagMergeAppendsAndKeepsExistingEntries() {
    PushedImage image = images.pushOciImage("fallback/app", "v1");
    Subject subject = Subject.of(image);
    assertTrue(artifacts.readReferrersTag("fallback/app", image.digest()).isEmpty());

    PushedArtifact unrelated = artifacts.addUnrelatedReferrersTagEntry(subject, "theirs");
    ReferrersIndex before = artifacts.readReferrersTag("fallback/app", image.digest())
        .orElseThrow();
    assertEquals("sha256-" + image.hex(), before.tag());
    assertEquals(List.of(unrelated.descriptor()), before.manifests());
    assertEquals(TestArtifacts.UNRELATED_ARTIFACT, before.manifests().get(0).artifactType());

    PushedArtifact sbom = artifacts.pushSpdxSbom(subject, "ours");
    PushedArtifact signature = artifacts.pushCosignSignatureReferrer(subject, "ours");
    ReferrersIndex merged = artifacts.mergeReferrersTag(subject, sbom, signature);
    assertEquals(List.of(unrelated.descriptor(), sbom.descriptor(), signature.descriptor()),
        merged.manifests());
    assertArrayEquals(merged.bytes(),
        images.manifestBytes("fallback/app", "sha256-" + image.hex()).orElseThrow());
    // The existing entry is carried over as it was, not rebuilt from a descriptor.
    assertEquals(((List<?>) Json.parseObject(before.bytes()).get("manifests")).get(0),
        ((List<?>) Json.parseObject(merged.bytes()).get("manifests")).get(0));

    ReferrersIndex again = artifacts.mergeReferrersTag(subject, sbom);
    assertEquals(merged.digest(), again.digest(), "an entry already there is not added twice");
  }

  @Test
  void referrersTagIsTheDigestWithADash() {
    String digest = "sha256:" + "ab".repeat(32);
    assertEquals("sha256-" + "ab".repeat(32), ReferrersIndex.tagFor(digest));
    assertEquals("sha512-" + "cd".repeat(32), ReferrersIndex.tagFor("sha512:" + "cd".repeat(64)));
    assertEquals("sha256-" + "ab".repeat(32) + ".sig", TestArtifacts.cosignTag(digest, "sig"));
  }
}
