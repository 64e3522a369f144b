package dev.mirror.layout;

import dev.mirror.layout.Images.Image;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.MediaTypes;
import dev.mirror.registry.testing.PseudoRandomStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Writers run in a JVM of their own by the tests: one to be killed, one with a small heap. */
public final class LayoutChild {
  static final String STREAMING = "streaming";
  static final Image FIRST = Images.image(11, Images.random(11, 10_000));

  private LayoutChild() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "killed" -> killed(Path.of(args[1]));
      case "large" -> large(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]),
          Digest.parse(args[4]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** Lists one image, then streams a blob slowly until the test kills this JVM. */
  private static void killed(Path layout) throws Exception {
    try (OciLayoutWriter writer = OciLayoutWriter.open(layout)) {
      FIRST.putInto(writer);
      writer.addImage(FIRST.manifest(), "first", Map.of());
      InputStream endless = new InputStream() {
        long sent;

        @Override
        public int read() {
          return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (sent > 0) {
            System.out.println(STREAMING);
            System.out.flush();
            sleep();
          }
          sent += len;
          return len;
        }
      };
      writer.putBlob(Digest.of(new byte[] {1}), 1L << 40, endless);
    }
  }

  /** Writes one image with a blob of {@code size} pseudo-random bytes, then reads it back. */
  private static void large(Path target, long size, long seed, Digest digest) throws Exception {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + Digest.of(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest + "\",\"size\":"
        + size + "}]}";
    Manifest manifest = Manifest.of(json.getBytes(StandardCharsets.UTF_8), null);
    try (OciLayoutWriter writer = OciLayoutWriter.open(target)) {
      writer.putBlob(Digest.of(config), config.length, new java.io.ByteArrayInputStream(config));
      try (InputStream in = new PseudoRandomStream(seed, size)) {
        writer.putBlob(digest, size, in);
      }
      writer.addImage(manifest, "large", Map.of());
      writer.commit();
    }
    try (OciLayoutReader reader = OciLayoutReader.open(target)) {
      System.out.println("verified " + reader.verify() + " max heap "
          + Runtime.getRuntime().maxMemory());
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
