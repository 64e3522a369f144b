package dev.mirror.registry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Images made in memory for a {@link HostileServer} to serve: blobs and manifests by digest, and
 * the handler that serves them as a registry would ({@code /v2/}, manifests by digest with
 * their media type and {@code Docker-Content-Digest}, blobs). Tests wrap the handler to
 * misbehave on the requests they choose.
 */
public final class SyntheticContent {
  /** A piece of content and its media type (null for a blob). */
  public record Item(String digest, String mediaType, byte[] bytes) {}

  private final Map<String, Item> items = new ConcurrentHashMap<>();

  public Item blob(byte[] bytes) {
    Item item = new Item(Sha256.digest(bytes), null, bytes);
    items.put(item.digest(), item);
    return item;
  }

  public Item manifest(String mediaType, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Item item = new Item(Sha256.digest(bytes), mediaType, bytes);
    items.put(item.digest(), item);
    return item;
  }

  /** An OCI image of a config and the given layers; {@code padding} bytes of annotation make it larger. */
  public Item image(String name, int padding, byte[]... layers) {
    Item config = blob(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"name\":\"" + name + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(MediaTypes.OCI_MANIFEST).append("\",\"config\":").append(descriptor(
            MediaTypes.OCI_CONFIG, config)).append(",\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      json.append(i == 0 ? "" : ",").append(descriptor(MediaTypes.OCI_LAYER, blob(layers[i])));
    }
    json.append("]");
    if (padding > 0) {
      json.append(",\"annotations\":{\"padding\":\"").append("x".repeat(padding)).append("\"}");
    }
    return manifest(MediaTypes.OCI_MANIFEST, json.append("}").toString());
  }

  /** An OCI index of the given manifests, each for linux/amd64. */
  public Item index(Item... children) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(MediaTypes.OCI_INDEX).append("\",\"manifests\":[");
    for (int i = 0; i < children.length; i++) {
      String descriptor = descriptor(children[i].mediaType(), children[i]);
      json.append(i == 0 ? "" : ",").append(descriptor, 0, descriptor.length() - 1)
          .append(",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}");
    }
    return manifest(MediaTypes.OCI_INDEX, json.append("]}").toString());
  }

  private static String descriptor(String mediaType, Item item) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + item.digest()
        + "\",\"size\":" + item.bytes().length + "}";
  }

  /** Answers as a registry without auth would, from this content. */
  public HostileServer.Handler registry() {
    return this::serve;
  }

  /** Serves one request from this content; for handlers that misbehave on the others only. */
  public void serve(HostileServer.Request request, HostileServer.Answer answer)
      throws IOException {
    String path = request.path();
    if (path.equals("/v2/") || path.equals("/v2")) {
      answer.send(200, Map.of("Content-Type", "application/json"), "{}");
      return;
    }
    int at = Math.max(path.lastIndexOf("/manifests/"), path.lastIndexOf("/blobs/"));
    String reference = at < 0 ? "" : path.substring(path.indexOf('/', at + 1) + 1);
    Item item = items.get(reference);
    if (item == null) {
      answer.send(404, Map.of("Content-Type", "application/json"),
          "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}");
      return;
    }
    Map<String, String> headers = Map.of("Docker-Content-Digest", item.digest(),
        "Content-Type", item.mediaType() == null ? "application/octet-stream" : item.mediaType());
    if (request.method().equals("HEAD")) {
      answer.head(200, headers, item.bytes().length);
      return;
    }
    answer.send(200, headers, item.bytes());
  }
}
