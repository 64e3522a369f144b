package dev.mirror.registry;

import static dev.mirror.copy.Mirroring.assertServes;
import static dev.mirror.copy.Mirroring.assertStatus;
import static dev.mirror.copy.Mirroring.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.Mirroring;
import dev.mirror.registry.testing.DockerConfigs;
import dev.mirror.registry.testing.HostileServer;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import dev.mirror.registry.testing.TestNamespace;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain HTTP to a host that is not on loopback: refused unless --insecure-registry names it, for
 * registries and for token realms that would receive credentials. The other host is a network
 * namespace the test makes, so nothing leaves the machine.
 */
class InsecureRegistryTest {
  private static TestNamespace namespace;

  @BeforeAll
  static void start() {
    namespace = TestNamespace.create();
  }

  @AfterAll
  static void stop() {
    namespace.close();
  }

  private static Registries registries(Set<String> insecure) {
    return Mirroring.registries(insecure, null, Mirroring.NO_DOCKER_CONFIG);
  }

  @Test
  void plainHttpOnlyWhenNamedInsecure() {
    try (LocalRegistry source = LocalRegistry.start();
        LocalRegistry remote = LocalRegistry.builder().inNamespace(namespace).start()) {
      PushedImage image = new TestImages(source).pushOciIndex("src/insecure", "i");

      MirrorResult refused = Mirroring.run(registries(Set.of()),
          job(source, image, remote, "insecure/a", "i")).get(0);
      assertStatus(MirrorStatus.FAILED, refused);
      assertTrue(refused.error().startsWith(remote.host() + ": TLS failed"), refused.error());
      assertTrue(refused.error().endsWith("must be named with --insecure-registry)"),
          refused.error());

      MirrorResult byHostAndPort = Mirroring.run(registries(Set.of(remote.host())),
          job(source, image, remote, "insecure/b", "i")).get(0);
      assertStatus(MirrorStatus.MIRRORED, byHostAndPort);
      assertServes(remote, "insecure/b", image, "i");

      MirrorResult byHost = Mirroring.run(registries(Set.of(namespace.address())),
          job(source, image, remote, "insecure/c", "i")).get(0);
      assertStatus(MirrorStatus.MIRRORED, byHost);
    }
  }

  /** A loopback registry whose token realm is plain HTTP on another host. */
  @Test
  void credentialsGoToAPlainHttpRealmOnlyWhenItsHostIsNamedInsecure(@TempDir Path dir) {
    String realm = "http://" + namespace.address() + ":9/token"; // nothing listens there
    try (HostileServer registry = HostileServer.start("127.0.0.1", (request, answer) ->
        answer.send(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm
            + "\",service=\"s\""), "{}"))) {
      Path config = DockerConfigs.write(dir, Map.of(registry.host(), "user:canary-secret-7f3a"));
      MirrorJob job = new MirrorJob("//:realm", RepositoryName.parse(registry.host() + "/a/b"),
          RepositoryName.parse(registry.host() + "/c/d"), Digest.parse("sha256:" + "a".repeat(64)),
          "t");

      MirrorResult refused = Mirroring.run(Mirroring.registries(Set.of(), null, config), job)
          .get(0);
      assertEquals(registry.host() + ": refusing to send credentials to the token server "
          + realm + " over plain HTTP (name its host with --insecure-registry if that is meant)",
          refused.error());

      MirrorResult allowed = Mirroring.run(Mirroring.registries(Set.of(namespace.address()), null,
          config), job).get(0);
      assertTrue(allowed.error().contains("the token server " + realm + " did not answer"),
          allowed.error());
    }
  }
}
