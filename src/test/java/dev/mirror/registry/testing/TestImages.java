package dev.mirror.registry.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds random test images in memory and pushes them with {@link TestRegistryClient}: blobs
 * first, then child manifests by digest, then the top manifest under its tag, as a registry
 * requires. Each push makes new random layers, so two pushes share nothing unless a kind says so.
 */
public final class TestImages {
  private static final int SMALL_LAYER_MAX = 4096;

  private final TestRegistryClient client;

  public TestImages(RegistryEndpoint endpoint) {
    this(endpoint, Credentials.anonymous());
  }

  public TestImages(RegistryEndpoint endpoint, Credentials credentials) {
    this.client = new TestRegistryClient(endpoint, credentials);
  }

  public TestRegistryClient client() {
    return client;
  }

  /** A platform of an index entry and of an image config. */
  public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);
    public static final Platform LINUX_ARM64 = new Platform("linux", "arm64", null);
    public static final Platform LINUX_ARM64_V8 = new Platform("linux", "arm64", "v8");
    public static final Platform LINUX_ARM_V7 = new Platform("linux", "arm", "v7");

    void write(JsonGenerator json) throws IOException {
      json.writeStringField("architecture", architecture);
      json.writeStringField("os", os);
      if (variant != null) {
        json.writeStringField("variant", variant);
      }
    }
  }

  /** A content descriptor; {@code urls} only for foreign layers. */
  private record Descriptor(String mediaType, String digest, long size, List<String> urls) {
    Descriptor(String mediaType, String digest, long size) {
      this(mediaType, digest, size, List.of());
    }

    void write(JsonGenerator json, Map<String, String> annotations, Platform platform)
        throws IOException {
      json.writeStartObject();
      json.writeStringField("mediaType", mediaType);
      json.writeStringField("digest", digest);
      json.writeNumberField("size", size);
      if (!urls.isEmpty()) {
        json.writeArrayFieldStart("urls");
        for (String url : urls) {
          json.writeString(url);
        }
        json.writeEndArray();
      }
      if (platform != null) {
        json.writeObjectFieldStart("platform");
        platform.write(json);
        json.writeEndObject();
      }
      writeAnnotations(json, annotations);
      json.writeEndObject();
    }
  }

  /** The two manifest families: their own manifest, index, config and layer media types. */
  private enum Format {
    OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER),
    DOCKER(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_CONFIG,
        MediaTypes.DOCKER_LAYER);

    final String manifest;
    final String index;
    final String config;
    final String layer;

    Format(String manifest, String index, String config, String layer) {
      this.manifest = manifest;
      this.index = index;
      this.config = config;
      this.layer = layer;
    }
  }

  /** A single-platform OCI image manifest (linux/amd64, one config, two layers). */
  public PushedImage pushOciImage(String repository, String tag) {
    return pushImage(Format.OCI, repository, tag);
  }

  /** A single-platform Docker v2 schema 2 manifest. */
  public PushedImage pushDockerImage(String repository, String tag) {
    return pushImage(Format.DOCKER, repository, tag);
  }

  /** An OCI index of linux/amd64 and linux/arm64 images that share their first layer. */
  public PushedImage pushOciIndex(String repository, String tag) {
    return pushIndex(Format.OCI, repository, tag,
        List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64));
  }

  /** A Docker manifest list of linux/amd64 and linux/arm64, sharing their first layer. */
  public PushedImage pushDockerManifestList(String repository, String tag) {
    return pushIndex(Format.DOCKER, repository, tag,
        List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64));
  }

  /** An OCI index whose platforms carry variants: linux/amd64, linux/arm/v7, linux/arm64/v8. */
  public PushedImage pushIndexWithVariants(String repository, String tag) {
    return pushIndex(Format.OCI, repository, tag,
        List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM_V7, Platform.LINUX_ARM64_V8));
  }

  /**
   * An OCI image manifest, indented and with a trailing newline, with manifest and layer
   * annotations: re-serialising it in any way changes its digest.
   */
  public PushedImage pushPrettyPrintedImage(String repository, String tag) {
    Push push = new Push(repository);
    Descriptor layer = push.blob(MediaTypes.OCI_LAYER, randomBytes());
    Descriptor config =
        push.blob(MediaTypes.OCI_CONFIG, configJson(Platform.LINUX_AMD64, List.of(layer)));
    byte[] pretty = Json.write(true, json -> writeImageManifest(json, Format.OCI, config,
        List.of(layer), Map.of("org.opencontainers.image.title", "pretty layer"),
        Map.of("org.opencontainers.image.created", "2024-01-01T00:00:00Z",
            "dev.mirror.test", "pretty-printed")));
    byte[] withTrailingNewline = (new String(pretty, StandardCharsets.UTF_8) + "\n")
        .getBytes(StandardCharsets.UTF_8);
    return push.top(tag, MediaTypes.OCI_MANIFEST, withTrailingNewline);
  }

  /**
   * An OCI image whose layers add up to {@code totalLayerBytes}, split into {@code layerCount}
   * layers made by {@link PseudoRandomStream}: each is digested in one pass and streamed to the
   * registry in another, so 1 GiB needs no heap to speak of.
   */
  public PushedImage pushImageOfSize(String repository, String tag, long totalLayerBytes,
      int layerCount) {
    if (layerCount < 1 || totalLayerBytes < layerCount) {
      throw new IllegalArgumentException("need at least one byte per layer: " + totalLayerBytes
          + " bytes in " + layerCount + " layers");
    }
    Push push = new Push(repository);
    List<Descriptor> layers = new ArrayList<>();
    long seedBase = ThreadLocalRandom.current().nextLong();
    for (int i = 0; i < layerCount; i++) {
      long size = totalLayerBytes / layerCount
          + (i == layerCount - 1 ? totalLayerBytes % layerCount : 0);
      long seed = seedBase + i;
      layers.add(push.streamedBlob(MediaTypes.OCI_LAYER, seed, size));
    }
    Descriptor config = push.blob(MediaTypes.OCI_CONFIG, configJson(Platform.LINUX_AMD64, layers));
    return push.top(tag, MediaTypes.OCI_MANIFEST, Json.write(json ->
        writeImageManifest(json, Format.OCI, config, layers, Map.of(), Map.of())));
  }

  /**
   * A Docker v2 manifest with one ordinary layer and one foreign layer (with {@code urls}) that is
   * not uploaded, as Windows base images have: a mirror must not try to copy it.
   */
  public PushedImage pushImageWithForeignLayer(String repository, String tag) {
    Push push = new Push(repository);
    Descriptor layer = push.blob(MediaTypes.DOCKER_LAYER, randomBytes());
    byte[] foreignContent = randomBytes();
    String foreignDigest = Sha256.digest(foreignContent);
    Descriptor foreign = new Descriptor(MediaTypes.DOCKER_FOREIGN_LAYER, foreignDigest,
        foreignContent.length,
        List.of("https://foreign-layers.invalid/" + Sha256.hex(foreignDigest)));
    push.foreign.put(foreignDigest, (long) foreignContent.length);
    List<Descriptor> layers = List.of(foreign, layer);
    Descriptor config =
        push.blob(MediaTypes.DOCKER_CONFIG, configJson(Platform.LINUX_AMD64, layers));
    return push.top(tag, MediaTypes.DOCKER_MANIFEST, Json.write(json ->
        writeImageManifest(json, Format.DOCKER, config, layers, Map.of(), Map.of())));
  }

  /** The manifest bytes a GET with all four manifest media types returns (404: empty). */
  public Optional<byte[]> manifestBytes(String repository, String reference) {
    TestRegistryClient.Manifest manifest = client.getManifest(repository, reference);
    return manifest.status() == 404 ? Optional.empty() : Optional.of(manifest.bytes());
  }

  public boolean blobExists(String repository, String digest) {
    return client.blobExists(repository, digest);
  }

  public Optional<String> tagDigest(String repository, String tag) {
    return client.tagDigest(repository, tag);
  }

  /** {@link #manifestBytes(String, String)} on an anonymous registry. */
  public static Optional<byte[]> manifestBytes(RegistryEndpoint registry, String repository,
      String reference) {
    return new TestImages(registry).manifestBytes(repository, reference);
  }

  public static boolean blobExists(RegistryEndpoint registry, String repository, String digest) {
    return new TestImages(registry).blobExists(repository, digest);
  }

  public static Optional<String> tagDigest(RegistryEndpoint registry, String repository,
      String tag) {
    return new TestImages(registry).tagDigest(repository, tag);
  }

  private PushedImage pushImage(Format format, String repository, String tag) {
    Push push = new Push(repository);
    List<Descriptor> layers = List.of(push.blob(format.layer, randomBytes()),
        push.blob(format.layer, randomBytes()));
    Descriptor config = push.blob(format.config, configJson(Platform.LINUX_AMD64, layers));
    return push.top(tag, format.manifest, Json.write(json ->
        writeImageManifest(json, format, config, layers, Map.of(), Map.of())));
  }

  private PushedImage pushIndex(Format format, String repository, String tag,
      List<Platform> platforms) {
    Push push = new Push(repository);
    Descriptor shared = push.blob(format.layer, randomBytes());
    Map<Descriptor, Platform> children = new LinkedHashMap<>();
    for (Platform platform : platforms) {
      List<Descriptor> layers = List.of(shared, push.blob(format.layer, randomBytes()));
      Descriptor config = push.blob(format.config, configJson(platform, layers));
      byte[] manifest = Json.write(json ->
          writeImageManifest(json, format, config, layers, Map.of(), Map.of()));
      children.put(push.child(format.manifest, manifest), platform);
    }
    byte[] index = Json.write(json -> {
      json.writeStartObject();
      json.writeNumberField("schemaVersion", 2);
      json.writeStringField("mediaType", format.index);
      json.writeArrayFieldStart("manifests");
      for (var child : children.entrySet()) {
        child.getKey().write(json, Map.of(), child.getValue());
      }
      json.writeEndArray();
      json.writeEndObject();
    });
    return push.top(tag, format.index, index);
  }

  private static void writeImageManifest(JsonGenerator json, Format format, Descriptor config,
      List<Descriptor> layers, Map<String, String> layerAnnotations,
      Map<String, String> annotations) throws IOException {
    json.writeStartObject();
    json.writeNumberField("schemaVersion", 2);
    json.writeStringField("mediaType", format.manifest);
    json.writeFieldName("config");
    config.write(json, Map.of(), null);
    json.writeArrayFieldStart("layers");
    for (Descriptor layer : layers) {
      layer.write(json, layerAnnotations, null);
    }
    json.writeEndArray();
    writeAnnotations(json, annotations);
    json.writeEndObject();
  }

  private static void writeAnnotations(JsonGenerator json, Map<String, String> annotations)
      throws IOException {
    if (annotations.isEmpty()) {
      return;
    }
    json.writeObjectFieldStart("annotations");
    // Sorted, so the same annotations always give the same bytes.
    for (String key : annotations.keySet().stream().sorted().toList()) {
      json.writeStringField(key, annotations.get(key));
    }
    json.writeEndObject();
  }

  /** A minimal image config; diff_ids are the layer digests, which no registry checks. */
  private static byte[] configJson(Platform platform, List<Descriptor> layers) {
    return Json.write(json -> {
      json.writeStartObject();
      platform.write(json);
      json.writeObjectFieldStart("config");
      json.writeEndObject();
      json.writeObjectFieldStart("rootfs");
      json.writeStringField("type", "layers");
      json.writeArrayFieldStart("diff_ids");
      for (Descriptor layer : layers) {
        json.writeString(layer.digest());
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private static byte[] randomBytes() {
    Random random = ThreadLocalRandom.current();
    byte[] bytes = new byte[64 + random.nextInt(SMALL_LAYER_MAX)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** What one push uploaded so far; each blob goes up once even when two manifests share it. */
  private final class Push {
    final String repository;
    final Map<String, byte[]> children = new LinkedHashMap<>();
    final Map<String, Long> blobs = new LinkedHashMap<>();
    final Map<String, Long> foreign = new LinkedHashMap<>();

    Push(String repository) {
      this.repository = repository;
    }

    Descriptor blob(String mediaType, byte[] content) {
      String digest = Sha256.digest(content);
      if (!blobs.containsKey(digest)) {
        client.uploadBlob(repository, content);
        blobs.put(digest, (long) content.length);
      }
      return new Descriptor(mediaType, digest, content.length);
    }

    Descriptor streamedBlob(String mediaType, long seed, long size) {
      String digest;
      try (var in = new PseudoRandomStream(seed, size)) {
        digest = Sha256.digest(in);
      }
      client.uploadBlob(repository, digest, size, () -> new PseudoRandomStream(seed, size));
      blobs.put(digest, size);
      return new Descriptor(mediaType, digest, size);
    }

    Descriptor child(String mediaType, byte[] manifest) {
      String digest = Sha256.digest(manifest);
      client.putManifest(repository, digest, mediaType, manifest);
      children.put(digest, manifest);
      return new Descriptor(mediaType, digest, manifest.length);
    }

    PushedImage top(String tag, String mediaType, byte[] manifest) {
      String digest = Sha256.digest(manifest);
      String answered = client.putManifest(repository, tag == null ? digest : tag, mediaType,
          manifest);
      if (answered != null && !answered.equals(digest)) {
        throw new IllegalStateException("registry computed " + answered + " for a manifest whose"
            + " bytes digest to " + digest);
      }
      return new PushedImage(repository, tag, digest, mediaType, manifest, children, blobs,
          foreign);
    }
  }
}
