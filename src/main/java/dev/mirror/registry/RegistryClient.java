package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * The distribution API of one registry, as mirror uses it: manifests as exact bytes, blobs as
 * streams. Every failure is a {@link RegistryException} naming the registry, the repository and
 * the reply.
 */
public final class RegistryClient {
  /** Larger manifests are refused, as Distribution refuses to store them (4 MiB). */
  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private final RegistryTransport transport;

  RegistryClient(RegistryTransport transport) {
    this.transport = transport;
  }

  public String registry() {
    return transport.registry();
  }

  /** The digest a tag or digest resolves to, or empty when the registry has no such manifest. */
  public Optional<Digest> manifestDigest(String repository, String reference)
      throws RegistryException {
    HttpResponse<InputStream> reply = transport.send(RegistryRequest.of("HEAD",
        manifestPath(repository, reference), Scopes.pull(repository))
        .withHeader("Accept", MediaTypes.ACCEPT));
    byte[] body = RegistryTransport.finish(reply);
    if (reply.statusCode() == 404) {
      return Optional.empty();
    }
    if (reply.statusCode() != 200) {
      throw failure(reply, body, "checking " + name(repository) + refSuffix(reference));
    }
    Optional<String> header = reply.headers().firstValue("Docker-Content-Digest");
    if (header.isPresent()) {
      try {
        return Optional.of(Digest.parse(header.get()));
      } catch (IllegalArgumentException e) {
        // Fall back to reading the manifest.
      }
    }
    return Optional.of(manifest(repository, reference).digest());
  }

  /**
   * A manifest as its bytes. When {@code reference} is a digest, the bytes are checked against
   * it: a registry that serves other content fails here, before anything is pushed.
   */
  public Manifest manifest(String repository, String reference) throws RegistryException {
    String what = name(repository) + refSuffix(reference);
    RegistryTransport.BodyReply reply = transport.sendReadingBody(RegistryRequest.of("GET",
        manifestPath(repository, reference), Scopes.pull(repository))
        .withHeader("Accept", MediaTypes.ACCEPT), MAX_MANIFEST_BYTES, "fetching manifest " + what);
    if (reply.status() != 200) {
      throw failure(reply.reply(), reply.body(), "fetching manifest " + what);
    }
    byte[] bytes = reply.body();
    Manifest manifest;
    try {
      manifest = Manifest.of(bytes,
          reply.reply().headers().firstValue("Content-Type").orElse(null));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(what + ": " + e.getMessage());
    }
    if (isDigest(reference) && !manifest.digest().toString().equals(reference)) {
      throw new RegistryException(what + ": the registry served content whose digest is "
          + manifest.digest() + "; refusing to copy it");
    }
    return manifest;
  }

