package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests, references, loopback hosts, retry delays and error replies. */
class RegistryValuesTest {
  @Test
  void digestParsesAndRefusesBadInput() {
    Digest d = Digest.parse("sha256:" + "0".repeat(64));
    assertEquals("sha256", d.algorithm());
    assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:abc"));
    assertThrows(IllegalArgumentException.class, () -> Digest.parse("md5:" + "0".repeat(32)));
    assertThrows(IllegalArgumentException.class, () -> Digest.parse("0".repeat(64)));
    assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Digest.of(new byte[0]).toString());
  }

  @Test
  void dockerHubNamesResolveToItsRegistry() {
    RepositoryName python = RepositoryName.parse("docker.io/library/python");
    assertEquals("registry-1.docker.io", python.registry());
    assertEquals("library/python", python.path());
    assertEquals("docker.io/library/python", python.toString());
    assertEquals("library/node", RepositoryName.parse("node").path());
    for (String hub : List.of("docker.io/busybox", "index.docker.io/busybox",
        "registry-1.docker.io/busybox", "busybox", "index.docker.io/library/busybox")) {
      RepositoryName name = RepositoryName.parse(hub);
      assertEquals("registry-1.docker.io library/busybox", name.registry() + " " + name.path(),
          hub);
    }
    assertEquals("bitnami/redis", RepositoryName.parse("docker.io/bitnami/redis").path());
    RepositoryName local = RepositoryName.parse("127.0.0.1:5000/team/app");
    assertEquals("127.0.0.1:5000", local.registry());
    assertEquals("team/app", local.path());
    assertThrows(IllegalArgumentException.class, () -> RepositoryName.parse("a/b:tag"));
  }

  @Test
  void loopbackHosts() {
    assertTrue(Registries.isLoopback("localhost"));
    assertTrue(Registries.isLoopback("127.0.0.1"));
    assertTrue(Registries.isLoopback("127.8.9.10"));
    assertTrue(Registries.isLoopback("[::1]"));
    assertFalse(Registries.isLoopback("128.0.0.1"));
    assertFalse(Registries.isLoopback("localhost.example.com"));
    assertEquals("[::1]", Registries.hostOf("[::1]:5000"));
    assertEquals("registry.example.com", Registries.hostOf("registry.example.com:443"));
  }

  @Test
  void retryDelaysGrowAndHonourRetryAfter() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2));
    assertEquals(Duration.ofSeconds(1), policy.delay(1, Duration.ofSeconds(1)));
    assertEquals(Duration.ofSeconds(2), policy.delay(1, Duration.ofSeconds(60)));
    for (int i = 0; i < 50; i++) {
      long first = policy.delay(1, null).toMillis();
      long fourth = policy.delay(4, null).toMillis();
      assertTrue(first >= 50 && first <= 100, "first delay " + first);
      assertTrue(fourth >= 400 && fourth <= 800, "fourth delay " + fourth);
      assertTrue(policy.delay(20, null).toMillis() <= 2000);
    }
  }

  @Test
  void errorRepliesBecomeOneLine() {
    byte[] body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals("404 MANIFEST_UNKNOWN: manifest unknown", ErrorReply.describe(404, body));
    assertEquals("502 <html> bad gateway </html>",
        ErrorReply.describe(502, "<html>\n bad gateway\n</html>".getBytes(StandardCharsets.UTF_8)));
    assertEquals("503", ErrorReply.describe(503, new byte[0]));
  }

  @Test
  void errorRepliesCannotRewriteTheTerminalNorFloodIt() {
    byte[] escapes = ("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"\\u001b[2J\\u001b]0;x\\u0007"
        + "gone\"}]}").getBytes(StandardCharsets.UTF_8);
    assertEquals("403 DENIED: ?[2J?]0;x?gone", ErrorReply.describe(403, escapes));
    String many = "{\"errors\":[" + "{\"code\":\"X\",\"message\":\"y\"},".repeat(5000)
        + "{\"code\":\"X\"}]}";
    String described = ErrorReply.describe(500, many.getBytes(StandardCharsets.UTF_8));
    assertTrue(described.length() <= 510 && described.endsWith("..."), described);
  }

  @Test
  void referencesAreTypedAndPrintBack() {
    RepositoryName repository = RepositoryName.parse("127.0.0.1:5000/team/app");
    Digest digest = Digest.sha256("a".repeat(64));
    Reference byDigest = Reference.of(repository, digest);
    assertEquals("127.0.0.1:5000/team/app@sha256:" + "a".repeat(64), byDigest.toString());
    assertEquals(digest.toString(), byDigest.identifier());
    Reference byTag = Reference.of(repository, "v1.2");
    assertEquals("127.0.0.1:5000/team/app:v1.2", byTag.toString());
    assertEquals("v1.2", byTag.identifier());
    assertTrue(byTag instanceof Reference.ByTag);
    for (String bad : List.of("", ".hidden", "a:b", "a/b", "x".repeat(129))) {
      assertThrows(IllegalArgumentException.class, () -> Reference.of(repository, bad), bad);
    }
  }

  @Test
  void errorRepliesHaveAKindAndTheRegistrysCode() {
    byte[] body = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"},{\"code\":\"X\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    ErrorReply reply = ErrorReply.parse(403, body);
    assertEquals(List.of("DENIED", "X"), reply.codes());
    RegistryException e = RegistryException.reply("r: pushing: " + reply.text(), reply, null);
    assertEquals(RegistryException.Kind.DENIED, e.kind());
    assertEquals(403, e.status());
    assertEquals("DENIED", e.code().orElseThrow());
    assertEquals(RegistryException.Kind.NOT_FOUND, RegistryException.Kind.ofStatus(404));
    assertEquals(RegistryException.Kind.UNAUTHORIZED, RegistryException.Kind.ofStatus(401));
    assertEquals(RegistryException.Kind.TRANSIENT, RegistryException.Kind.ofStatus(429));
    assertEquals(RegistryException.Kind.TRANSIENT, RegistryException.Kind.ofStatus(503));
    assertEquals(RegistryException.Kind.REJECTED, RegistryException.Kind.ofStatus(400));
    assertTrue(ErrorReply.parse(500, "<html>".getBytes(StandardCharsets.UTF_8)).code().isEmpty());
  }

  @Test
  void theRetryLoopTriesAgainOnlyWhatMayHelp() throws Exception {
    RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));
    AtomicInteger tries = new AtomicInteger();
    List<Boolean> lasts = new java.util.ArrayList<>();
    String result = retry.run(last -> {
      lasts.add(last);
      if (tries.incrementAndGet() < 3) {
        throw new RegistryException(RegistryException.Kind.TRANSIENT, "503");
      }
      return "done";
    });
    assertEquals("done", result);
    assertEquals(List.of(false, false, true), lasts);

    tries.set(0);
    RegistryException denied = assertThrows(RegistryException.class, () -> retry.run(last -> {
      tries.incrementAndGet();
      throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "other content");
    }));
    assertEquals(1, tries.get());
    assertEquals(RegistryException.Kind.DIGEST_MISMATCH, denied.kind());

    tries.set(0);
    assertThrows(javax.net.ssl.SSLException.class, () -> retry.run(last -> {
      tries.incrementAndGet();
      throw new javax.net.ssl.SSLException("handshake");
    }));
    assertEquals(1, tries.get(), "TLS failures do not go away in a second");

    tries.set(0);
    assertThrows(java.io.IOException.class, () -> retry.run(last -> {
      tries.incrementAndGet();
      throw new java.io.IOException("connection reset");
    }));
    assertEquals(3, tries.get());
  }

  @Test
  void aCaFileThatIsAFifoIsRefusedAtOnce(@TempDir Path dir)
      throws Exception {
    Path fifo = dir.resolve("ca.pem");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    RegistryOptions options = new RegistryOptions(Set.of(), fifo, null,
        RetryPolicy.DEFAULT);
    RegistryException e = assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> assertThrows(RegistryException.class,
            () -> new Registries(options, Map.of())));
    assertEquals("cannot read the CA file " + fifo + ": not a regular file", e.getMessage());
  }
}
