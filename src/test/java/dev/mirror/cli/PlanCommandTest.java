package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirror.registry.testing.LocalRegistry;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.RegistryProxy;
import dev.mirror.registry.testing.TestImages;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirror plan}: what run would do, with run's summary in the future tense, a JSON report,
 * and terraform's detailed exit codes, against real registries seen through counting proxies:
 * plan never writes.
 */
class PlanCommandTest {
  private static LocalRegistry sourceRegistry;
  private static LocalRegistry destinationRegistry;
  private static RegistryProxy source;
  private static RegistryProxy destination;
  private static PushedImage index;
  private static PushedImage image;
  private static PushedImage other;

  @BeforeAll
  static void start() {
    sourceRegistry = LocalRegistry.start();
    destinationRegistry = LocalRegistry.start();
    source = RegistryProxy.start(sourceRegistry);
    destination = RegistryProxy.start(destinationRegistry);
    TestImages images = new TestImages(sourceRegistry);
    index = images.pushOciIndex("upstream/app", "1");
    image = images.pushDockerImage("upstream/tool", "2");
    other = images.pushDockerImage("upstream/tool", "3");
  }

  @AfterAll
  static void stop() {
    destination.close();
    source.close();
    destinationRegistry.close();
    sourceRegistry.close();
  }

  @BeforeEach
  void forget() {
    source.reset();
    destination.reset();
  }

  private static Path repo(Path dir, String build) throws IOException {
    Files.writeString(dir.resolve("pants.toml"),
        "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n");
    Files.createDirectories(dir.resolve("images"));
    Files.writeString(dir.resolve("images/BUILD"), build
        .replace("SRC", source.host()).replace("DST", destination.host())
        .replace("INDEX_SHA", index.hex()).replace("IMAGE_SHA", image.hex())
        .replace("OTHER_SHA", other.hex()));
    return dir;
  }

  private static MirrorCli.Result mirror(Path root, String... args) {
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--docker-config=" + root.resolve("none.json")))
        .toArray(String[]::new);
    return MirrorCli.in(root).home(root).environment(Map.of()).run(all);
  }

