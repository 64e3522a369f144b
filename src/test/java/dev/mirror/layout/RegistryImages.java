package dev.mirror.layout;

import dev.mirror.copy.Mirroring;
import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.Reference;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RepositoryName;
import dev.mirror.registry.testing.PushedImage;
import dev.mirror.registry.testing.RegistryEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Copies images from a test registry into a layout, and runs skopeo on layouts. */
final class RegistryImages {
  private RegistryImages() {}

  /** Copies a pushed image, every manifest and blob, then lists it under {@code refName}. */
  static Manifest copy(RegistryEndpoint registry, PushedImage image, OciLayoutWriter writer,
      String refName) throws IOException {
    RepositoryName repository = RepositoryName.parse(registry.host() + "/" + image.repository());
    try (Registries registries = Mirroring.registries()) {
      RegistryClient client = registries.client(repository.registry());
      Manifest top = client.manifest(Reference.of(repository, Digest.parse(image.digest())));
      copyContent(client, repository, top, writer);
      writer.addImage(top, refName, Map.of(OciLayout.SOURCE_REPOSITORY, repository.toString()));
      return top;
    }
  }

  private static void copyContent(RegistryClient client, RepositoryName repository,
      Manifest manifest, OciLayoutWriter writer) throws IOException {
    for (Descriptor child : manifest.children()) {
      Manifest childManifest = client.manifest(Reference.of(repository, child.digest()));
      copyContent(client, repository, childManifest, writer);
      writer.putManifest(childManifest);
    }
    for (Descriptor blob : manifest.blobs()) {
      if (blob.isForeign() || writer.hasBlob(blob.digest())) {
        continue;
      }
      RegistryClient.Blob content = client.blob(repository, blob.digest());
      try (InputStream in = content.content()) {
        writer.putBlob(blob.digest(), blob.size(), in);
      }
    }
  }

  /** Runs skopeo (insecure policy, no TLS, no credentials: test registries on loopback). */
  static String skopeo(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("skopeo", "--insecure-policy"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in 2 minutes");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(command + " exited " + process.exitValue() + ":\n" + output);
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
