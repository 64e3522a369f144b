package dev.mirror.registry.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes what is attached to images, shaped as cosign and ORAS make it: cosign signatures and
 * in-toto attestations (under cosign's {@code sha256-<hex>.sig}/{@code .att} tags, or as OCI 1.1
 * referrers), SPDX SBOMs as OCI 1.1 artifacts, and the referrers tag schema's fallback index.
 * Blobs go up first, then the manifest into the subject's repository.
 *
 * <p>Content is a function of the subject and a seed: the same seed for the same subject gives
 * the same bytes and digest, another seed other bytes. Signatures are made-up bytes, not
 * verifiable; the mirror copies them, it does not check them.
 */
public final class TestArtifacts {
  /** The fixed creation time artifacts carry, so their bytes do not depend on the clock. */
  public static final String CREATED = "2024-01-01T00:00:00Z";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";
  public static final String SLSA_PROVENANCE = "https://slsa.dev/provenance/v0.2";
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";
  /** The artifact type of {@link #pushUnrelatedReferrer}: no tool the mirror knows of makes it. */
  public static final String UNRELATED_ARTIFACT = "application/vnd.example.unrelated.v1+json";
  /** The empty blob, {@code {}}: config of an artifact that needs none. */
  public static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  private final TestRegistryClient client;

  public TestArtifacts(RegistryEndpoint endpoint) {
    this(endpoint, Credentials.anonymous());
  }

  public TestArtifacts(RegistryEndpoint endpoint, Credentials credentials) {
    this.client = new TestRegistryClient(endpoint, credentials);
  }

  public TestRegistryClient client() {
    return client;
  }

  /** What {@code GET /v2/<name>/referrers/<digest>} answered. */
  public record Listing(int status, String contentType, String filtersApplied,
      List<OciDescriptor> manifests) {
    public boolean lists(String digest) {
      return manifests.stream().anyMatch(d -> d.digest().equals(digest));
    }
  }

  /** A cosign signature under cosign's tag, {@code sha256-<subject hex>.sig}; no subject field. */
  public PushedArtifact pushCosignSignature(Subject subject, String seed) {
    return push(subject, cosignTag(subject, "sig"), signatureManifest(subject, seed, false));
  }

  /**
   * A cosign signature as an OCI 1.1 referrer (cosign's oci-1-1 referrers mode): {@code subject}
   * and {@code artifactType} {@value MediaTypes#COSIGN_SIGNATURE_ARTIFACT}, pushed by digest.
   */
  public PushedArtifact pushCosignSignatureReferrer(Subject subject, String seed) {
    return push(subject, null, signatureManifest(subject, seed, true));
  }

  /** An in-toto attestation (DSSE envelope) under cosign's tag {@code sha256-<hex>.att}. */
  public PushedArtifact pushCosignAttestation(Subject subject, String seed) {
    return push(subject, cosignTag(subject, "att"), attestationManifest(subject, seed, false));
  }

  /** An in-toto attestation as an OCI 1.1 referrer, artifactType {@value MediaTypes#IN_TOTO}. */
  public PushedArtifact pushAttestationReferrer(Subject subject, String seed) {
    return push(subject, null, attestationManifest(subject, seed, true));
  }

  /**
   * An SPDX SBOM as ORAS attaches it: an image manifest with artifactType {@value
   * MediaTypes#SPDX_JSON}, the empty config, one SPDX layer and {@code subject}; by digest.
   */
  public PushedArtifact pushSpdxSbom(Subject subject, String seed) {
    Manifest manifest = new Manifest(MediaTypes.SPDX_JSON, true);
    manifest.emptyConfig();
    manifest.layer(MediaTypes.SPDX_JSON, spdxDocument(subject, seed),
        Map.of("org.opencontainers.image.title", "sbom.spdx.json"));
    return push(subject, null, manifest);
  }

  /**
   * A referrer no source has: artifactType {@value #UNRELATED_ARTIFACT}, for a destination that
   * had referrers of its own before the mirror came.
   */
  public PushedArtifact pushUnrelatedReferrer(Subject subject, String seed) {
    Manifest manifest = new Manifest(UNRELATED_ARTIFACT, true);
    manifest.emptyConfig();
    manifest.layer("application/vnd.example.unrelated.layer.v1",
        ("unrelated " + seed + " for " + subject.digest()).getBytes(StandardCharsets.UTF_8),
        Map.of());
    return push(subject, null, manifest);
  }

