package dev.mirror.mirror;

import static dev.mirror.mirror.Mirroring.assertServes;
import static dev.mirror.mirror.Mirroring.assertStatus;
import static dev.mirror.mirror.Mirroring.job;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.Registries;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.TestImages;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP to a registry that is not on loopback: refused unless --insecure-registry names it.
 * The registry listens on one of this machine's own non-loopback addresses.
 */
class InsecureRegistryTest {
  private static String nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address.getHostAddress();
        }
      }
    }
    throw new AssertionError("this machine has no non-loopback IPv4 address to test with");
  }

  private static Registries registries(Set<String> insecure) {
    return Mirroring.registries(insecure, null, Mirroring.NO_DOCKER_CONFIG);
  }

  @Test
  void plainHttpOnlyWhenNamedInsecure() throws Exception {
    String address = nonLoopbackAddress();
    try (LocalRegistry source = LocalRegistry.start();
        LocalRegistry remote = LocalRegistry.builder().bindHost(address).start()) {
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

      MirrorResult byHost = Mirroring.run(registries(Set.of(address)),
          job(source, image, remote, "insecure/c", "i")).get(0);
      assertStatus(MirrorStatus.MIRRORED, byHost);
    }
  }
}
