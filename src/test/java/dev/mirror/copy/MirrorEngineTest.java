package dev.mirror.copy;

import static dev.mirror.copy.Mirroring.assertServes;
import static dev.mirror.copy.Mirroring.assertStatus;
import static dev.mirror.copy.Mirroring.job;
import static dev.mirror.copy.Mirroring.run;
import static dev.mirror.copy.Mirroring.runOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.Digest;
import dev.mirror.registry.Registries;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.RecordedRequest;
import dev.mirror.registry.testing.RegistryProxy;
import dev.mirror.registry.testing.TestImages;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mirroring every kind of image between two real registries, and what a re-run does. */
class MirrorEngineTest {
  private static LocalRegistry source;
  private static LocalRegistry destination;
  private static TestImages images;
  private static final AtomicInteger names = new AtomicInteger();

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    destination = LocalRegistry.start();
    images = new TestImages(source);
  }

  @AfterAll
  static void stop() {
    destination.close();
    source.close();
  }

  /** A destination repository no other test uses. */
  private static String fresh(String name) {
    return "mirror/" + name + "-" + names.incrementAndGet();
  }

  private static void mirrorsExactly(PushedImage image, String tag) {
    String repo = fresh("img");
    MirrorResult result = runOne(job(source, image, destination, repo, tag));
    assertStatus(MirrorStatus.MIRRORED, result);
    assertServes(destination, repo, image, tag);
    assertEquals(image.blobs().size(), result.transfers().copied());
    assertEquals(image.totalBlobBytes(), result.transfers().bytes());
  }

  @Test
  void singlePlatformOciImage() {
    mirrorsExactly(images.pushOciImage("src/oci", "v1"), "v1");
  }

  @Test
  void dockerV2Image() {
    mirrorsExactly(images.pushDockerImage("src/docker", "v1"), "v1");
  }

  @Test
  void ociIndexWithTwoPlatformsSharingALayer() {
    PushedImage index = images.pushOciIndex("src/index", "multi");
    assertEquals(2, index.childManifests().size());
    mirrorsExactly(index, "multi");
  }

  @Test
  void dockerManifestList() {
    mirrorsExactly(images.pushDockerManifestList("src/list", "multi"), "multi");
  }

  @Test
  void prettyPrintedAnnotatedManifestKeepsItsDigest() {
    mirrorsExactly(images.pushPrettyPrintedImage("src/pretty", "p"), "p");
  }

  @Test
  void indexWithPlatformVariantsKeepsItsDigest() {
    mirrorsExactly(images.pushIndexWithVariants("src/variants", "v"), null);
  }

  @Test
  void foreignLayersStayReferences() {
    PushedImage image = images.pushImageWithForeignLayer("src/foreign", "f");
    assertEquals(1, image.foreignBlobs().size());
    mirrorsExactly(image, "f");
  }

  @Test
  void reRunIsUpToDateAndReadsNothingFromTheSource() {
    PushedImage index = images.pushOciIndex("src/rerun", "r");
    String repo = fresh("rerun");
    try (RegistryProxy src = RegistryProxy.start(source);
        RegistryProxy dst = RegistryProxy.start(destination)) {
      assertStatus(MirrorStatus.MIRRORED, runOne(job(src, index, dst, repo, "r")));
      src.reset();
      dst.reset();
      MirrorResult again = runOne(job(src, index, dst, repo, "r"));
      assertStatus(MirrorStatus.UP_TO_DATE, again);
      assertEquals(List.of(), src.requests(), "the re-run read from the source");
      assertEquals(0, dst.count("POST", ".*") + dst.count("PUT", ".*") + dst.count("PATCH", ".*"),
          "the re-run wrote to the destination: " + dst.requests());
      assertEquals(0, again.transfers().copied());
    }
  }

  @Test
  void tagIsPushedOnlyAfterAllContent() {
    PushedImage index = images.pushDockerManifestList("src/order", "o");
    String repo = fresh("order");
    try (RegistryProxy dst = RegistryProxy.start(destination)) {
      assertStatus(MirrorStatus.MIRRORED, runOne(job(source, index, dst, repo, "o")));
      List<RecordedRequest> writes = dst.requests().stream()
          .filter(r -> !r.method().equals("GET") && !r.method().equals("HEAD")).toList();
      RecordedRequest last = writes.get(writes.size() - 1);
      assertEquals("PUT", last.method());
      assertTrue(last.path().endsWith("/manifests/o"), "last write: " + last);
      // Children before the index, the index before the tag.
      int top = indexOf(writes, "/manifests/" + index.digest());
      for (String child : index.childManifestDigests()) {
        assertTrue(indexOf(writes, "/manifests/" + child) < top, "child after index: " + writes);
      }
      long blobWrites = writes.stream().filter(r -> r.path().contains("/blobs/")).count();
      assertTrue(blobWrites >= index.blobs().size());
      for (int i = 0; i < writes.size(); i++) {
        if (writes.get(i).path().contains("/blobs/")) {
          assertTrue(i < indexOf(writes, "/manifests/" + index.childManifestDigests().get(0)),
              "a blob was written after a manifest: " + writes);
        }
      }
    }
  }

  private static int indexOf(List<RecordedRequest> requests, String pathSuffix) {
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).method().equals("PUT") && requests.get(i).path().endsWith(pathSuffix)) {
        return i;
      }
    }
    throw new AssertionError("no PUT of " + pathSuffix + " in " + requests);
  }

  @Test
  void digestPresentButTagMissingOrElsewhereIsRetaggedWithoutTheSource() {
    PushedImage first = images.pushOciImage("src/retag", "a");
    PushedImage second = images.pushOciImage("src/retag", "b");
    String repo = fresh("retag");
    assertStatus(MirrorStatus.MIRRORED, runOne(job(source, first, destination, repo, null)));
    assertStatus(MirrorStatus.MIRRORED, runOne(job(source, second, destination, repo, "stable")));
    try (RegistryProxy src = RegistryProxy.start(source)) {
      MirrorResult tagged = runOne(job(src, first, destination, repo, "stable"));
      assertStatus(MirrorStatus.TAGGED, tagged);
      assertEquals(Digest.parse(second.digest()), tagged.previousTag());
      assertServes(destination, repo, first, "stable");
      MirrorResult fresh = runOne(job(src, first, destination, repo, "new"));
      assertStatus(MirrorStatus.TAGGED, fresh);
      assertNull(fresh.previousTag());
      assertEquals(List.of(), src.requests(), "retagging read from the source");
    }
  }

  @Test
  void pinnedDigestMissingAtTheSourceFailsNamingTheReference() {
    PushedImage image = images.pushOciImage("src/missing", "m");
    String absent = "sha256:" + "e".repeat(64);
    MirrorJob job = new MirrorJob("//:missing", job(source, image, destination, "x", null).source(),
        job(source, image, destination, fresh("missing"), null).destination(),
        Digest.parse(absent), "m");
    MirrorResult result = runOne(job);
    assertStatus(MirrorStatus.FAILED, result);
    assertTrue(result.error().contains(source.host() + "/src/missing@" + absent),
        result.error());
    assertTrue(result.error().contains("404 MANIFEST_UNKNOWN"), result.error());
    assertTrue(TestImages.tagDigest(destination, job.destination().path(), "m").isEmpty());
  }

  @Test
  void blobsMountAcrossRepositoriesOfOneRegistry() {
    PushedImage index = images.pushOciIndex("src/mount", "m");
    try (RegistryProxy proxy = RegistryProxy.start(source)) {
      MirrorResult result = runOne(job(proxy, index, proxy, "copies/mount", "m"));
      assertStatus(MirrorStatus.MIRRORED, result);
      assertEquals(index.blobs().size(), result.transfers().mounted());
      assertEquals(0, result.transfers().copied());
      assertEquals(0, proxy.count("GET", ".*/blobs/sha256:.*"), "blobs were read, not mounted");
      assertServes(source, "copies/mount", index, "m");
    }
  }

  @Test
  void targetsSharingBlobsUploadEachOnce() {
    PushedImage index = images.pushOciIndex("src/shared", "s");
    String repo = fresh("shared");
    try (RegistryProxy dst = RegistryProxy.start(destination)) {
      Registries registries = Mirroring.registries();
      List<MirrorResult> results = run(registries, job(source, index, dst, repo, "one"),
          job(source, index, dst, repo, "two"), job(source, index, dst, repo, "three"));
      results.forEach(r -> assertTrue(r.status().succeeded(), r.error()));
      assertEquals(index.blobs().size(), dst.count("POST", ".*/blobs/uploads/.*"),
          "uploads: " + dst.requests());
      int copied = results.stream().mapToInt(r -> r.transfers().copied()).sum();
      assertEquals(index.blobs().size(), copied);
      assertServes(destination, repo, index, "one");
      assertServes(destination, repo, index, "two");
      assertServes(destination, repo, index, "three");
    }
  }

  @Test
  void anUnreachableRegistryIsNamedWithTheReason() throws Exception {
    PushedImage image = images.pushOciImage("src/unreachable", "u");
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    MirrorJob toNowhere = new MirrorJob("//:nowhere", job(source, image, destination, "x", null)
        .source(), dev.mirror.registry.RepositoryName.parse("127.0.0.1:" + closedPort + "/x/y"),
        Digest.parse(image.digest()), "u");
    List<MirrorResult> results = run(Mirroring.registries(), toNowhere, toNowhere);
    for (MirrorResult r : results) {
      assertStatus(MirrorStatus.FAILED, r);
      assertEquals("127.0.0.1:" + closedPort + ": cannot connect: connection refused", r.error());
    }
  }

  @Test
  void oneFailureDoesNotStopTheOthersUnlessFailFast() {
    PushedImage image = images.pushOciImage("src/failing", "f");
    MirrorJob good = job(source, image, destination, fresh("good"), "f");
    MirrorJob bad = new MirrorJob("//:bad", good.source(), good.destination(),
        Digest.parse("sha256:" + "d".repeat(64)), null);
    List<MirrorResult> results = run(Mirroring.registries(), bad, good);
    assertStatus(MirrorStatus.FAILED, results.get(0));
    assertStatus(MirrorStatus.MIRRORED, results.get(1));

    MirrorJob other = job(source, image, destination, fresh("after-failure"), "f");
    try (MirrorEngine oneAtATime = new MirrorEngine(Mirroring.registries(),
        Mirroring.FAST_RETRY, 1, true, MirrorListener.NONE)) {
      List<MirrorResult> stopped = oneAtATime.run(List.of(bad, other));
      assertStatus(MirrorStatus.FAILED, stopped.get(0));
      assertStatus(MirrorStatus.NOT_RUN, stopped.get(1));
    }
    assertTrue(TestImages.tagDigest(destination, other.destination().path(), "f").isEmpty());
  }
}