  /** Plans, and checks that neither registry got anything but GET and HEAD. */
  private static MirrorCli.Result plan(Path root, String... args) {
    source.reset();
    destination.reset();
    String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("plan"),
        java.util.Arrays.stream(args)).toArray(String[]::new);
    MirrorCli.Result result = mirror(root, all);
    for (RegistryProxy proxy : List.of(source, destination)) {
      for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
        assertEquals(0, proxy.count(method, ".*"), method + " sent to " + proxy.host()
            + ": " + proxy.requests());
      }
    }
    return result;
  }

  private static JsonNode report(Path file) throws IOException {
    return new ObjectMapper().readTree(Files.readString(file));
  }

  private static String sourceRef(PushedImage pushed) {
    return source.host() + "/" + pushed.repository() + "@" + pushed.digest();
  }

  @Test
  void anEmptyDestinationNeedsEveryBlobThenRunMakesItUpToDate(@TempDir Path dir)
      throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(name="app", source_repository="SRC/upstream/app",
            destination_repository="DST/plan/empty", sha="INDEX_SHA", tag="1.0")
        """);
    Path json = root.resolve("plan.json");
    MirrorCli.Result plan = plan(root, "::", "--output-json=" + json);
    assertEquals(2, plan.exit(), plan.out() + plan.err());
    int blobs = index.blobs().size();
    assertEquals("+ " + sourceRef(index) + " will be mirrored to " + destination.host()
        + "/plan/empty:1.0: " + blobs + " blobs to copy (" + bytes(index.totalBlobBytes())
        + "), 0 to mount, 0 present\n", plan.out().lines().findFirst().orElseThrow() + "\n");
    assertTrue(plan.out().contains("1 target (1 to mirror); blobs: " + blobs + " to copy, 0 to"
        + " mount, 0 present; "), plan.out());
    JsonNode target = report(json).get(0);
    assertEquals("images:app", target.get("address").asText());
    assertEquals("copy", target.get("status").asText());
    assertEquals(blobs, target.get("blobs_to_copy").asInt());
    assertEquals(index.totalBlobBytes(), target.get("bytes_to_copy").asLong());
    assertTrue(target.get("tag_points_to").isNull(), target.toString());
    assertTrue(target.get("error").isNull(), target.toString());
    assertTrue(source.count("GET", ".*/manifests/.*") > 0, "the source was not read");
    assertEquals(Optional.empty(), TestImages.tagDigest(destinationRegistry, "plan/empty", "1.0"));

    MirrorCli.Result run = mirror(root, "run", "::");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(destination.count("PUT", ".*") > 0, "the proxy did not see run's writes");
    MirrorCli.Result again = plan(root, "::", "--output-json=" + json);
    assertEquals(0, again.exit(), again.out() + again.err());
    assertTrue(again.out().startsWith("- " + sourceRef(index) + " up to date in "
        + destination.host() + "/plan/empty:1.0\n"), again.out());
    assertTrue(again.out().contains("1 target (1 up to date); blobs: 0 to copy"), again.out());
    assertEquals("up-to-date", report(json).get(0).get("status").asText());
    assertEquals(0, source.requests().size(), "the source was read: " + source.requests());
  }

  @Test
  void blobsAlreadyThereAreNotCounted(@TempDir Path dir) throws IOException {
    // One of the image's blobs is already in the destination repository.
    String present = image.blobs().keySet().iterator().next();
    byte[] bytes = new TestImages(sourceRegistry).client().send("upstream/tool", "GET",
        "/v2/upstream/tool/blobs/" + present, Map.of(), HttpRequest.BodyPublishers::noBody)
        .body();
    new TestImages(destinationRegistry).client().uploadBlob("plan/partial", bytes);
    Path root = repo(dir, """
        oci_mirror_image(name="tool", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/partial", sha="IMAGE_SHA", tag="2")
        """);
    Path json = root.resolve("plan.json");
    MirrorCli.Result plan = plan(root, "::", "--output-json=" + json);
    assertEquals(2, plan.exit(), plan.out() + plan.err());
    int missing = image.blobs().size() - 1;
    long missingBytes = image.totalBlobBytes() - image.blobs().get(present);
    assertTrue(plan.out().contains(" will be mirrored to " + destination.host()
        + "/plan/partial:2: " + missing + " blob" + (missing == 1 ? "" : "s") + " to copy ("
        + bytes(missingBytes) + "), 0 to mount, 1 present\n"), plan.out());
    JsonNode target = report(json).get(0);
    assertEquals(missing, target.get("blobs_to_copy").asInt());
    assertEquals(missingBytes, target.get("bytes_to_copy").asLong());
    assertEquals(1, target.get("blobs_present").asInt());
  }

  @Test
  void onTheSameRegistryBlobsAreMounted(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(name="tool", source_repository="SRC/upstream/tool",
            destination_repository="SRC/plan/same-registry", sha="IMAGE_SHA")
        """);
    MirrorCli.Result plan = plan(root, "::");
    assertEquals(2, plan.exit(), plan.out() + plan.err());
    assertTrue(plan.out().contains(": 0 blobs to copy (0 B), " + image.blobs().size()
        + " to mount, 0 present\n"), plan.out());
  }

  @Test
  void aBlobSeveralTargetsNeedIsCopiedOnceAsRunCopiesIt(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_images(name="tool", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/shared", variants={"a": "IMAGE_SHA", "b": "IMAGE_SHA"})
        oci_mirror_image(name="twin", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/shared-twin", sha="IMAGE_SHA")
        """);
    MirrorCli.Result plan = plan(root, "::");
    assertEquals(2, plan.exit(), plan.out() + plan.err());
    int n = image.blobs().size();
    List<String> lines = plan.out().lines().toList();
    // images:tool#a, images:tool#b, images:twin: by address.
    assertTrue(lines.get(0).endsWith("/plan/shared:a: " + n + " blobs to copy ("
        + bytes(image.totalBlobBytes()) + "), 0 to mount, 0 present"), plan.out());
    assertTrue(lines.get(1).endsWith("/plan/shared:b: 0 blobs to copy (0 B), 0 to mount, " + n
        + " present"), plan.out());
    assertTrue(lines.get(2).endsWith("/plan/shared-twin: 0 blobs to copy (0 B), " + n
        + " to mount, 0 present"), plan.out());
  }

  @Test
  void aDriftedTagIsShownAsThePolicyWouldTreatIt(@TempDir Path dir) throws IOException {
    // The tag points at OTHER; the pin, IMAGE, is there by digest too.
    Path root = repo(dir, """
        oci_mirror_image(name="old", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/drift", sha="IMAGE_SHA")
        oci_mirror_image(name="tool", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/drift", sha="OTHER_SHA", tag="stable")
        """);
    assertEquals(0, mirror(root, "run", "::").exit());
    repo(dir, """
        oci_mirror_image(name="tool", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/drift", sha="IMAGE_SHA", tag="stable")
        """);
    Path json = root.resolve("plan.json");
    MirrorCli.Result overwrite = plan(root, "images:tool", "--output-json=" + json);
    assertEquals(2, overwrite.exit(), overwrite.out() + overwrite.err());
    assertTrue(overwrite.out().startsWith("~ " + sourceRef(image) + " will tag "
        + destination.host() + "/plan/drift:stable (tag now " + other.digest() + ")\n"),
        overwrite.out());
    JsonNode tag = report(json).get(0);
    assertEquals("tag", tag.get("status").asText());
    assertEquals(other.digest(), tag.get("tag_points_to").asText());
    assertEquals(0, source.requests().size(), "the source was read: " + source.requests());

    MirrorCli.Result fail = plan(root, "images:tool", "--on-drift=fail", "--output-json=" + json);
    assertEquals(1, fail.exit(), fail.out() + fail.err());
    assertTrue(fail.out().startsWith("✕ " + sourceRef(image) + " to " + destination.host()
        + "/plan/drift:stable will fail: " + destination.host() + "/plan/drift:stable points at "
        + other.digest() + ", not at the pin " + image.digest()), fail.out());
    assertTrue(fail.out().contains("1 target (1 error)"), fail.out());
    assertEquals("error", report(json).get(0).get("status").asText());

    MirrorCli.Result keep = plan(root, "images:tool", "--on-drift=keep", "--output-json=" + json);
    assertEquals(0, keep.exit(), keep.out() + keep.err());
    assertTrue(keep.out().startsWith("- " + sourceRef(image) + " up to date in "
        + destination.host() + "/plan/drift; tag stable will stay at " + other.digest()
        + " (--on-drift=keep)\n"), keep.out());
    assertTrue(report(json).get(0).get("tag_kept").asBoolean());
    assertEquals(Optional.of(other.digest()),
        TestImages.tagDigest(destinationRegistry, "plan/drift", "stable"));
  }

  @Test
  void aMissingPinIsAnErrorWithTheRegistrysReply(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(name="gone", source_repository="SRC/upstream/app",
            destination_repository="DST/plan/gone", sha="%s", tag="1")
        oci_mirror_image(name="app", source_repository="SRC/upstream/app",
            destination_repository="DST/plan/fine", sha="INDEX_SHA", tag="1")
        """.formatted("f".repeat(64)));
    Path json = root.resolve("plan.json");
    MirrorCli.Result plan = plan(root, "::", "--output-json=" + json);
    assertEquals(1, plan.exit(), plan.out() + plan.err());
    List<String> lines = plan.out().lines().toList();
    assertTrue(lines.get(0).startsWith("+ " + sourceRef(index) + " will be mirrored to"),
        plan.out()); // images:app sorts before images:gone
    assertTrue(lines.get(1).startsWith("✕ " + source.host() + "/upstream/app@sha256:"
        + "f".repeat(64) + " to " + destination.host() + "/plan/gone:1 will fail: "), plan.out());
    assertTrue(lines.get(1).contains("404 MANIFEST_UNKNOWN"), plan.out());
    assertTrue(lines.get(2).startsWith("2 targets (1 to mirror, 1 error)"), plan.out());
    JsonNode gone = report(json).get(1);
    assertEquals("images:gone", gone.get("address").asText());
    assertEquals("error", gone.get("status").asText());
    assertTrue(gone.get("error").asText().contains("404 MANIFEST_UNKNOWN"), gone.toString());
  }

  @Test
  void anUnreachableRegistryIsAnError(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(name="app", source_repository="SRC/upstream/app",
            destination_repository="127.0.0.1:1/plan/nowhere", sha="INDEX_SHA", tag="1")
        """);
    Path json = root.resolve("plan.json");
    MirrorCli.Result plan = plan(root, "::", "--output-json=" + json);
    assertEquals(1, plan.exit(), plan.out() + plan.err());
    assertTrue(plan.out().startsWith("✕ " + sourceRef(index) + " to 127.0.0.1:1/plan/nowhere:1"
        + " will fail: 127.0.0.1:1"), plan.out());
    assertEquals("error", report(json).get(0).get("status").asText());
    assertEquals(0, source.requests().size(), "the source was read: " + source.requests());
  }

  @Test
  void refusedCredentialsAreAnError(@TempDir Path dir) throws IOException {
    try (LocalRegistry locked = LocalRegistry.builder().basicAuth("u", "secret").start()) {
      Path root = repo(dir, """
          oci_mirror_image(name="app", source_repository="SRC/upstream/app",
              destination_repository="%s/plan/locked", sha="INDEX_SHA", tag="1")
          """.formatted(locked.host()));
      MirrorCli.Result plan = plan(root, "::");
      assertEquals(1, plan.exit(), plan.out() + plan.err());
      assertTrue(plan.out().contains(" will fail: "), plan.out());
      assertTrue(plan.out().contains("401"), plan.out());
    }
  }

  private static String bytes(long n) {
    return dev.mirror.goals.RunGoal.bytes(n);
  }

  @Test
  void shardsPlanDisjointPartsThatTogetherAreTheWhole(@TempDir Path dir) throws IOException {
    Path root = repo(dir, """
        oci_mirror_image(name="a", source_repository="SRC/upstream/app",
            destination_repository="DST/plan/shard-a", sha="INDEX_SHA", tag="1")
        oci_mirror_image(name="b", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/shard-b", sha="IMAGE_SHA", tag="2")
        oci_mirror_image(name="c", source_repository="SRC/upstream/tool",
            destination_repository="DST/plan/shard-c", sha="OTHER_SHA", tag="3")
        """);
    java.util.Set<String> seen = new java.util.TreeSet<>();
    int planned = 0;
    for (int k = 0; k < 2; k++) {
      Path json = root.resolve("plan-" + k + ".json");
      MirrorCli.Result plan = plan(root, "::", "--shard=" + k + "/2", "--output-json=" + json);
      assertEquals(2, plan.exit(), plan.out() + plan.err());
      for (JsonNode target : report(json)) {
        assertTrue(seen.add(target.get("address").asText()), "in two shards: " + target);
        planned++;
      }
    }
    assertEquals(java.util.Set.of("images:a", "images:b", "images:c"), seen);
    assertEquals(3, planned);
    MirrorCli.Result bad = plan(root, "::", "--shard=2/2");
    assertEquals(2, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.err().contains("Invalid shard specification 2/2"), bad.err());
  }
}
