package dev.mirror.registry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a registry client to seed and inspect registries in tests, on java.net.http: it
 * must not share code with the client under test. Auth follows the 401 challenge: Basic with the
 * credentials, or Bearer with a token fetched from the challenge's realm (GET flow, the
 * credentials as Basic). One Authorization value is kept per repository.
 */
public final class TestRegistryClient {
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final RegistryEndpoint endpoint;
  private final Credentials credentials;
  private final HttpClient http;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  public TestRegistryClient(RegistryEndpoint endpoint, Credentials credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER);
    endpoint.sslContext().ifPresent(builder::sslContext);
    this.http = builder.build();
  }

  public RegistryEndpoint endpoint() {
    return endpoint;
  }

  /** The manifest as the registry serves it when asked with all four manifest media types. */
  public record Manifest(int status, String mediaType, String digestHeader, byte[] bytes) {}

  /** Uploads {@code bytes} (POST then a monolithic PUT) and returns their digest. */
  public String uploadBlob(String repository, byte[] bytes) {
    String digest = Sha256.digest(bytes);
    uploadBlob(repository, digest, () -> BodyPublishers.ofByteArray(bytes));
    return digest;
  }

  /**
   * Uploads a blob whose digest is already known, streaming it with a Content-Length PUT: the
   * content is never held in memory, and {@code content} is asked again if auth needs a retry.
   */
  public void uploadBlob(String repository, String digest, long size,
      Supplier<InputStream> content) {
    uploadBlob(repository, digest,
        () -> BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(content), size));
  }

  private void uploadBlob(String repository, String digest, Supplier<BodyPublisher> body) {
    HttpResponse<byte[]> started = send(repository, "POST",
        "/v2/" + repository + "/blobs/uploads/", Map.of(), BodyPublishers::noBody);
    expect(started, 202);
    String location = started.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("upload answer without Location"));
    String target = location + (location.contains("?") ? "&" : "?")
        + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    HttpResponse<byte[]> done = send(repository, "PUT", target,
        Map.of("Content-Type", "application/octet-stream"), body);
    expect(done, 201);
  }

  /** PUTs manifest bytes as they are and returns the registry's Docker-Content-Digest. */
  public String putManifest(String repository, String reference, String mediaType, byte[] bytes) {
    HttpResponse<byte[]> response = send(repository, "PUT",
        "/v2/" + repository + "/manifests/" + reference, Map.of("Content-Type", mediaType),
        () -> BodyPublishers.ofByteArray(bytes));
    expect(response, 201);
    return response.headers().firstValue("Docker-Content-Digest").orElse(null);
  }

  /** GETs a manifest by tag or digest; status 404 is returned, not thrown. */
  public Manifest getManifest(String repository, String reference) {
    HttpResponse<byte[]> response = send(repository, "GET",
        "/v2/" + repository + "/manifests/" + reference,
        Map.of("Accept", MediaTypes.ACCEPT_ALL_MANIFESTS), BodyPublishers::noBody);
    if (response.statusCode() != 404) {
      expect(response, 200);
    }
    return new Manifest(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Docker-Content-Digest").orElse(null),
        response.body());
  }

  /** The digest a tag points at (HEAD, all four manifest types), or empty if it is unknown. */
  public Optional<String> tagDigest(String repository, String tag) {
    HttpResponse<byte[]> response = send(repository, "HEAD",
        "/v2/" + repository + "/manifests/" + tag,
        Map.of("Accept", MediaTypes.ACCEPT_ALL_MANIFESTS), BodyPublishers::noBody);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    expect(response, 200);
    return response.headers().firstValue("Docker-Content-Digest");
  }

  public boolean blobExists(String repository, String digest) {
    HttpResponse<byte[]> response = send(repository, "HEAD",
        "/v2/" + repository + "/blobs/" + digest, Map.of(), BodyPublishers::noBody);
    if (response.statusCode() == 404) {
      return false;
    }
    expect(response, 200);
    return true;
  }

  /**
   * Sends one request, answering a 401 challenge once. {@code target} is a path below the
   * endpoint or an absolute URL (an upload Location). Any status is returned.
   */
  public HttpResponse<byte[]> send(String repository, String method, String target,
      Map<String, String> headers, Supplier<BodyPublisher> body) {
    URI uri = target.startsWith("/") ? endpoint.baseUri().resolve(target) : URI.create(target);
    HttpResponse<byte[]> response = sendOnce(uri, method, headers, body,
        authorizations.get(repository == null ? "" : repository));
    if (response.statusCode() == 401) {
      Optional<String> authorization = answer(response);
      if (authorization.isPresent()) {
        authorizations.put(repository == null ? "" : repository, authorization.get());
        response = sendOnce(uri, method, headers, body, authorization.get());
      }
    }
    return response;
  }

  private HttpResponse<byte[]> sendOnce(URI uri, String method, Map<String, String> headers,
      Supplier<BodyPublisher> body, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofMinutes(5))
        .method(method, body.get());
    headers.forEach(request::header);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + uri, e);
    }
  }

  /** The Authorization value answering a challenge, if the credentials can answer it. */
  private Optional<String> answer(HttpResponse<byte[]> unauthorized) {
    String challenge = unauthorized.headers().firstValue("WWW-Authenticate").orElse("");
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return credentials.isAnonymous() ? Optional.empty() : Optional.of(credentials.basicHeader());
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    return Optional.of("Bearer " + fetchToken(params.get("realm"), params.get("service"),
        params.get("scope")));
  }

  private String fetchToken(String realm, String service, String scope) {
    StringBuilder url = new StringBuilder(realm).append("?service=")
        .append(URLEncoder.encode(service, StandardCharsets.UTF_8));
    if (scope != null) {
      for (String one : scope.split(" ")) {
        url.append("&scope=").append(URLEncoder.encode(one, StandardCharsets.UTF_8));
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
        .timeout(Duration.ofSeconds(30));
    if (!credentials.isAnonymous()) {
      request.header("Authorization", credentials.basicHeader());
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      expect(response, 200);
      Object token = Json.parseObject(response.body()).get("token");
      if (!(token instanceof String)) {
        throw new IllegalStateException("token answer without token from " + realm);
      }
      return (String) token;
    } catch (IOException e) {
      throw new UncheckedIOException("token request to " + realm + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: token request", e);
    }
  }

  private static void expect(HttpResponse<byte[]> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.request().method() + " " + response.uri()
          + " answered " + response.statusCode() + " (expected " + status + "): "
          + new String(response.body(), StandardCharsets.UTF_8).strip());
    }
  }
}
