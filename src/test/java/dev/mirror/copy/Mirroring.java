package dev.mirror.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.Digest;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RegistryOptions;
import dev.mirror.registry.RepositoryName;
import dev.mirror.registry.RetryPolicy;
import dev.mirror.registry.testing.DockerConfigs;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.RegistryEndpoint;
import dev.mirror.registry.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the engine against test registries and checks what the destination then serves. Public
 * for the registry client's tests, which drive it through whole mirrorings.
 */
public final class Mirroring {
  /** Short waits, so retry tests stay fast; Retry-After is still honoured. */
  public static final RetryPolicy FAST_RETRY =
      new RetryPolicy(6, Duration.ofMillis(20), Duration.ofSeconds(5));

  private Mirroring() {}

  /** A docker config that does not exist: no credentials. */
  public static final Path NO_DOCKER_CONFIG = Path.of("/nonexistent/mirror-test/config.json");

  /** Registries with no credentials. */
  public static Registries registries() {
    return registries(NO_DOCKER_CONFIG);
  }

  public static Registries registries(Path dockerConfig) {
    return registries(Set.of(), null, dockerConfig);
  }

  /** Registries with these --insecure-registry hosts, --ca-file (or null) and docker config. */
  public static Registries registries(Set<String> insecure, Path caFile, Path dockerConfig) {
    try {
      return new Registries(new RegistryOptions(insecure, caFile, dockerConfig, FAST_RETRY),
          Map.of());
    } catch (RegistryException e) {
      throw new AssertionError(e);
    }
  }

  /** Registries whose stall limit is short, for tests of registries that stop answering. */
  public static Registries registries(Duration stallLimit, Path dockerConfig) {
    try {
      return new Registries(new RegistryOptions(Set.of(), null, dockerConfig, FAST_RETRY,
          stallLimit), Map.of());
    } catch (RegistryException e) {
      throw new AssertionError(e);
    }
  }

  /** Registries with a --ca-file and a docker config. */
  public static Registries registries(Path caFile, Path dockerConfig) {
    return registries(Set.of(), caFile, dockerConfig);
  }

  public static MirrorJob job(RegistryEndpoint source, PushedImage image, RegistryEndpoint destination,
      String destinationRepository, String tag) {
    return new MirrorJob("//:" + destinationRepository.replace('/', '-') + (tag == null ? ""
        : "-" + tag), RepositoryName.parse(source.host() + "/" + image.repository()),
        RepositoryName.parse(destination.host() + "/" + destinationRepository),
        Digest.parse(image.digest()), tag);
  }

  public static List<MirrorResult> run(Registries registries, MirrorJob... jobs) {
    return run(registries, false, jobs);
  }

  public static List<MirrorResult> run(Registries registries, boolean failFast, MirrorJob... jobs) {
    List<MirrorResult> results;
    try (MirrorEngine engine = new MirrorEngine(registries, FAST_RETRY, 8, failFast,
        MirrorListener.NONE)) {
      results = engine.run(List.of(jobs));
    }
    results.forEach(Mirroring::assertNoSecretShown);
    return results;
  }

  /** The credential canary: no result, as summary or report would show it, holds a secret. */
  public static void assertNoSecretShown(MirrorResult result) {
    String shown = result.error() + " " + result;
    for (String secret : DockerConfigs.secrets()) {
      assertFalse(secret.length() >= 6 && shown.contains(secret),
          "a secret is shown in the result of " + result.job().name() + ": " + shown);
    }
  }

  public static MirrorResult runOne(MirrorJob job) {
    return run(registries(), job).get(0);
  }

  public static void assertStatus(MirrorStatus expected, MirrorResult result) {
    assertEquals(expected, result.status(), () -> "error: " + result.error());
  }

  /**
   * The destination serves the image byte for byte: the top manifest by digest (and tag), every
   * child manifest, every blob; and no foreign layer was pushed.
   */
  public static void assertServes(RegistryEndpoint destination, String repository, PushedImage image,
      String tag) {
    TestImages dst = new TestImages(destination);
    Optional<byte[]> top = dst.manifestBytes(repository, image.digest());
    assertTrue(top.isPresent(), "the destination lacks " + image.digest());
    assertArrayEquals(image.manifestBytes(), top.get(), "manifest bytes differ");
    if (tag != null) {
      assertEquals(Optional.of(image.digest()), dst.tagDigest(repository, tag));
    }
    image.childManifests().forEach((digest, bytes) ->
        assertArrayEquals(bytes, dst.manifestBytes(repository, digest).orElseThrow(
            () -> new AssertionError("the destination lacks child " + digest))));
    image.blobs().keySet().forEach(blob ->
        assertTrue(dst.blobExists(repository, blob), "the destination lacks blob " + blob));
    image.foreignBlobs().keySet().forEach(blob ->
        assertFalse(dst.blobExists(repository, blob), "a foreign layer was pushed: " + blob));
  }
}
