package dev.mirror.registry;

import static dev.mirror.copy.Mirroring.assertServes;
import static dev.mirror.copy.Mirroring.assertStatus;
import static dev.mirror.copy.Mirroring.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.Mirroring;
import dev.mirror.registry.testing.Credentials;
import dev.mirror.registry.testing.DockerConfigs;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import dev.mirror.registry.testing.TokenServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry behind TLS with a private CA, and bearer tokens that expire during a run. */
class RegistryTlsAndTokensTest {
  private static Registries registries(Path caFile, Path dockerConfig) {
    return Mirroring.registries(Set.of(), caFile, dockerConfig);
  }

  @Test
  void tlsRegistryWithItsCaFileAndRefusedWithout(@TempDir Path dir) {
    try (LocalRegistry source = LocalRegistry.start();
        LocalRegistry secure = LocalRegistry.builder().tls().start()) {
      PushedImage image = new TestImages(source).pushOciImage("src/tls", "t");
      Path ca = secure.certificate().orElseThrow().certificatePath();
      Path noConfig = dir.resolve("none.json");

      MirrorResult trusted = Mirroring.run(registries(ca, noConfig),
          job(source, image, secure, "tls/a", "t")).get(0);
      assertStatus(MirrorStatus.MIRRORED, trusted);
      assertServes(secure, "tls/a", image, "t");

      // Loopback may use plain HTTP, but a registry that speaks TLS with an unknown certificate
      // is not silently downgraded or trusted.
      MirrorResult untrusted = Mirroring.run(registries(null, noConfig),
          job(source, image, secure, "tls/b", "t")).get(0);
      assertStatus(MirrorStatus.FAILED, untrusted);
      assertTrue(untrusted.error().contains(secure.host()) && untrusted.error().contains("TLS")
          && untrusted.error().contains("--ca-file"), untrusted.error());
    }
  }

  @Test
  void expiredTokensAreRenewed(@TempDir Path dir) throws InterruptedException {
    try (LocalRegistry source = LocalRegistry.start();
        TokenServer tokens = TokenServer.builder().user("writer", "pw", "pull", "push")
            .tokenLifetime(Duration.ofSeconds(2)).compensateRegistryLeeway().start();
        LocalRegistry destination = LocalRegistry.builder().tokenAuth(tokens).start()) {
      TestImages images = new TestImages(source);
      PushedImage first = images.pushOciImage("src/expiry", "1");
      PushedImage second = images.pushOciImage("src/expiry", "2");
      Registries shared = registries(null,
          DockerConfigs.write(dir, Map.of(destination.host(), "writer:pw")));
      assertStatus(MirrorStatus.MIRRORED,
          Mirroring.run(shared, job(source, first, destination, "expiry/a", "1")).get(0));
      int before = tokens.requestCount();
      Thread.sleep(3000);
      // The cached tokens are refused now; the run fetches new ones and goes on.
      assertStatus(MirrorStatus.MIRRORED,
          Mirroring.run(shared, job(source, second, destination, "expiry/a", "2")).get(0));
      assertTrue(tokens.requestCount() > before, tokens.requests().toString());
      assertEquals(second.digest(), new TestImages(destination, Credentials.basic("writer", "pw"))
          .tagDigest("expiry/a", "2").orElseThrow());
    }
  }
}
