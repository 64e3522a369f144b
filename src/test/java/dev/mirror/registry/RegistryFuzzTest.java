package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.Mirroring;
import dev.mirror.registry.testing.Fault;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.RegistryProxy;
import dev.mirror.registry.testing.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random truncations, stalls, wrong lengths, resets and outages of every kind of reply, from both
 * registries, in a seeded and bounded loop. Whatever happens, the run ends within its deadline
 * with each image either mirrored (the destination serves it byte for byte) or failed with a
 * message, and a failed image's tag is nowhere: nothing partial is ever tagged.
 */
class RegistryFuzzTest {
  private static final long SEED = 20261207L;
  private static final int ROUNDS = 16;
  private static final Duration STALL = Duration.ofMillis(300);
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  /** Every kind of request mirror makes, by method and path. */
  private static final List<String[]> REQUESTS = List.of(
      new String[] {"GET", "/v2/"},
      new String[] {"HEAD", ".*/manifests/.*"},
      new String[] {"GET", ".*/manifests/.*"},
      new String[] {"PUT", ".*/manifests/.*"},
      new String[] {"HEAD", ".*/blobs/sha256:.*"},
      new String[] {"GET", ".*/blobs/sha256:.*"},
      new String[] {"POST", ".*/blobs/uploads/"},
      new String[] {"PUT", ".*/blobs/uploads/.*"});

  private static LocalRegistry source;
  private static LocalRegistry destination;
  private static RegistryProxy sourceProxy;
  private static RegistryProxy destinationProxy;
  private static PushedImage index;
  private static PushedImage image;

  @BeforeAll
  static void start() {
    source = LocalRegistry.start();
    destination = LocalRegistry.start();
    sourceProxy = RegistryProxy.start(source);
    destinationProxy = RegistryProxy.start(destination);
    TestImages images = new TestImages(source);
    index = images.pushOciIndex("fuzz/index", "1");
    image = images.pushImageOfSize("fuzz/image", "1", 3 * 1024 * 1024, 3);
  }

  @AfterAll
  static void stop() {
    destinationProxy.close();
    sourceProxy.close();
    destination.close();
    source.close();
  }

  private static Fault randomFault(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> Fault.resetAfter(random.nextInt(2048));
      case 1 -> new Fault.StallMidBody(random.nextInt(2048));
      case 2 -> new Fault.WrongLength(random.nextBoolean() ? 1 + random.nextInt(64)
          : -1 - random.nextInt(64));
      case 3 -> Fault.serviceUnavailable();
      default -> Fault.tooManyRequests(0);
    };
  }

  @Test
  void everyRunEndsInTimeWithEachImageMirroredOrFailedAndNothingPartialTagged() {
    for (int round = 0; round < ROUNDS; round++) {
      Random random = new Random(SEED + round);
      sourceProxy.clearFaults();
      destinationProxy.clearFaults();
      List<String> injected = new ArrayList<>();
      for (int n = 1 + random.nextInt(4); n > 0; n--) {
        RegistryProxy proxy = random.nextBoolean() ? sourceProxy : destinationProxy;
        String[] request = REQUESTS.get(random.nextInt(REQUESTS.size()));
        Fault fault = randomFault(random);
        // Now and then a fault that outlasts every retry: that image must fail cleanly.
        int times = random.nextInt(4) == 0 ? 1000 : 1 + random.nextInt(8);
        proxy.inject(request[0], request[1], fault, times);
        injected.add((proxy == sourceProxy ? "source " : "destination ") + request[0] + " "
            + request[1] + " " + fault + " x" + times);
      }
      String context = "round " + round + " (seed " + (SEED + round) + "): " + injected;
      String prefix = "fuzz/" + round + "/";
      List<MirrorJob> jobs = List.of(job(index, prefix + "index"), job(image, prefix + "image"));
      List<MirrorResult> results = assertTimeoutPreemptively(DEADLINE, () -> {
        try (Registries registries = Mirroring.registries(STALL, Mirroring.NO_DOCKER_CONFIG)) {
          return Mirroring.run(registries, jobs.toArray(MirrorJob[]::new));
        }
      }, context);
      check(results.get(0), index, prefix + "index", context);
      check(results.get(1), image, prefix + "image", context);
    }
  }

  private static MirrorJob job(PushedImage pushed, String repository) {
    return new MirrorJob("//:" + repository, RepositoryName.parse(sourceProxy.host() + "/"
        + pushed.repository()), RepositoryName.parse(destinationProxy.host() + "/" + repository),
        Digest.parse(pushed.digest()), "v1");
  }

  private static void check(MirrorResult result, PushedImage pushed, String repository,
      String context) {
    switch (result.status()) {
      case MIRRORED -> Mirroring.assertServes(destination, repository, pushed, "v1");
      case FAILED -> {
        assertFalse(result.error() == null || result.error().isBlank(), context);
        assertEquals(Optional.empty(), TestImages.tagDigest(destination, repository, "v1"),
            "a failed image was tagged; " + context + ": " + result.error());
      }
      default -> throw new AssertionError(result.status() + " for a new repository; " + context);
    }
  }
}