  /**
   * {@link #pushUnrelatedReferrer} then its entry into the subject's fallback index: what a
   * destination holds when another tool attached something there beforehand.
   */
  public PushedArtifact addUnrelatedReferrersTagEntry(Subject subject, String seed) {
    PushedArtifact unrelated = pushUnrelatedReferrer(subject, seed);
    mergeReferrersTag(subject, List.of(unrelated.descriptor()));
    return unrelated;
  }

  /** {@link #mergeReferrersTag(Subject, List)} with the artifacts' descriptors. */
  public ReferrersIndex mergeReferrersTag(Subject subject, PushedArtifact... referrers) {
    List<OciDescriptor> entries = new ArrayList<>();
    for (PushedArtifact referrer : referrers) {
      entries.add(referrer.descriptor());
    }
    return mergeReferrersTag(subject, entries);
  }

  /**
   * Adds entries to the referrers tag schema's index at {@code sha256-<subject hex>}, as ORAS
   * and cosign do on a registry without the referrers API: reads the index there (none: an
   * empty one), appends the entries whose digest it lacks, keeps every existing entry as it was,
   * and PUTs the result under the tag. The listed manifests must exist in the repository.
   */
  public ReferrersIndex mergeReferrersTag(Subject subject, List<OciDescriptor> entries) {
    String tag = ReferrersIndex.tagFor(subject.digest());
    List<Object> manifests = new ArrayList<>();
    TestRegistryClient.Manifest existing = client.getManifest(subject.repository(), tag);
    if (existing.status() == 200) {
      Object listed = Json.parseObject(existing.bytes()).get("manifests");
      if (listed instanceof List<?> list) {
        manifests.addAll(list);
      }
    }
    List<Object> present = new ArrayList<>();
    for (Object entry : manifests) {
      present.add(entry instanceof Map<?, ?> map ? map.get("digest") : null);
    }
    for (OciDescriptor entry : entries) {
      if (!present.contains(entry.digest())) {
        manifests.add(Json.parse(Json.write(entry::write)));
      }
    }
    byte[] index = Json.write(json -> writeIndex(json, manifests));
    String digest = client.putManifest(subject.repository(), tag, MediaTypes.OCI_INDEX, index);
    checkDigest(digest, index);
    return new ReferrersIndex(subject.repository(), tag, Sha256.digest(index), index,
        OciDescriptor.manifestsOf(index));
  }

  /** The fallback index at the subject's referrers tag, if there is one. */
  public Optional<ReferrersIndex> readReferrersTag(String repository, String subjectDigest) {
    String tag = ReferrersIndex.tagFor(subjectDigest);
    TestRegistryClient.Manifest manifest = client.getManifest(repository, tag);
    if (manifest.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(new ReferrersIndex(repository, tag, Sha256.digest(manifest.bytes()),
        manifest.bytes(), OciDescriptor.manifestsOf(manifest.bytes())));
  }

  /**
   * Asks the referrers API; {@code artifactType} may be {@code null}. A 404 (no such API) comes
   * back with no manifests.
   */
  public Listing listReferrers(String repository, String subjectDigest, String artifactType) {
    String target = "/v2/" + repository + "/referrers/" + subjectDigest
        + (artifactType == null ? ""
            : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8));
    HttpResponse<byte[]> response = client.send(repository, "GET", target,
        Map.of("Accept", MediaTypes.OCI_INDEX), BodyPublishers::noBody);
    List<OciDescriptor> manifests = response.statusCode() == 200
        ? OciDescriptor.manifestsOf(response.body()) : List.of();
    return new Listing(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue(ReferrersApi.OCI_FILTERS_APPLIED).orElse(null), manifests);
  }

  /** cosign's tag for what is attached to {@code subjectDigest}: {@code sha256-<hex>.<kind>}. */
  public static String cosignTag(String subjectDigest, String kind) {
    return subjectDigest.replace(':', '-') + "." + kind;
  }

  private static String cosignTag(Subject subject, String kind) {
    return cosignTag(subject.digest(), kind);
  }

