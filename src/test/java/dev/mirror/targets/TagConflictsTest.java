package dev.mirror.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which destination repositories are one, and which tagged images conflict. */
class TagConflictsTest {
  private static MirrorImage image(String name, String destination, String sha, String tag) {
    return new MirrorImage(Address.parse("images:" + name), new Origin("images/BUILD", 1, 17),
        RepositoryName.parse("registry.example.com/upstream/app"),
        RepositoryName.parse(destination), Digest.sha256(sha), Optional.ofNullable(tag));
  }

  private static String key(String repository) {
    return TagConflicts.key(RepositoryName.parse(repository));
  }

  @Test
  void spellingsOfOneRepositoryAreOne() {
    String busybox = key("docker.io/library/busybox");
    for (String same : List.of("busybox", "docker.io/busybox", "index.docker.io/library/busybox",
        "registry-1.docker.io/busybox", "DOCKER.IO/busybox")) {
      assertEquals(busybox, key(same), same);
    }
    assertEquals(key("localhost:5000/app"), key("LocalHost:5000/app"));
    assertNotEquals(key("localhost:5000/app"), key("localhost:5001/app"));
    assertNotEquals(busybox, key("someone/busybox"));
  }

  @Test
  void onlyADifferentDigestUnderOneTagConflicts() {
    String a = "1".repeat(64);
    String b = "2".repeat(64);
    List<TargetException> found = TagConflicts.find(List.of(
        image("a", "mirror.example.com/app", a, "v1"),
        image("b", "mirror.example.com/app", a, "v1"),
        image("c", "MIRROR.example.com/app", b, "v1"),
        image("d", "mirror.example.com/app", b, "v2"),
        image("e", "mirror.example.com/app", b, null),
        image("f", "mirror.example.com/app", a, null)));
    assertEquals(1, found.size());
    assertEquals("images/BUILD:1:17: error: The targets images:a and images:c both tag"
        + " mirror.example.com/app:v1, with different digests (sha256:" + a + " and sha256:" + b
        + "): the tag would move on every run. Give one of them another tag, or both the same"
        + " sha.", found.get(0).render());
  }
}
