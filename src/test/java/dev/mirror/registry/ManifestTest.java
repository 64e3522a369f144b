package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  @Test
  void keepsExactBytesAndDigestsThem() {
    String pretty = "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + MediaTypes.OCI_MANIFEST
        + "\",\n  \"config\": {\"mediaType\": \"x\", \"digest\": \"sha256:" + A
        + "\", \"size\": 3},\n  \"layers\": [ {\"mediaType\": \"y\", \"digest\": \"sha256:" + B
        + "\", \"size\": 5} ],\n  \"annotations\": {\"k\": \"v\"}\n}\n";
    byte[] bytes = pretty.getBytes(StandardCharsets.UTF_8);
    Manifest m = Manifest.of(bytes, MediaTypes.OCI_MANIFEST);
    assertArrayEquals(bytes, m.bytes());
    assertEquals(Digest.of(bytes), m.digest());
    assertEquals(List.of(Digest.sha256(A), Digest.sha256(B)),
        m.blobs().stream().map(Descriptor::digest).toList());
    assertTrue(m.children().isEmpty());
  }

  @Test
  void indexChildrenWithPlatformVariant() {
    String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"digest\":\"sha256:" + C + "\",\"size\":10,\"platform\":{\"os\":\"linux\","
        + "\"architecture\":\"arm\",\"variant\":\"v7\"}}]}";
    // No Content-Type and no mediaType field: the shape decides.
    Manifest m = Manifest.of(index.getBytes(StandardCharsets.UTF_8), null);
    assertTrue(m.isIndex());
    assertEquals("linux/arm/v7", m.children().get(0).platform());
    assertTrue(m.blobs().isEmpty());
  }

  @Test
  void foreignLayersAreRecognised() {
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST
        + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:" + A + "\",\"size\":1},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\","
        + "\"digest\":\"sha256:" + B + "\",\"size\":9,\"urls\":[\"https://example.com/l\"]}]}";
    Manifest m = Manifest.of(manifest.getBytes(StandardCharsets.UTF_8), "application/json");
    Descriptor layer = m.blobs().get(1);
    assertTrue(layer.isForeign());
    assertEquals(List.of("https://example.com/l"), layer.urls());
  }

  @Test
  void schema1IsRefusedWithAReason() {
    String schema1 = "{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Manifest.of(schema1.getBytes(StandardCharsets.UTF_8), "application/json"));
    assertTrue(e.getMessage().contains("schema 1"), e.getMessage());
  }

  @Test
  void notJsonIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Manifest.of("<html>".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST));
    assertTrue(e.getMessage().startsWith("the manifest is not JSON"), e.getMessage());
  }
}
