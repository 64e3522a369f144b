package dev.mirror.copy;

import static dev.mirror.copy.Mirroring.assertServes;
import static dev.mirror.copy.Mirroring.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.OciDescriptor;
import dev.mirror.registry.testing.PushedArtifact;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.ReferrersApi;
import dev.mirror.registry.testing.ReferrersIndex;
import dev.mirror.registry.testing.RegistryEndpoint;
import dev.mirror.registry.testing.RegistryProxy;
import dev.mirror.registry.testing.Subject;
import dev.mirror.registry.testing.TestArtifacts;
import dev.mirror.registry.testing.TestImages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signatures, attestations and SBOMs travel with the image, between real Distribution 2.8
 * registries (no referrers API: the fallback tag on both sides) and the same registries behind
 * {@link ReferrersApi} (the API, and {@code OCI-Subject} on pushes). Every test uses its own
 * repositories.
 */
class ReferrersTest {
  private static LocalRegistry source;
  private static LocalRegistry destination;
  private static LocalRegistry sourceBehindApi;
  private static LocalRegistry destinationBehindApi;
  /** The source with the referrers API. */
  private static ReferrersApi sourceApi;
  /** The destination with the referrers API. */
  private static ReferrersApi destinationApi;

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    destination = LocalRegistry.start();
    sourceBehindApi = LocalRegistry.start();
    destinationBehindApi = LocalRegistry.start();
    sourceApi = ReferrersApi.start(sourceBehindApi);
    destinationApi = ReferrersApi.start(destinationBehindApi);
  }

  @AfterAll
  static void stop() {
    sourceApi.close();
    destinationApi.close();
    for (LocalRegistry r : List.of(source, destination, sourceBehindApi, destinationBehindApi)) {
      r.close();
    }
  }

  @Test
  void signaturesOnAnIndexAndOnOnePlatformWithoutTheApiOnEitherSide() {
    TestArtifacts artifacts = new TestArtifacts(source);
    PushedImage index = new TestImages(source).pushOciIndex("plain/app", "v1");
    PushedArtifact onIndex = artifacts.pushCosignSignatureReferrer(Subject.of(index), "index");
    PushedArtifact onArm = artifacts.pushCosignSignatureReferrer(Subject.platform(index, 1), "arm");
    artifacts.mergeReferrersTag(Subject.of(index), onIndex);
    artifacts.mergeReferrersTag(Subject.platform(index, 1), onArm);

    MirrorResult result = run(job(source, index, destination, "mirror/plain-app", "v1"));

    assertStatus(MirrorStatus.MIRRORED, result);
    assertEquals(2, result.transfers().referrersCopied());
    assertServes(destination, "mirror/plain-app", index, "v1");
    assertStored(destination, "mirror/plain-app", onIndex);
    assertStored(destination, "mirror/plain-app", onArm);
    assertListed(destination, "mirror/plain-app", index.digest(), onIndex);
    assertListed(destination, "mirror/plain-app", Subject.platform(index, 1).digest(), onArm);
  }

  @Test
  void anAttestationAndAnSbomWithItsOwnSignatureFromASourceWithTheApi() {
    TestArtifacts artifacts = new TestArtifacts(sourceApi);
    PushedImage image = new TestImages(sourceApi).pushOciImage("api/app", "v1");
    PushedArtifact attestation = artifacts.pushAttestationReferrer(Subject.of(image), "att");
    PushedArtifact sbom = artifacts.pushSpdxSbom(Subject.of(image), "sbom");
    PushedArtifact sbomSignature = artifacts.pushCosignSignatureReferrer(Subject.of(sbom), "sig");

    MirrorResult result = run(job(sourceApi, image, destination, "mirror/api-app", "v1"));

    assertStatus(MirrorStatus.MIRRORED, result);
    assertEquals(3, result.transfers().referrersCopied());
    for (PushedArtifact a : List.of(attestation, sbom, sbomSignature)) {
      assertStored(destination, "mirror/api-app", a);
    }
    assertListed(destination, "mirror/api-app", image.digest(), attestation);
    assertListed(destination, "mirror/api-app", image.digest(), sbom);
    assertListed(destination, "mirror/api-app", sbom.digest(), sbomSignature);
  }

  @Test
  void cosignTagsAndApiReferrersToADestinationWithTheApi() {
    TestArtifacts artifacts = new TestArtifacts(sourceApi);
    PushedImage image = new TestImages(sourceApi).pushOciImage("both/app", "v1");
    PushedArtifact signature = artifacts.pushCosignSignature(Subject.of(image), "tag-sig");
    PushedArtifact attestation = artifacts.pushCosignAttestation(Subject.of(image), "tag-att");
    PushedArtifact sbom = artifacts.pushSpdxSbom(Subject.of(image), "sbom");

    MirrorResult result = run(job(sourceApi, image, destinationApi, "mirror/both-app", "v1"));

    assertStatus(MirrorStatus.MIRRORED, result);
    assertEquals(3, result.transfers().referrersCopied());
    TestImages at = new TestImages(destinationApi);
    assertEquals(Optional.of(signature.digest()), at.tagDigest("mirror/both-app",
        TestArtifacts.cosignTag(image.digest(), "sig")));
    assertEquals(Optional.of(attestation.digest()), at.tagDigest("mirror/both-app",
        TestArtifacts.cosignTag(image.digest(), "att")));
    assertStored(destinationApi, "mirror/both-app", sbom);
    assertTrue(destinationApi.referrers("mirror/both-app", image.digest()).stream()
        .anyMatch(d -> d.digest().equals(sbom.digest())), "the destination's API lists the SBOM");
    assertEquals(Optional.empty(), at.tagDigest("mirror/both-app",
        ReferrersIndex.tagFor(image.digest())), "a destination with the API gets no fallback tag");
  }

  @Test
  void aDestinationFallbackListKeepsTheEntriesAlreadyThere() {
    TestArtifacts artifacts = new TestArtifacts(source);
    PushedImage image = new TestImages(source).pushOciImage("keep/app", "v1");
    PushedArtifact signature = artifacts.pushCosignSignatureReferrer(Subject.of(image), "sig");
    artifacts.mergeReferrersTag(Subject.of(image), signature);
    // The image is at the destination already, with a referrer no source has, listed.
    assertStatus(MirrorStatus.MIRRORED, run(Mirroring.job(source, image, destination,
        "mirror/keep-app", "v1")));
    Subject atDestination = new Subject("mirror/keep-app", OciDescriptor.of(image));
    PushedArtifact unrelated = new TestArtifacts(destination)
        .addUnrelatedReferrersTagEntry(atDestination, "theirs");

    MirrorResult result = run(job(source, image, destination, "mirror/keep-app", "v1"));

    assertStatus(MirrorStatus.UP_TO_DATE, result);
    assertEquals(1, result.transfers().referrersCopied());
    assertListed(destination, "mirror/keep-app", image.digest(), signature);
    assertListed(destination, "mirror/keep-app", image.digest(), unrelated);
  }

  @Test
  void aSecondRunWritesNothingAndALaterSignatureIsCopiedAlone() {
    TestArtifacts artifacts = new TestArtifacts(source);
    PushedImage index = new TestImages(source).pushOciIndex("again/app", "v1");
    PushedArtifact first = artifacts.pushCosignSignatureReferrer(Subject.of(index), "first");
    artifacts.mergeReferrersTag(Subject.of(index), first);
    PushedArtifact sbom = artifacts.pushSpdxSbom(Subject.platform(index, 0), "sbom");
    artifacts.mergeReferrersTag(Subject.platform(index, 0), sbom);
    PushedArtifact tagged = artifacts.pushCosignSignature(Subject.of(index), "tagged");
    try (RegistryProxy counted = RegistryProxy.start(destination)) {
      MirrorJob job = job(source, index, counted, "mirror/again-app", "v1");
      assertEquals(3, run(job).transfers().referrersCopied());
      counted.reset();

      MirrorResult again = run(job);

      assertStatus(MirrorStatus.UP_TO_DATE, again);
      assertEquals(0, again.transfers().referrersCopied());
      assertEquals(0, counted.count("PUT", ".*") + counted.count("POST", ".*")
          + counted.count("PATCH", ".*"), "an up-to-date run only reads");

      PushedArtifact later = artifacts.pushCosignSignatureReferrer(Subject.of(index), "later");
      artifacts.mergeReferrersTag(Subject.of(index), later);
      counted.reset();

      MirrorResult third = run(job);

      assertStatus(MirrorStatus.UP_TO_DATE, third);
      assertEquals(1, third.transfers().referrersCopied());
      assertListed(destination, "mirror/again-app", index.digest(), first);
      assertListed(destination, "mirror/again-app", index.digest(), later);
      assertEquals(1, counted.count("PUT", ".*/manifests/sha256:.*"),
          "only the new signature is pushed by digest");
      assertEquals(Optional.of(tagged.digest()), new TestImages(destination)
          .tagDigest("mirror/again-app", TestArtifacts.cosignTag(index.digest(), "sig")));
    }
  }

  @Test
  void withoutReferrersNothingAboutThemIsRead() {
    TestArtifacts artifacts = new TestArtifacts(sourceApi);
    PushedImage image = new TestImages(sourceApi).pushOciImage("off/app", "v1");
    artifacts.pushCosignSignature(Subject.of(image), "sig");
    artifacts.pushSpdxSbom(Subject.of(image), "sbom");
    sourceApi.reset();

    MirrorResult off = run(Mirroring.job(sourceApi, image, destination, "mirror/off-app", "v1"));

    assertStatus(MirrorStatus.MIRRORED, off);
    assertEquals(0, off.transfers().referrersCopied());
    assertEquals(0, sourceApi.referrersRequests());
    assertEquals(0, sourceApi.proxy().count("GET", ".*/manifests/sha256-.*")
        + sourceApi.proxy().count("HEAD", ".*/manifests/sha256-.*"));
    assertEquals(Optional.empty(), new TestImages(destination)
        .tagDigest("mirror/off-app", TestArtifacts.cosignTag(image.digest(), "sig")));

    // The same counters see them when referrers are asked for.
    MirrorResult on = run(job(sourceApi, image, destination, "mirror/off-app", "v1"));
    assertEquals(2, on.transfers().referrersCopied());
    assertTrue(sourceApi.referrersRequests() > 0);
  }

  /**
   * Two targets of one image in one destination repository, in one run: the signature is pushed
   * once and counted once, and the fallback tag, which both jobs keep, lists it.
   */
  @Test
  void twoTargetsOfOneImageShareItsReferrers() {
    TestArtifacts artifacts = new TestArtifacts(source);
    PushedImage image = new TestImages(source).pushOciImage("shared/app", "v1");
    PushedArtifact signature = artifacts.pushCosignSignatureReferrer(Subject.of(image), "sig");
    PushedArtifact sbom = artifacts.pushSpdxSbom(Subject.of(image), "sbom");
    artifacts.mergeReferrersTag(Subject.of(image), signature, sbom);

    List<MirrorResult> results = Mirroring.run(Mirroring.registries(),
        job(source, image, destination, "mirror/shared-app", "v1"),
        job(source, image, destination, "mirror/shared-app", "v2"));

    results.forEach(r -> assertStatus(MirrorStatus.MIRRORED, r));
    assertEquals(2, results.get(0).transfers().referrersCopied()
        + results.get(1).transfers().referrersCopied());
    assertListed(destination, "mirror/shared-app", image.digest(), signature);
    assertListed(destination, "mirror/shared-app", image.digest(), sbom);
  }

  /** A source listing as a referrer a manifest that names another subject: refused, named. */
  @Test
  void aListedReferrerWithAnotherSubjectIsRefused() {
    TestArtifacts artifacts = new TestArtifacts(source);
    TestImages images = new TestImages(source);
    PushedImage image = images.pushOciImage("liar/app", "v1");
    PushedImage other = images.pushOciImage("liar/app", "v2-other");
    PushedArtifact onOther = artifacts.pushCosignSignatureReferrer(Subject.of(other), "other");
    artifacts.mergeReferrersTag(Subject.of(image), List.of(onOther.descriptor()));

    MirrorResult result = run(job(source, image, destination, "mirror/liar-app", "v1"));

    assertStatus(MirrorStatus.FAILED, result);
    assertTrue(result.error().contains("is listed as a referrer of " + image.digest()
        + " but its subject is " + other.digest()), result.error());
    assertEquals(Optional.empty(), new TestImages(destination)
        .manifestBytes("mirror/liar-app", onOther.digest()), "nothing of it is pushed");
  }

  // ---- helpers ----

  private static MirrorJob job(RegistryEndpoint from, PushedImage image, RegistryEndpoint to,
      String repository, String tag) {
    MirrorJob plain = Mirroring.job(from, image, to, repository, tag);
    return new MirrorJob(plain.name(), plain.source(), plain.destination(), plain.digest(),
        plain.tag(), true);
  }

  private static MirrorResult run(MirrorJob job) {
    return Mirroring.run(Mirroring.registries(), job).get(0);
  }

  /** The destination holds the artifact's manifest byte for byte. */
  private static void assertStored(RegistryEndpoint registry, String repository,
      PushedArtifact artifact) {
    Optional<byte[]> stored = new TestImages(registry).manifestBytes(repository,
        artifact.digest());
    assertTrue(stored.isPresent(), repository + " lacks " + artifact);
    assertArrayEquals(artifact.manifestBytes(), stored.get());
  }

  /** The subject's fallback tag at the destination lists the artifact. */
  private static void assertListed(RegistryEndpoint registry, String repository,
      String subjectDigest, PushedArtifact artifact) {
    Optional<ReferrersIndex> index = new TestArtifacts(registry)
        .readReferrersTag(repository, subjectDigest);
    assertTrue(index.isPresent(), repository + " has no fallback tag for " + subjectDigest);
    assertTrue(index.get().lists(artifact.digest()),
        repository + ":" + index.get().tag() + " does not list " + artifact);
  }
}