  /** Pushes a manifest's exact bytes under a digest or tag, and checks the digest it reports. */
  public void putManifest(String repository, String reference, Manifest manifest)
      throws RegistryException {
    HttpResponse<InputStream> reply = transport.send(RegistryRequest.of("PUT",
            manifestPath(repository, reference), Scopes.push(repository))
        .withHeader("Content-Type", manifest.mediaType())
        .withBody(() -> HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()), true));
    byte[] body = RegistryTransport.finish(reply);
    if (reply.statusCode() != 201 && reply.statusCode() != 200) {
      throw failure(reply, body, "pushing manifest " + manifest.digest() + " to " + name(repository)
          + refSuffix(reference));
    }
    Optional<String> stored = reply.headers().firstValue("Docker-Content-Digest");
    if (stored.isPresent() && !stored.get().equals(manifest.digest().toString())) {
      throw new RegistryException(name(repository) + refSuffix(reference) + ": the registry"
          + " stored the manifest as " + stored.get() + ", not " + manifest.digest());
    }
  }

  public boolean blobExists(String repository, Digest digest) throws RegistryException {
    HttpResponse<InputStream> reply = transport.send(RegistryRequest.of("HEAD",
        blobPath(repository, digest), Scopes.pull(repository)));
    byte[] body = RegistryTransport.finish(reply);
    return switch (reply.statusCode()) {
      case 200 -> true;
      case 404 -> false;
      default -> throw failure(reply, body, "checking blob " + digest + " in " + name(repository));
    };
  }

  /** A blob's content, streamed (redirects to blob storage followed); the caller closes it. */
  public Blob blob(String repository, Digest digest) throws RegistryException {
    HttpResponse<InputStream> reply = transport.send(RegistryRequest.of("GET",
        blobPath(repository, digest), Scopes.pull(repository)));
    if (reply.statusCode() != 200) {
      throw failure(reply, "fetching blob " + digest + " from " + name(repository));
    }
    return new Blob(reply.body(), reply.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  /** A blob being read: its stream and its length (-1 when the registry did not say). */
  public record Blob(InputStream content, long length) {}

  /**
   * Starts a blob upload; with {@code mountFrom} set, first asks the registry to mount the blob
   * from that repository. Returns empty when the blob was mounted, else the upload's location.
   */
  public Optional<String> startUpload(String repository, Digest digest, String mountFrom)
      throws RegistryException {
    String path = "/v2/" + repository + "/blobs/uploads/";
    List<String> scopes = Scopes.push(repository);
    if (mountFrom != null) {
      path += "?mount=" + digest + "&from=" + RegistryTransport.encode(mountFrom);
      scopes = Scopes.mount(repository, mountFrom);
    }
    HttpResponse<InputStream> reply = transport.send(RegistryRequest.of("POST", path, scopes)
        .withBody(HttpRequest.BodyPublishers::noBody, true));
    byte[] body = RegistryTransport.finish(reply);
    if (reply.statusCode() == 201 && mountFrom != null) {
      return Optional.empty();
    }
    if (reply.statusCode() != 202) {
      throw failure(reply, body, "starting an upload of " + digest + " to " + name(repository));
    }
    return Optional.of(reply.headers().firstValue("Location").orElseThrow(() ->
        new RegistryException(name(repository) + ": the upload reply has no Location")));
  }

  /**
   * Finishes an upload with the whole content in one PUT, streamed. The registry checks the
   * digest too; the caller verifies it while reading the source.
   */
  public void finishUpload(String repository, String location, Digest digest, long length,
      java.util.function.Supplier<InputStream> content) throws RegistryException {
    String target = location + (location.contains("?") ? "&" : "?") + "digest="
        + RegistryTransport.encode(digest.toString());
    HttpResponse<InputStream> reply = transport.send(RegistryRequest.of("PUT", target,
            Scopes.push(repository))
        .withHeader("Content-Type", "application/octet-stream")
        .withBody(() -> body(content, length), false));
    byte[] body = RegistryTransport.finish(reply);
    if (reply.statusCode() != 201) {
      throw failure(reply, body, "uploading blob " + digest + " to " + name(repository));
    }
  }

  /**
   * An upload's body: streamed with its length; an empty blob (which has a digest too) read to
   * its end, so it is still verified, and sent as an empty body; chunked when the length is
   * unknown.
   */
  private static HttpRequest.BodyPublisher body(java.util.function.Supplier<InputStream> content,
      long length) {
    if (length == 0) {
      try (InputStream in = content.get()) {
        byte[] all = in.readNBytes(1);
        if (all.length != 0 || in.read() >= 0) {
          throw new java.io.UncheckedIOException(new IOException("the empty blob has content"));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(content);
    return length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length);
  }

  /** A failed reply whose body has not been read. */
  private RegistryException failure(HttpResponse<InputStream> reply, String what) {
    return failure(reply, RegistryTransport.finish(reply), what);
  }

  private RegistryException failure(HttpResponse<InputStream> reply, byte[] body, String what) {
    int status = reply.statusCode();
    String detail = ErrorReply.describe(status, body);
    boolean writing = what.startsWith("pushing") || what.startsWith("uploading")
        || what.startsWith("starting");
    String hint = status != 401 && status != 403 ? ""
        : writing ? " (the credentials used do not grant push access to it)"
        : " (no credentials for " + registry() + ", or wrong ones: see docker login and"
            + " --docker-config)";
    return new RegistryException(registry() + ": " + what + ": " + detail + hint, status,
        RegistryTransport.retryAfter(reply.headers()), null);
  }

  private String name(String repository) {
    return registry() + "/" + repository;
  }

  private static boolean isDigest(String reference) {
    return reference.contains(":");
  }

  private static String refSuffix(String reference) {
    return (isDigest(reference) ? "@" : ":") + reference;
  }

  private static String manifestPath(String repository, String reference) {
    return "/v2/" + repository + "/manifests/" + reference;
  }

  private static String blobPath(String repository, Digest digest) {
    return "/v2/" + repository + "/blobs/" + digest;
  }
}
