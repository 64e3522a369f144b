package dev.mirror.registry;

import static dev.mirror.copy.Mirroring.assertServes;
import static dev.mirror.copy.Mirroring.assertStatus;
import static dev.mirror.copy.Mirroring.job;
import static dev.mirror.copy.Mirroring.runOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.Mirroring;
import dev.mirror.registry.testing.Credentials;
import dev.mirror.registry.testing.DockerConfigs;
import dev.mirror.registry.testing.Fault;
import dev.mirror.registry.testing.FaultRule;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.RegistryProxy;
import dev.mirror.registry.testing.TestImages;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits, server errors, resets and redirects, injected by a proxy in front of real registries. */
class RegistryFaultsTest {
  private static LocalRegistry source;
  private static LocalRegistry destination;
  private static TestImages images;

  @BeforeAll
  static void start() {
    source = LocalRegistry.builder().basicAuth("puller", "pull-secret").start();
    destination = LocalRegistry.start();
    images = new TestImages(source, Credentials.basic("puller", "pull-secret"));
  }

  @AfterAll
  static void stop() {
    destination.close();
    source.close();
  }

  private static MirrorResult mirrorThrough(RegistryProxy src, RegistryProxy dst,
      PushedImage image, String repo, Path configDir) {
    Path config = DockerConfigs.write(configDir, Map.of(src.host(), "puller:pull-secret"));
    return Mirroring.run(Mirroring.registries(config), job(src, image, dst, repo, "t")).get(0);
  }

  @Test
  void tooManyRequestsWithRetryAfterIsWaitedOut(@TempDir Path dir) {
    PushedImage image = images.pushOciIndex("src/limited", "t");
    try (RegistryProxy src = RegistryProxy.start(source);
        RegistryProxy dst = RegistryProxy.start(destination)) {
      FaultRule manifests = src.inject("GET", ".*/manifests/.*", Fault.tooManyRequests(1), 2);
      FaultRule uploads = dst.inject("POST", ".*/blobs/uploads/.*", Fault.tooManyRequests(1), 2);
      FaultRule puts = dst.inject("PUT", ".*/blobs/uploads/.*", Fault.tooManyRequests(1), 1);
      long start = System.nanoTime();
      MirrorResult result = mirrorThrough(src, dst, image, "limited/a", dir);
      assertStatus(MirrorStatus.MIRRORED, result);
      assertEquals(2, manifests.fired());
      assertEquals(2, uploads.fired());
      assertEquals(1, puts.fired());
      // The one-second waits were honoured, not skipped.
      assertTrue(System.nanoTime() - start >= 1_000_000_000L);
      assertServes(destination, "limited/a", image, "t");
    }
  }

  @Test
  void serviceUnavailableBurstsAreRetried(@TempDir Path dir) {
    PushedImage image = images.pushDockerImage("src/flaky", "t");
    try (RegistryProxy src = RegistryProxy.start(source);
        RegistryProxy dst = RegistryProxy.start(destination)) {
      FaultRule blobs = src.inject("GET", ".*/blobs/sha256:.*", Fault.serviceUnavailable(), 3);
      FaultRule heads = dst.inject("HEAD", ".*", Fault.serviceUnavailable(), 3);
      FaultRule manifests = dst.inject("PUT", ".*/manifests/.*", Fault.serviceUnavailable(), 3);
      MirrorResult result = mirrorThrough(src, dst, image, "flaky/a", dir);
      assertStatus(MirrorStatus.MIRRORED, result);
      assertEquals(3, blobs.fired());
      assertEquals(3, heads.fired());
      assertEquals(3, manifests.fired());
      assertServes(destination, "flaky/a", image, "t");
    }
  }

  @Test
  void connectionResetMidBlobStartsTheUploadOver(@TempDir Path dir) {
    PushedImage image = images.pushImageOfSize("src/reset", "t", 3 * 1024 * 1024, 1);
    try (RegistryProxy src = RegistryProxy.start(source);
        RegistryProxy dst = RegistryProxy.start(destination)) {
      FaultRule reset = src.inject("GET", ".*/blobs/sha256:.*", Fault.resetAfter(1024 * 1024), 2);
      MirrorResult result = mirrorThrough(src, dst, image, "reset/a", dir);
      assertStatus(MirrorStatus.MIRRORED, result);
      assertEquals(2, reset.fired());
      // Each reset aborted an upload; each new attempt started a new one.
      assertTrue(dst.count("POST", ".*/blobs/uploads/.*") >= image.blobs().size() + 2,
          dst.requests().toString());
      assertServes(destination, "reset/a", image, "t");
    }
  }

  @Test
  void blobRedirectsToAnotherHostCarryNoCredentials(@TempDir Path dir) {
    PushedImage image = images.pushOciImage("src/redirect", "t");
    try (RegistryProxy src = RegistryProxy.start(source);
        RegistryProxy dst = RegistryProxy.start(destination)) {
      FaultRule redirect = src.inject("GET", ".*/blobs/sha256:.*",
          Fault.redirectToOtherHostRejectingAuthorization(), 100);
      MirrorResult result = mirrorThrough(src, dst, image, "redirect/a", dir);
      assertStatus(MirrorStatus.MIRRORED, result);
      assertEquals(image.blobs().size(), redirect.fired());
      assertEquals(image.blobs().size(), src.otherHostRequests().size());
      src.otherHostRequests().forEach(r -> assertFalse(r.hasAuthorization(),
          "credentials went to the other host: " + r));
      // The registry itself did get them.
      assertTrue(src.requests().stream().anyMatch(r -> r.hasAuthorization()));
      assertServes(destination, "redirect/a", image, "t");
    }
  }

  @Test
  void aDestinationThatDeniesPushFailsWithItsReplyAndPushesNothing(@TempDir Path dir) {
    PushedImage image = images.pushOciImage("src/denied", "t");
    try (RegistryProxy src = RegistryProxy.start(source);
        RegistryProxy dst = RegistryProxy.start(destination)) {
      FaultRule denied = dst.inject("POST", ".*/blobs/uploads/.*", Fault.forbidden(), 1000);
      MirrorResult result = mirrorThrough(src, dst, image, "denied/a", dir);
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(denied.fired() >= 1);
      assertTrue(result.error().contains("403 DENIED: requested access to the resource is denied")
          && result.error().contains("do not grant push access"), result.error());
      assertEquals(0, dst.count("PUT", ".*/manifests/.*"), "a manifest was pushed");
    }
  }

  @Test
  void persistentServerErrorsFailWithTheRegistrysReply() {
    PushedImage image = images.pushOciImage("src/down", "t");
    try (RegistryProxy dst = RegistryProxy.start(destination)) {
      dst.inject("HEAD", ".*", Fault.serviceUnavailable(), 1000);
      MirrorResult result = runOne(job(source, image, dst, "down/a", "t"));
      assertStatus(MirrorStatus.FAILED, result);
      assertTrue(result.error().contains(dst.host()) && result.error().contains("503"),
          result.error());
    }
  }
}
