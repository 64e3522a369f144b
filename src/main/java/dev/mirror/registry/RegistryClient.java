package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The distribution API of one registry, as mirror uses it: manifests as exact bytes, blobs as
 * streams. Every failure is a {@link RegistryException} naming the registry, the repository and
 * the reply, of the kind that reply makes it.
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
  public Optional<Digest> manifestDigest(Reference reference) throws RegistryException {
    RegistryRequest request = RegistryRequest.of("HEAD", manifestPath(reference),
        Scopes.pull(path(reference.repository()))).withHeader("Accept", MediaTypes.ACCEPT);
    HttpResponse<InputStream> reply = transport.send(request);
    byte[] body = TimedHttp.finish(reply);
    if (reply.statusCode() == 404) {
      return Optional.empty();
    }
    if (reply.statusCode() != 200) {
      throw failure(request, reply, body, "checking " + shown(reference));
    }
    Optional<String> header = reply.headers().firstValue("Docker-Content-Digest");
    if (header.isPresent()) {
      try {
        return Optional.of(Digest.parse(header.get()));
      } catch (IllegalArgumentException e) {
        // Fall back to reading the manifest.
      }
    }
    return Optional.of(manifest(reference).digest());
  }

  /**
   * A manifest as its bytes. When {@code reference} is a digest, the bytes are checked against
   * it: a registry that serves other content fails here, before anything is pushed.
   */
  public Manifest manifest(Reference reference) throws RegistryException {
    return fetchManifest(reference, false).orElseThrow();
  }

  /** {@link #manifest}, or empty when the registry has no such manifest (a tag not set). */
  public Optional<Manifest> findManifest(Reference reference) throws RegistryException {
    return fetchManifest(reference, true);
  }

  private Optional<Manifest> fetchManifest(Reference reference, boolean mayBeMissing)
      throws RegistryException {
    String what = shown(reference);
    RegistryRequest request = RegistryRequest.of("GET", manifestPath(reference),
            Scopes.pull(path(reference.repository())))
        .withHeader("Accept", MediaTypes.ACCEPT).readingBody(MAX_MANIFEST_BYTES);
    HttpResponse<InputStream> reply = transport.send(request);
    if (mayBeMissing && reply.statusCode() == 404) {
      TimedHttp.finish(reply);
      return Optional.empty();
    }
    if (reply.statusCode() != 200) {
      throw failure(request, reply, TimedHttp.finish(reply), "fetching manifest " + what);
    }
    Manifest manifest = readManifest(reply, "fetching manifest " + what, what);
    if (reference instanceof Reference.ByDigest byDigest
        && !manifest.digest().equals(byDigest.digest())) {
      throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, what
          + ": the registry served content whose digest is " + manifest.digest()
          + "; refusing to copy it");
    }
    return Optional.of(manifest);
  }

  /** A 200 reply's body (held in memory by the transport) as a manifest. */
  private Manifest readManifest(HttpResponse<InputStream> reply, String doing, String what)
      throws RegistryException {
    byte[] bytes;
    try (InputStream body = reply.body()) {
      bytes = body.readAllBytes(); // already read: the transport held it in memory
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new RegistryException(RegistryException.Kind.TOO_LARGE, registry()
          + ": " + doing + ": the reply is larger than "
          + MAX_MANIFEST_BYTES / (1024 * 1024) + " MiB");
    }
    try {
      return Manifest.of(bytes, reply.headers().firstValue("Content-Type").orElse(null));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL, what + ": " + e.getMessage());
    }
  }

  /** Pages of a referrers list followed at most; a registry pages a long list with Link. */
  static final int MAX_REFERRER_PAGES = 64;

  /**
   * The manifests that refer to {@code subject}, from the referrers API (OCI distribution 1.1),
   * all pages of it; empty when the registry does not answer the API, which it says with a 404
   * (a registry that has the API answers an empty list instead).
   */
  public Optional<ReferrerIndex> referrers(RepositoryName repository, Digest subject)
      throws RegistryException {
    String what = name(repository) + " referrers of " + subject;
    String target = "/v2/" + path(repository) + "/referrers/" + subject;
    ReferrerIndex all = ReferrerIndex.EMPTY;
    for (int page = 0; page < MAX_REFERRER_PAGES; page++) {
      RegistryRequest request = RegistryRequest.of("GET", target, Scopes.pull(path(repository)))
          .withHeader("Accept", MediaTypes.OCI_INDEX).readingBody(MAX_MANIFEST_BYTES);
      HttpResponse<InputStream> reply = transport.send(request);
      if (page == 0 && reply.statusCode() == 404) {
        TimedHttp.finish(reply);
        return Optional.empty();
      }
      if (reply.statusCode() != 200) {
        throw failure(request, reply, TimedHttp.finish(reply), "listing " + what);
      }
      Manifest index = readManifest(reply, "listing " + what, what);
      try {
        all = all.with(ReferrerIndex.of(index).entries());
      } catch (IllegalArgumentException e) {
        throw new RegistryException(RegistryException.Kind.PROTOCOL, what + ": " + e.getMessage());
      }
      Optional<String> next = nextPage(reply);
      if (next.isEmpty()) {
        return Optional.of(all);
      }
      target = next.get();
    }
    throw new RegistryException(RegistryException.Kind.TOO_LARGE, what + ": more than "
        + MAX_REFERRER_PAGES + " pages of referrers");
  }

  /**
   * The next page of a paged list: the {@code Link} header's {@code rel="next"} target, a path on
   * this registry (a link elsewhere is not followed: credentials stay with their registry).
   */
  private static Optional<String> nextPage(HttpResponse<InputStream> reply)
      throws RegistryException {
    for (String link : reply.headers().allValues("Link")) {
      if (!link.contains("rel=\"next\"") && !link.contains("rel=next")) {
        continue;
      }
      int open = link.indexOf('<');
      int close = link.indexOf('>', open + 1);
      String target = open < 0 || close < 0 ? "" : link.substring(open + 1, close);
      if (!target.startsWith("/v2/")) {
        throw new RegistryException(RegistryException.Kind.PROTOCOL,
            "a referrers page links to \"" + MessageText.oneLine(target, 200) + "\""
                + ", not to a path on the same registry; not followed");
      }
      return Optional.of(target);
    }
    return Optional.empty();
  }

  /**
   * Pushes a manifest's exact bytes under a digest or tag, and checks the digest it reports.
   *
   * @return whether the registry lists the manifest among its subject's referrers itself (its
   *     reply names the subject in {@code OCI-Subject}); when not, a referrer is listed under the
   *     subject's fallback tag by whoever pushes it
   */
  public boolean putManifest(Reference reference, Manifest manifest) throws RegistryException {
    RegistryRequest request = RegistryRequest.of("PUT", manifestPath(reference),
            Scopes.push(path(reference.repository())))
        .withHeader("Content-Type", manifest.mediaType())
        .withBody(() -> HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()), true);
    HttpResponse<InputStream> reply = transport.send(request);
    byte[] body = TimedHttp.finish(reply);
    if (reply.statusCode() != 201 && reply.statusCode() != 200) {
      throw failure(request, reply, body, "pushing manifest " + manifest.digest() + " to "
          + shown(reference));
    }
    Optional<String> stored = reply.headers().firstValue("Docker-Content-Digest");
    if (stored.isPresent() && !stored.get().equals(manifest.digest().toString())) {
      throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, shown(reference)
          + ": the registry stored the manifest as " + stored.get() + ", not "
          + manifest.digest());
    }
    return reply.headers().firstValue("OCI-Subject").isPresent();
  }

  public boolean blobExists(RepositoryName repository, Digest digest) throws RegistryException {
    RegistryRequest request = RegistryRequest.of("HEAD", blobPath(repository, digest),
        Scopes.pull(path(repository)));
    HttpResponse<InputStream> reply = transport.send(request);
    byte[] body = TimedHttp.finish(reply);
    return switch (reply.statusCode()) {
      case 200 -> true;
      case 404 -> false;
      default -> throw failure(request, reply, body, "checking blob " + digest + " in "
          + name(repository));
    };
  }

  /** A blob's content, streamed (redirects to blob storage followed); the caller closes it. */
  public Blob blob(RepositoryName repository, Digest digest) throws RegistryException {
    RegistryRequest request = RegistryRequest.of("GET", blobPath(repository, digest),
        Scopes.pull(path(repository)));
    HttpResponse<InputStream> reply = transport.send(request);
    if (reply.statusCode() != 200) {
      throw failure(request, reply, TimedHttp.finish(reply), "fetching blob " + digest
          + " from " + name(repository));
    }
    return new Blob(reply.body(), reply.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  /** A blob being read: its stream and its length (-1 when the registry did not say). */
  public record Blob(InputStream content, long length) {}

  /**
   * Starts a blob upload; with {@code mountFrom} set (a repository of this registry), first asks
   * the registry to mount the blob from there. Returns empty when the blob was mounted, else the
   * upload's location.
   */
  public Optional<String> startUpload(RepositoryName repository, Digest digest,
      RepositoryName mountFrom) throws RegistryException {
    String path = "/v2/" + path(repository) + "/blobs/uploads/";
    List<String> scopes = Scopes.push(path(repository));
    if (mountFrom != null) {
      path += "?mount=" + digest + "&from=" + encode(path(mountFrom));
      scopes = Scopes.mount(path(repository), path(mountFrom));
    }
    RegistryRequest request = RegistryRequest.of("POST", path, scopes)
        .withBody(HttpRequest.BodyPublishers::noBody, true);
    HttpResponse<InputStream> reply = transport.send(request);
    byte[] body = TimedHttp.finish(reply);
    if (reply.statusCode() == 201 && mountFrom != null) {
      return Optional.empty();
    }
    if (reply.statusCode() != 202) {
      throw failure(request, reply, body, "starting an upload of " + digest + " to "
          + name(repository));
    }
    return Optional.of(reply.headers().firstValue("Location").orElseThrow(() ->
        new RegistryException(RegistryException.Kind.PROTOCOL, name(repository)
            + ": the upload reply has no Location")));
  }

  /**
   * Finishes an upload with the whole content in one PUT, streamed. The registry checks the
   * digest too; the caller verifies it while reading the source. Sent once: a stream cannot be
   * replayed, so on a transient failure the caller starts a new upload.
   */
  public void finishUpload(RepositoryName repository, String location, Digest digest,
      long length, Supplier<InputStream> content) throws RegistryException {
    String target = location + (location.contains("?") ? "&" : "?") + "digest="
        + encode(digest.toString());
    RegistryRequest request = RegistryRequest.of("PUT", target, Scopes.push(path(repository)))
        .withHeader("Content-Type", "application/octet-stream")
        .withBody(() -> body(content, length), false);
    HttpResponse<InputStream> reply = transport.send(request);
    byte[] body = TimedHttp.finish(reply);
    if (reply.statusCode() != 201) {
      throw failure(request, reply, body, "uploading blob " + digest + " to " + name(repository));
    }
  }

  /**
   * An upload's body: streamed with its length; an empty blob (which has a digest too) read to
   * its end, so it is still verified, and sent as an empty body; chunked when the length is
   * unknown.
   */
  private static HttpRequest.BodyPublisher body(Supplier<InputStream> content, long length) {
    if (length == 0) {
      try (InputStream in = content.get()) {
        byte[] all = in.readNBytes(1);
        if (all.length != 0 || in.read() >= 0) {
          throw new UncheckedIOException(new IOException("the empty blob has content"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(content);
    return length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length);
  }

  /**
   * A failed reply as an exception of the kind its status makes it, with a hint for a refusal:
   * a write refused means the credentials lack push access; a read refused, that they are
   * missing or wrong.
   */
  private RegistryException failure(RegistryRequest request, HttpResponse<InputStream> reply,
      byte[] body, String what) {
    ErrorReply error = ErrorReply.parse(reply.statusCode(), body);
    String hint = switch (RegistryException.Kind.ofStatus(error.status())) {
      case UNAUTHORIZED, DENIED -> request.writes()
          ? " (the credentials used do not grant push access to it)"
          : " (no credentials for " + registry() + ", or wrong ones: see docker login and"
              + " --docker-config)";
      default -> "";
    };
    return RegistryException.reply(registry() + ": " + what + ": " + error.text() + hint, error,
        RetryPolicy.retryAfter(reply.headers()));
  }

  /** The repository's path on this registry; a repository elsewhere is a caller's mistake. */
  private String path(RepositoryName repository) {
    if (!repository.registry().equals(registry())) {
      throw new IllegalArgumentException(repository + " is not on " + registry());
    }
    return repository.path();
  }

  /** {@code registry/path}, as messages name a repository. */
  private String name(RepositoryName repository) {
    return registry() + "/" + path(repository);
  }

  /** {@code registry/path@digest} or {@code registry/path:tag}. */
  private String shown(Reference reference) {
    return name(reference.repository())
        + (reference instanceof Reference.ByDigest ? "@" : ":") + reference.identifier();
  }

  private String manifestPath(Reference reference) {
    return "/v2/" + path(reference.repository()) + "/manifests/" + reference.identifier();
  }

  private String blobPath(RepositoryName repository, Digest digest) {
    return "/v2/" + path(repository) + "/blobs/" + digest;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