  private Manifest signatureManifest(Subject subject, String seed, boolean asReferrer) {
    byte[] payload = Json.write(json -> {
      json.writeStartObject();
      json.writeObjectFieldStart("critical");
      json.writeObjectFieldStart("identity");
      json.writeStringField("docker-reference", subject.repository());
      json.writeEndObject();
      json.writeObjectFieldStart("image");
      json.writeStringField("docker-manifest-digest", subject.digest());
      json.writeEndObject();
      json.writeStringField("type", "cosign container image signature");
      json.writeEndObject();
      json.writeObjectFieldStart("optional");
      json.writeStringField("seed", seed);
      json.writeEndObject();
      json.writeEndObject();
    });
    Manifest manifest = new Manifest(
        asReferrer ? MediaTypes.COSIGN_SIGNATURE_ARTIFACT : null, asReferrer);
    manifest.cosignConfig(payload);
    manifest.layer(MediaTypes.COSIGN_SIMPLE_SIGNING, payload,
        Map.of(SIGNATURE_ANNOTATION, fakeSignature(seed, payload)));
    return manifest;
  }

  private Manifest attestationManifest(Subject subject, String seed, boolean asReferrer) {
    byte[] statement = Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("_type", "https://in-toto.io/Statement/v0.1");
      json.writeStringField("predicateType", SLSA_PROVENANCE);
      json.writeArrayFieldStart("subject");
      json.writeStartObject();
      json.writeStringField("name", subject.repository());
      json.writeObjectFieldStart("digest");
      json.writeStringField("sha256", Sha256.hex(subject.digest()));
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeObjectFieldStart("predicate");
      json.writeObjectFieldStart("builder");
      json.writeStringField("id", "https://mirror.test/builder/" + seed);
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    });
    byte[] envelope = Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("payloadType", MediaTypes.IN_TOTO);
      json.writeStringField("payload", Base64.getEncoder().encodeToString(statement));
      json.writeArrayFieldStart("signatures");
      json.writeStartObject();
      json.writeStringField("keyid", "");
      json.writeStringField("sig", fakeSignature(seed, statement));
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    });
    Manifest manifest = new Manifest(asReferrer ? MediaTypes.IN_TOTO : null, asReferrer);
    manifest.cosignConfig(envelope);
    manifest.layer(MediaTypes.DSSE_ENVELOPE, envelope,
        Map.of(PREDICATE_TYPE_ANNOTATION, SLSA_PROVENANCE));
    return manifest;
  }

  private static byte[] spdxDocument(Subject subject, String seed) {
    return Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("spdxVersion", "SPDX-2.3");
      json.writeStringField("dataLicense", "CC0-1.0");
      json.writeStringField("SPDXID", "SPDXRef-DOCUMENT");
      json.writeStringField("name", subject.repository() + "@" + subject.digest());
      json.writeStringField("documentNamespace",
          "https://mirror.test/spdx/" + seed + "/" + Sha256.hex(subject.digest()));
      json.writeObjectFieldStart("creationInfo");
      json.writeStringField("created", CREATED);
      json.writeArrayFieldStart("creators");
      json.writeString("Tool: mirror-test-fixtures");
      json.writeEndArray();
      json.writeEndObject();
      json.writeArrayFieldStart("packages");
      json.writeStartObject();
      json.writeStringField("name", "package-" + seed);
      json.writeStringField("SPDXID", "SPDXRef-Package-1");
      json.writeStringField("versionInfo", "1.0.0");
      json.writeStringField("downloadLocation", "NOASSERTION");
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  /** 64 bytes derived from the seed and the signed content, base64 as cosign writes them. */
  private static String fakeSignature(String seed, byte[] signed) {
    String first = Sha256.digest((seed + "\n" + Sha256.digest(signed))
        .getBytes(StandardCharsets.UTF_8));
    String second = Sha256.digest(first.getBytes(StandardCharsets.UTF_8));
    byte[] bytes = HexFormat.of().parseHex(Sha256.hex(first) + Sha256.hex(second));
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void writeIndex(JsonGenerator json, List<Object> manifests) throws IOException {
    json.writeStartObject();
    json.writeNumberField("schemaVersion", 2);
    json.writeStringField("mediaType", MediaTypes.OCI_INDEX);
    json.writeFieldName("manifests");
    Json.writeValue(json, manifests);
    json.writeEndObject();
  }

  private PushedArtifact push(Subject subject, String tag, Manifest manifest) {
    String repository = subject.repository();
    manifest.blobs.values().forEach(blob -> client.uploadBlob(repository, blob));
    byte[] bytes = manifest.bytes(subject);
    String digest = Sha256.digest(bytes);
    HttpResponse<byte[]> response = client.send(repository, "PUT",
        "/v2/" + repository + "/manifests/" + (tag == null ? digest : tag),
        Map.of("Content-Type", MediaTypes.OCI_MANIFEST), () -> BodyPublishers.ofByteArray(bytes));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("manifest PUT answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8).strip());
    }
    checkDigest(response.headers().firstValue("Docker-Content-Digest").orElse(null), bytes);
    OciDescriptor listed = OciDescriptor.ofReferrer(bytes, MediaTypes.OCI_MANIFEST);
    return new PushedArtifact(repository, tag, digest, MediaTypes.OCI_MANIFEST,
        listed.artifactType(), bytes, subject.digest(), manifest.withSubject,
        listed.annotations(), manifest.blobs,
        response.headers().firstValue(ReferrersApi.OCI_SUBJECT).orElse(null));
  }

  private static void checkDigest(String answered, byte[] bytes) {
    String digest = Sha256.digest(bytes);
    if (answered != null && !answered.equals(digest)) {
      throw new IllegalStateException("registry computed " + answered + " for a manifest whose"
          + " bytes digest to " + digest);
    }
  }

  /** An OCI image manifest being built: config, layers, and maybe artifactType and subject. */
  private static final class Manifest {
    final String artifactType;
    final boolean withSubject;
    final Map<String, byte[]> blobs = new LinkedHashMap<>();
    OciDescriptor config;
    boolean emptyConfig;
    final List<OciDescriptor> layers = new ArrayList<>();

    Manifest(String artifactType, boolean withSubject) {
      this.artifactType = artifactType;
      this.withSubject = withSubject;
    }

    /** The empty descriptor, with its {@code data} inline as ORAS writes it. */
    void emptyConfig() {
      config = blob(MediaTypes.OCI_EMPTY, EMPTY_JSON, Map.of());
      emptyConfig = true;
    }

    /** The small image config cosign gives its signature and attestation images. */
    void cosignConfig(byte[] layer) {
      byte[] json = Json.write(out -> {
        out.writeStartObject();
        out.writeStringField("architecture", "");
        out.writeStringField("created", "0001-01-01T00:00:00Z");
        out.writeArrayFieldStart("history");
        out.writeStartObject();
        out.writeStringField("created", "0001-01-01T00:00:00Z");
        out.writeEndObject();
        out.writeEndArray();
        out.writeStringField("os", "");
        out.writeObjectFieldStart("rootfs");
        out.writeStringField("type", "layers");
        out.writeArrayFieldStart("diff_ids");
        out.writeString(Sha256.digest(layer));
        out.writeEndArray();
        out.writeEndObject();
        out.writeObjectFieldStart("config");
        out.writeEndObject();
        out.writeEndObject();
      });
      config = blob(MediaTypes.OCI_CONFIG, json, Map.of());
    }

    void layer(String mediaType, byte[] content, Map<String, String> annotations) {
      layers.add(blob(mediaType, content, annotations));
    }

    private OciDescriptor blob(String mediaType, byte[] content, Map<String, String> annotations) {
      String digest = Sha256.digest(content);
      blobs.put(digest, content);
      return new OciDescriptor(mediaType, digest, content.length, null, annotations);
    }

    byte[] bytes(Subject subject) {
      return Json.write(json -> {
        json.writeStartObject();
        json.writeNumberField("schemaVersion", 2);
        json.writeStringField("mediaType", MediaTypes.OCI_MANIFEST);
        if (artifactType != null) {
          json.writeStringField("artifactType", artifactType);
        }
        json.writeFieldName("config");
        if (emptyConfig) {
          json.writeStartObject();
          json.writeStringField("mediaType", config.mediaType());
          json.writeStringField("digest", config.digest());
          json.writeNumberField("size", config.size());
          json.writeStringField("data", Base64.getEncoder().encodeToString(EMPTY_JSON));
          json.writeEndObject();
        } else {
          config.write(json);
        }
        json.writeArrayFieldStart("layers");
        for (OciDescriptor layer : layers) {
          layer.write(json);
        }
        json.writeEndArray();
        if (withSubject) {
          json.writeFieldName("subject");
          subject.descriptor().write(json);
          json.writeObjectFieldStart("annotations");
          json.writeStringField(CREATED_ANNOTATION, CREATED);
          json.writeEndObject();
        }
        json.writeEndObject();
      });
    }
  }
}
