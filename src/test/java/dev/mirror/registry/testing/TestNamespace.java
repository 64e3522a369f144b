package dev.mirror.registry.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of the test's own, joined to this machine by a veth pair: a host that is
 * not on loopback, for the rules about plain HTTP and credentials, without binding this
 * machine's own outside address. The pair gets a /30 of 198.18.0.0/15 (the range set aside for
 * testing network equipment); traffic to it never leaves the machine. Needs root and iproute2.
 */
public final class TestNamespace implements AutoCloseable {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private final String name;
  private final String hostSide;
  private final String hostAddress;
  private final String address;

  private TestNamespace(String name, String hostSide, String hostAddress, String address) {
    this.name = name;
    this.hostSide = hostSide;
    this.hostAddress = hostAddress;
    this.address = address;
  }

  /** Makes a namespace with a fresh address, reachable from this machine. */
  public static TestNamespace create() {
    long pid = ProcessHandle.current().pid();
    RuntimeException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      int n = NEXT.getAndIncrement();
      int slot = (int) ((pid * 7 + n) % (128 * 64)); // 128 x /24, 64 x /30 in each
      String prefix = "198.18." + (slot / 64) + ".";
      int base = (slot % 64) * 4;
      String id = pid % 100000 + "x" + n;
      TestNamespace ns = new TestNamespace("mirror-" + id, "mh" + id, prefix + (base + 1),
          prefix + (base + 2));
      try {
        ns.setUp();
        return ns;
      } catch (RuntimeException e) {
        ns.close();
        last = e;
      }
    }
    throw new IllegalStateException("cannot make a network namespace (root and iproute2 are"
        + " needed: apt-get install iproute2)", last);
  }

  private void setUp() {
    String nsSide = "mn" + hostSide.substring(2);
    ip("netns", "add", name);
    ip("link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
    ip("link", "set", nsSide, "netns", name);
    ip("addr", "add", hostAddress + "/30", "dev", hostSide);
    ip("link", "set", hostSide, "up");
    inside("ip", "addr", "add", address + "/30", "dev", nsSide);
    inside("ip", "link", "set", nsSide, "up");
    inside("ip", "link", "set", "lo", "up");
  }

  /** The namespace's address, as this machine reaches it. */
  public String address() {
    return address;
  }

  /** {@code command}, to be run inside the namespace. */
  public List<String> command(List<String> command) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(command);
    return all;
  }

  private void inside(String... command) {
    ExternalCommand.run(null, command(List.of(command)));
  }

  private static void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    ExternalCommand.run(null, command);
  }

  /** Removes the namespace and with it both ends of the pair. */
  @Override
  public void close() {
    for (List<String> command : List.of(List.of("ip", "netns", "del", name),
        List.of("ip", "link", "del", hostSide))) {
      try {
        ExternalCommand.run(null, command);
      } catch (RuntimeException alreadyGone) {
        // nothing left to remove
      }
    }
  }
}
