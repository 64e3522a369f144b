package dev.mirror.registry.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI distribution spec 1.1 referrers API, which Distribution 2.8 lacks, added by a {@link
 * RegistryProxy} in front of a real registry. Everything else passes through the proxy as
 * usual, so requests are recorded and faults can be injected ({@link #proxy()}).
 *
 * <ul>
 *   <li>A manifest PUT that upstream accepts (201) and whose manifest has a {@code subject} is
 *       remembered as a referrer of that subject in that repository, and the answer gets {@code
 *       OCI-Subject: <subject digest>}, which tells a client the registry lists referrers.
 *       A 202 to a manifest DELETE by digest forgets it.
 *   <li>{@code GET /v2/<name>/referrers/<digest>[?artifactType=...]} answers 200 with an OCI
 *       index of the remembered descriptors (empty when none), filtered by artifact type with
 *       {@code OCI-Filters-Applied: artifactType}. Access is upstream's decision: the proxy first
 *       asks it {@code HEAD /v2/<name>/manifests/<digest>} with the client's credentials and
 *       passes on a 401 (with its challenge) or 403.
 * </ul>
 *
 * <p>On the referrers path only faults answered in place apply (429, 403, 503, redirect); one
 * that cuts a body is used up but ignored, since nothing is streamed from upstream there.
 *
 * <p>It knows only referrers pushed through it or given to {@link #remember}: content pushed to
 * the upstream directly is not listed, as if the registry had been upgraded after that push.
 */
public final class ReferrersApi implements RegistryEndpoint, AutoCloseable {
  /** The PUT answer header naming the subject the registry indexed the manifest under. */
  public static final String OCI_SUBJECT = "OCI-Subject";
  public static final String OCI_FILTERS_APPLIED = "OCI-Filters-Applied";
  /** Matches the path of every referrers request, for {@link RegistryProxy#count}. */
  public static final String REFERRERS_PATH = "/v2/.+/referrers/[^/]+";

  private static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/([^/]+)");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  private record SubjectKey(String repository, String digest) {}

  /** Per subject, its referrers by digest in the order first pushed; each map guards itself. */
  private final Map<SubjectKey, Map<String, OciDescriptor>> referrers = new ConcurrentHashMap<>();
  private final RegistryProxy proxy;

  private ReferrersApi(RegistryEndpoint upstream) {
    this.proxy = RegistryProxy.start(upstream, new Extension());
  }

  /** Starts the API in front of {@code upstream}, which must speak plain HTTP. */
  public static ReferrersApi start(RegistryEndpoint upstream) {
    return new ReferrersApi(upstream);
  }

  @Override
  public URI baseUri() {
    return proxy.baseUri();
  }

  /** The proxy underneath: recorded requests, counts and faults. */
  public RegistryProxy proxy() {
    return proxy;
  }

  /** How many referrers requests (any method) reached it since the last {@link #reset()}. */
  public long referrersRequests() {
    return proxy.count("*", REFERRERS_PATH);
  }

  /** Forgets recorded requests; the referrers it knows stay. */
  public void reset() {
    proxy.reset();
  }

  /** What {@code GET /v2/<repository>/referrers/<subjectDigest>} would list now, unfiltered. */
  public List<OciDescriptor> referrers(String repository, String subjectDigest) {
    Map<String, OciDescriptor> known = referrers.get(new SubjectKey(repository, subjectDigest));
    if (known == null) {
      return List.of();
    }
    synchronized (known) {
      return List.copyOf(known.values());
    }
  }

  private void add(String repository, String subjectDigest, OciDescriptor descriptor) {
    Map<String, OciDescriptor> known = referrers.computeIfAbsent(
        new SubjectKey(repository, subjectDigest), s -> new LinkedHashMap<>());
    synchronized (known) {
      known.put(descriptor.digest(), descriptor);
    }
  }

  /**
   * Lists a manifest already in the upstream as a referrer (if it has a {@code subject}), as a
   * registry does that indexed it on push; for content pushed to the upstream directly.
   */
  public void remember(String repository, byte[] manifest) {
    Map<String, Object> json = Json.parseObject(manifest);
    if (json.get("subject") instanceof Map<?, ?> subject
        && subject.get("digest") instanceof String subjectDigest) {
      add(repository, subjectDigest, OciDescriptor.ofReferrer(manifest, MediaTypes.OCI_MANIFEST));
    }
  }

  /** {@link #remember(String, byte[])} for an artifact a test pushed. */
  public void remember(PushedArtifact artifact) {
    remember(artifact.repository(), artifact.manifestBytes());
  }

  /** Forgets every referrer it knows. */
  public void forgetAll() {
    referrers.clear();
  }

  @Override
  public void close() {
    proxy.close();
  }

  @Override
  public String toString() {
    return "ReferrersApi[" + baseUri() + "]";
  }

  private final class Extension implements RegistryProxy.Extension {
    @Override
    public String accessProbe(String method, String path) {
      Matcher m = REFERRERS.matcher(path);
      // The same access a manifest GET by that digest needs.
      return method.equals("GET") && m.matches()
          ? "/v2/" + m.group(1) + "/manifests/" + m.group(2) : null;
    }

    @Override
    public RegistryProxy.LocalAnswer answer(String method, String target) {
      int query = target.indexOf('?');
      Matcher m = REFERRERS.matcher(query < 0 ? target : target.substring(0, query));
      if (!m.matches()) {
        throw new IllegalStateException("not a referrers request: " + target);
      }
      String digest = m.group(2);
      if (!DIGEST.matcher(digest).matches()) {
        return new RegistryProxy.LocalAnswer(400, "Bad Request", Map.of(),
            "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"not a digest\"}]}");
      }
      String artifactType = query < 0 ? null : queryParam(target.substring(query + 1));
      List<OciDescriptor> listed = referrers(m.group(1), digest).stream()
          .filter(d -> artifactType == null || artifactType.equals(d.artifactType()))
          .toList();
      byte[] index = Json.write(json -> {
        json.writeStartObject();
        json.writeNumberField("schemaVersion", 2);
        json.writeStringField("mediaType", MediaTypes.OCI_INDEX);
        json.writeArrayFieldStart("manifests");
        for (OciDescriptor descriptor : listed) {
          descriptor.write(json);
        }
        json.writeEndArray();
        json.writeEndObject();
      });
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", MediaTypes.OCI_INDEX);
      if (artifactType != null) {
        headers.put(OCI_FILTERS_APPLIED, "artifactType");
      }
      return new RegistryProxy.LocalAnswer(200, "OK", headers,
          new String(index, StandardCharsets.UTF_8));
    }

    @Override
    public boolean watches(String method, String path) {
      return (method.equals("PUT") || method.equals("DELETE")) && MANIFEST.matcher(path).matches();
    }

    @Override
    public Map<String, String> answered(String method, String path,
        Map<String, List<String>> headers, byte[] body, int status) {
      Matcher m = MANIFEST.matcher(path);
      if (!m.matches()) {
        return Map.of();
      }
      String repository = m.group(1);
      if (method.equals("DELETE")) {
        if (status == 202) {
          referrers.forEach((subject, known) -> {
            if (subject.repository().equals(repository)) {
              synchronized (known) {
                known.remove(m.group(2));
              }
            }
          });
        }
        return Map.of();
      }
      if (status != 201) {
        return Map.of();
      }
      Map<String, Object> json;
      try {
        json = Json.parseObject(body);
      } catch (RuntimeException notJson) {
        return Map.of(); // upstream accepted it; nothing to index
      }
      if (!(json.get("subject") instanceof Map<?, ?> subject
          && subject.get("digest") instanceof String subjectDigest)) {
        return Map.of();
      }
      List<String> contentType = headers.getOrDefault("Content-Type", List.of());
      OciDescriptor descriptor = OciDescriptor.ofReferrer(body,
          contentType.isEmpty() ? null : contentType.get(0));
      add(repository, subjectDigest, descriptor);
      return Map.of(OCI_SUBJECT, subjectDigest);
    }
  }

  private static String queryParam(String query) {
    for (String pair : query.split("&")) {
      if (pair.startsWith("artifactType=")) {
        return URLDecoder.decode(pair.substring("artifactType=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
