package dev.mirror.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.buildfiles.TestTree;
import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import dev.mirror.specs.TargetSource;
import dev.mirror.targets.Address;
import dev.mirror.targets.Origin;
import dev.mirror.targets.PinCandidate;
import dev.mirror.targets.UnpinnedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpinned targets through the workspace: {@link Workspace#resolve} reports them for every goal,
 * {@link Workspace#resolveForPinning} hands them, and every other digest, to {@code pin}.
 */
class PinningResolutionTest {
  private static final String SHA1 = "1".repeat(64);
  private static final String SHA2 = "2".repeat(64);
  private static final String SHA3 = "3".repeat(64);
  private static final String SHA4 = "4".repeat(64);

  @TempDir Path root;
  @TempDir Path home;
  private TestTree tree;

  @BeforeEach
  void repository() {
    tree = new TestTree(root);
    tree.file("pants.toml", "[GLOBAL]\npants_version = \"2.24.0\"\n"
        + "backend_packages.add = [\"pants_backend_oci.utility.mirror\"]\n");
    tree.file("images/app/BUILD", """
        oci_mirror_image(
            name="pinned",
            source_repository="docker.io/library/python",
            destination_repository="mirror.example.com/python",
            sha="%s",
            tag="3.12",
            source_tag="3.12-slim",
        )
        oci_mirror_image(
            name="latest",
            source_repository="docker.io/library/python",
            destination_repository="mirror.example.com/python",
            tag="latest",
        )
        oci_mirror_image(
            name="slim",
            source_repository="quay.io/org/python",
            destination_repository="mirror.example.com/python",
            tag="3.13",
            source_tag="3.13-slim",
        )
        oci_mirror_image(
            name="by-digest",
            source_repository="docker.io/library/python",
            destination_repository="mirror.example.com/python",
            sha="%s",
        )
        """.formatted(SHA1, SHA2));
    tree.file("images/defaults/BUILD", """
        __defaults__({oci_mirror_image: dict(sha="%s")})
        oci_mirror_image(
            name="tool",
            source_repository="docker.io/library/busybox",
            destination_repository="mirror.example.com/busybox",
            tag="1.36",
        )
        """.formatted(SHA3));
    tree.file("images/node/BUILD", """
        __defaults__({oci_mirror_image: dict(source_tag="ignored")})
        oci_mirror_images(
            name="node",
            source_repository="docker.io/library/node",
            destination_repository="mirror.example.com/node",
            variants={"20-slim": "%s", "22-slim": "%s"},
        )
        """.formatted(SHA3, SHA4));
  }

  private Workspace open() throws Exception {
    PrintWriter sink = new PrintWriter(new StringWriter());
    Invocation invocation = new Invocation(root, Map.of(), home, sink, sink, false);
    return Workspace.open(invocation, null, Map.of());
  }

  private TargetGraph forPinning(String... specs) throws Exception {
    try (Workspace ws = open()) {
      return ws.resolveForPinning(List.of(specs));
    }
  }

  private static Address address(String spec) {
    return Address.parse(spec);
  }

  @Test
  void everyGoalButPinReportsEachSelectedUnpinnedTargetAtItsCall() throws Exception {
    try (Workspace ws = open()) {
      TargetSource.LoadException e = assertThrows(TargetSource.LoadException.class,
          () -> ws.resolve(List.of("::")));
      assertEquals(List.of(
          "images/app/BUILD:9:17: error: images/app:latest has no sha yet: run `mirror pin"
              + " images/app:latest`",
          "images/app/BUILD:15:17: error: images/app:slim has no sha yet: run `mirror pin"
              + " images/app:slim`"), e.problems());
    }
  }

  @Test
  void unselectedUnpinnedTargetsAreNoError() throws Exception {
    try (Workspace ws = open()) {
      TargetGraph graph = ws.resolve(List.of("images/app:pinned", "images/defaults:"));
      assertEquals(List.of(address("images/app:pinned"), address("images/defaults:tool")),
          graph.images().stream().map(i -> i.address()).toList());
      assertTrue(graph.unpinned().isEmpty());
    }
  }

  @Test
  void aShaFromDefaultsPins() throws Exception {
    try (Workspace ws = open()) {
      TargetGraph graph = ws.resolve(List.of("images/defaults:tool"));
      assertEquals(Digest.sha256(SHA3), graph.images().get(0).digest());
      assertFalse(graph.targets().get(0).isUnpinned());
    }
  }

  @Test
  void forPinningUnpinnedTargetsArePartOfTheGraph() throws Exception {
    TargetGraph graph = forPinning("images/app:");
    assertEquals(List.of(address("images/app:by-digest"), address("images/app:latest"),
        address("images/app:pinned"), address("images/app:slim")),
        graph.targets().stream().map(t -> t.address()).toList());
    List<UnpinnedImage> unpinned = graph.unpinned();
    assertEquals(List.of(address("images/app:latest"), address("images/app:slim")),
        unpinned.stream().map(UnpinnedImage::address).toList());
    assertEquals(new Origin("images/app/BUILD", 15, 17), unpinned.get(1).origin());
    // Nothing to mirror for them.
    assertEquals(List.of(address("images/app:by-digest"), address("images/app:pinned")),
        graph.images().stream().map(i -> i.address()).toList());
  }

  @Test
  void forPinningTagsThatWouldMoveAreNoError() throws Exception {
    tree.file("images/other/BUILD", """
        oci_mirror_image(
            name="python",
            source_repository="docker.io/library/python",
            destination_repository="mirror.example.com/python",
            sha="%s",
            tag="3.12",
        )
        """.formatted(SHA4));
    List<String> specs = List.of("images/app:pinned", "images/other:");
    try (Workspace ws = open()) {
      TargetSource.LoadException e = assertThrows(TargetSource.LoadException.class,
          () -> ws.resolve(specs));
      assertTrue(e.problems().get(0).contains("both tag mirror.example.com/python:3.12"),
          e.problems().toString());
    }
    assertEquals(2, forPinning(specs.toArray(String[]::new)).pinCandidates().size());
  }

  @Test
  void declaredImagesGiveOneCandidateEachPinnedOrNot() throws Exception {
    List<PinCandidate> candidates = forPinning("images/app:").pinCandidates();
    assertEquals(List.of(
        new PinCandidate(address("images/app:by-digest"), new Origin("images/app/BUILD", 22, 17),
            RepositoryName.parse("docker.io/library/python"), null, Digest.sha256(SHA2), null),
        new PinCandidate(address("images/app:latest"), new Origin("images/app/BUILD", 9, 17),
            RepositoryName.parse("docker.io/library/python"), "latest", null, null),
        new PinCandidate(address("images/app:pinned"), new Origin("images/app/BUILD", 1, 17),
            RepositoryName.parse("docker.io/library/python"), "3.12-slim",
            Digest.sha256(SHA1), null),
        new PinCandidate(address("images/app:slim"), new Origin("images/app/BUILD", 15, 17),
            RepositoryName.parse("quay.io/org/python"), "3.13-slim", null, null)),
        candidates);
    assertFalse(candidates.get(0).hasTag());
    assertFalse(candidates.get(1).isPinned());
    assertTrue(candidates.get(2).isPinned());
    assertFalse(candidates.get(2).isVariant());
  }

  @Test
  void aGeneratorGivesOneCandidatePerVariantAtItsCall() throws Exception {
    Origin call = new Origin("images/node/BUILD", 2, 18);
    RepositoryName node = RepositoryName.parse("docker.io/library/node");
    List<PinCandidate> expected = List.of(
        new PinCandidate(address("images/node:node#20-slim"), call, node, "20-slim",
            Digest.sha256(SHA3), "20-slim"),
        new PinCandidate(address("images/node:node#22-slim"), call, node, "22-slim",
            Digest.sha256(SHA4), "22-slim"));
    // The generator and its generated targets together (`::`, `images/node:`): each variant once.
    TargetGraph all = forPinning("images/node:");
    assertEquals(3, all.targets().size());
    assertEquals(expected, all.pinCandidates());
    assertEquals(expected, forPinning("images/node:node").pinCandidates());
    assertTrue(expected.get(0).isVariant());
    // A generated target alone: its own variant, at the generator's call.
    assertEquals(List.of(expected.get(1)),
        forPinning("images/node:node#22-slim").pinCandidates());
  }

  @Test
  void candidatesOfSeveralDirectoriesComeInAddressOrder() throws Exception {
    List<PinCandidate> candidates = forPinning("::").pinCandidates();
    assertEquals(List.of("images/app:by-digest", "images/app:latest", "images/app:pinned",
        "images/app:slim", "images/defaults:tool", "images/node#20-slim",
        "images/node#22-slim"),
        candidates.stream().map(c -> c.address().toString()).toList());
    PinCandidate tool = candidates.get(4);
    assertEquals("1.36", tool.sourceTag());
    assertNull(tool.variantKey());
  }
}
