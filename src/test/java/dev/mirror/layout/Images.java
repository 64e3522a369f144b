package dev.mirror.layout;

import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small OCI images built in memory: their blobs' bytes and their manifest. */
final class Images {
  private Images() {}

  /** An image: its manifest and every blob it names, config first. */
  record Image(Manifest manifest, Map<Digest, byte[]> blobs) {
    void putInto(OciLayoutWriter writer) throws java.io.IOException {
      for (var blob : blobs.entrySet()) {
        writer.putBlob(blob.getKey(), blob.getValue().length,
            new java.io.ByteArrayInputStream(blob.getValue()));
      }
      writer.putManifest(manifest);
    }
  }

  static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** An OCI image manifest naming a config and these layers. */
  static Image image(long seed, byte[]... layers) {
    Map<Digest, byte[]> blobs = new LinkedHashMap<>();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}")
        .getBytes(StandardCharsets.UTF_8);
    blobs.put(Digest.of(config), config);
    List<String> layerJson = new ArrayList<>();
    for (byte[] layer : layers) {
      blobs.put(Digest.of(layer), layer);
      layerJson.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer));
    }
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
        + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", config)
        + ",\"layers\":[" + String.join(",", layerJson) + "]}";
    return new Image(Manifest.of(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST),
        blobs);
  }

  /** An OCI index of these images (their manifests are its children). */
  static Manifest index(Image... images) {
    List<String> entries = new ArrayList<>();
    for (Image image : images) {
      entries.add("{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\""
          + image.manifest().digest() + "\",\"size\":" + image.manifest().size()
          + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}");
    }
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[" + String.join(",", entries) + "]}";
    return Manifest.of(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX);
  }

  private static String descriptor(String mediaType, byte[] content) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.of(content)
        + "\",\"size\":" + content.length + "}";
  }
}
