package dev.mirror.copy;

import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.Reference;
import dev.mirror.registry.ReferrerIndex;
import dev.mirror.registry.Registries;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RepositoryName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies what refers to an image once the image is complete at the destination: OCI 1.1
 * referrers (manifests whose {@code subject} is the image or one of its platform manifests:
 * signatures, attestations, SBOMs), their own referrers to a depth of {@link #MAX_DEPTH}, and
 * cosign's tags ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}).
 *
 * <p>At the source, referrers are listed by the referrers API where the registry answers it,
 * else by the subject's fallback tag (the referrers tag schema). Each is copied as an image is,
 * verified and by digest, breadth first, so that a referrer is pushed only after its subject is
 * complete. A destination that lists referrers itself says so in its reply to the push; for one
 * that does not, the subject's fallback tag is kept here: read, merged (entries already there
 * stay), pushed, and read back, again when another client changed it meanwhile.
 *
 * <p>Up to date is: every referrer the source lists is listed at the destination, and every
 * cosign tag resolves to the source's digest there. A run then only reads.
 */
final class ReferrerCopier {
  /** A signature on an SBOM of the image is depth 2; deeper chains are not followed. */
  static final int MAX_DEPTH = 3;
  /** Referrers of one image copied at most: a source could list any number. */
  static final int MAX_REFERRERS = 1_000;
  /** Rounds of read, merge and push of a fallback tag that others keep changing. */
  static final int FALLBACK_ROUNDS = 5;
  /** cosign's tags for signatures, attestations and SBOMs of {@code sha256-<hex>}. */
  static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  /** Copies the source's manifest at a digest, and what it names, to the destination. */
  interface ManifestCopier {
    /**
     * @param subject the subject the manifest must name (it was listed as a referrer of it), or
     *     empty (a cosign tag's manifest, which names none)
     */
    Copied copyByDigest(Digest digest, Optional<Digest> subject) throws RegistryException;
  }

  /**
   * A manifest in place at the destination.
   *
   * @param pushedHere whether this job pushed it (another job of the run may have, meanwhile)
   * @param listedBySubject whether the destination lists it under its subject itself (its reply
   *     to the push said so)
   */
  record Copied(boolean pushedHere, boolean listedBySubject) {}

  private final Registries registries;
  /** Whether a registry answers the referrers API, learnt at the first question of the run. */
  private final Map<String, Boolean> answersApi = new ConcurrentHashMap<>();

  ReferrerCopier(Registries registries) {
    this.registries = registries;
  }

  /** A manifest found at the source for a subject: listed as its referrer, or a cosign tag. */
  record Found(Digest subject, Digest digest, ReferrerIndex.Entry entry, String tag,
      int depth) {}

  /** The source registries as a {@link ReferrerSource}. */
  ReferrerSource registrySource() {
    return new ReferrerSource() {
      @Override
      public ReferrerIndex listed(RepositoryName repository, Digest subject)
          throws RegistryException {
        return ReferrerCopier.this.listed(registries.client(repository.registry()), repository,
            subject);
      }

      @Override
      public Optional<Digest> tagged(RepositoryName repository, String tag)
          throws RegistryException {
        return registries.client(repository.registry())
            .manifestDigest(Reference.of(repository, tag));
      }
    };
  }

  /**
   * Every referrer {@code from} has for {@code top} and its platform manifests, and theirs, to
   * {@link #MAX_DEPTH}, breadth first (a subject before what refers to it), each once.
   */
  List<Found> discover(ReferrerSource from, RepositoryName repository, Manifest top)
      throws RegistryException {
    Deque<Found> pending = new ArrayDeque<>();
    pending.addAll(findAtSource(from, repository, top.digest(), 1));
    for (var child : top.children()) {
      pending.addAll(findAtSource(from, repository, child.digest(), 1));
    }
    List<Found> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      Found found = pending.poll();
      if (!seen.add(found.digest() + " " + found.tag())) {
        continue;
      }
      if (seen.size() > MAX_REFERRERS) {
        throw new RegistryException(RegistryException.Kind.TOO_LARGE, repository + "@"
            + top.digest() + ": more than " + MAX_REFERRERS + " referrers; refusing to copy them");
      }
      all.add(found);
      if (found.depth() < MAX_DEPTH) {
        pending.addAll(findAtSource(from, repository, found.digest(), found.depth() + 1));
      }
    }
    return all;
  }

  /**
   * Copies what refers to the job's image and its platform manifests; the image must be complete
   * at the destination. Returns how many referrer manifests were pushed.
   */
  int copy(MirrorJob job, ManifestCopier copier, ReferrerSource source)
      throws RegistryException {
    RegistryClient destination = registries.client(job.destination().registry());
    Manifest top = destination.manifest(Reference.of(job.destination(), job.digest()));
    Map<Digest, ReferrerIndex> listedAtDestination = new LinkedHashMap<>();
    Map<Digest, List<ReferrerIndex.Entry>> toList = new LinkedHashMap<>();
    int copied = 0;
    // Breadth first, so a referrer is pushed only after its subject.
    for (Found found : discover(source, job.source(), top)) {
      boolean pushed = found.tag() != null
          ? copyCosignTag(job, destination, found, copier)
          : copyListed(job, destination, found, copier, listedAtDestination, toList);
      if (pushed) {
        copied++;
      }
    }
    for (Map.Entry<Digest, List<ReferrerIndex.Entry>> e : toList.entrySet()) {
      keepFallbackTag(destination, job.destination(), e.getKey(), e.getValue());
    }
    return copied;
  }

  /** The referrers the source lists for {@code subject}, and its cosign tags. */
  private List<Found> findAtSource(ReferrerSource source, RepositoryName repository,
      Digest subject, int depth) throws RegistryException {
    List<Found> found = new ArrayList<>();
    for (ReferrerIndex.Entry entry : source.listed(repository, subject).entries()) {
      found.add(new Found(subject, entry.digest(), entry, null, depth));
    }
    for (String suffix : COSIGN_SUFFIXES) {
      String tag = ReferrerIndex.fallbackTag(subject) + suffix;
      Optional<Digest> digest = source.tagged(repository, tag);
      if (digest.isPresent()) {
        found.add(new Found(subject, digest.get(), null, tag, depth));
      }
    }
    return found;
  }

  /**
   * The referrers a registry lists for {@code subject}: the API's answer where it has the API,
   * else the fallback tag's index (empty when the tag is not set).
   */
  private ReferrerIndex listed(RegistryClient registry, RepositoryName repository, Digest subject)
      throws RegistryException {
    if (!Boolean.FALSE.equals(answersApi.get(registry.registry()))) {
      Optional<ReferrerIndex> api = registry.referrers(repository, subject);
      answersApi.put(registry.registry(), api.isPresent());
      if (api.isPresent()) {
        return api.get();
      }
    }
    Reference tag = Reference.of(repository, ReferrerIndex.fallbackTag(subject));
    Optional<Manifest> index = registry.findManifest(tag);
    return index.isEmpty() ? ReferrerIndex.EMPTY : fallbackList(registry, tag, index.get());
  }

  /** The list a fallback tag holds; anything else there is an error naming the tag. */
  private static ReferrerIndex fallbackList(RegistryClient registry, Reference tag, Manifest held)
      throws RegistryException {
    try {
      return ReferrerIndex.of(held);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL, registry.registry() + "/"
          + tag.repository().path() + ":" + tag.identifier() + ": the referrers fallback tag"
          + " holds no list of referrers: " + e.getMessage());
    }
  }

  /**
   * A referrer the source lists: pushed unless the destination lists it already (or has it and
   * only the listing is missing); listed under the fallback tag when the destination does not
   * list it itself. Returns whether it was pushed.
   */
  private boolean copyListed(MirrorJob job, RegistryClient destination, Found found,
      ManifestCopier copier, Map<Digest, ReferrerIndex> listedAtDestination,
      Map<Digest, List<ReferrerIndex.Entry>> toList) throws RegistryException {
    ReferrerIndex listed = listedAtDestination.get(found.subject());
    if (listed == null) {
      listed = listed(destination, job.destination(), found.subject());
      listedAtDestination.put(found.subject(), listed);
    }
    if (listed.contains(found.digest())) {
      return false;
    }
    boolean present = destination.manifestDigest(Reference.of(job.destination(), found.digest()))
        .isPresent();
    boolean listsItself = Boolean.TRUE.equals(answersApi.get(destination.registry()));
    boolean pushed = false;
    if (!present || listsItself) {
      Copied copied = copier.copyByDigest(found.digest(), Optional.of(found.subject()));
      pushed = copied.pushedHere() && !present;
      listsItself |= copied.listedBySubject();
    }
    if (!listsItself) {
      toList.computeIfAbsent(found.subject(), s -> new ArrayList<>()).add(found.entry());
    }
    return pushed;
  }

  /** A cosign tag: its manifest copied by digest, then the tag pointed at it, unless it is. */
  private boolean copyCosignTag(MirrorJob job, RegistryClient destination, Found found,
      ManifestCopier copier) throws RegistryException {
    Reference tag = Reference.of(job.destination(), found.tag());
    if (destination.manifestDigest(tag).filter(found.digest()::equals).isPresent()) {
      return false;
    }
    copier.copyByDigest(found.digest(), Optional.empty());
    destination.putManifest(tag,
        destination.manifest(Reference.of(job.destination(), found.digest())));
    return true;
  }

  /**
   * Lists {@code entries} under the subject's fallback tag at a destination without the
   * referrers API: read the list there, add what it lacks, push it if the tag has not moved
   * meanwhile, read it back; again when another client's push came in between.
   */
  private static void keepFallbackTag(RegistryClient destination, RepositoryName repository,
      Digest subject, List<ReferrerIndex.Entry> entries) throws RegistryException {
    Reference tag = Reference.of(repository, ReferrerIndex.fallbackTag(subject));
    for (int round = 0; round < FALLBACK_ROUNDS; round++) {
      Optional<Manifest> current = destination.findManifest(tag);
      ReferrerIndex index = current.isEmpty() ? ReferrerIndex.EMPTY
          : fallbackList(destination, tag, current.get());
      if (entries.stream().allMatch(e -> index.contains(e.digest()))) {
        return;
      }
      Manifest merged = index.with(entries).toManifest();
      Optional<Digest> now = destination.manifestDigest(tag);
      if (!Objects.equals(now, current.map(Manifest::digest))) {
        continue; // another client pushed the list since it was read: merge with theirs
      }
      destination.putManifest(tag, merged);
    }
    throw new RegistryException(RegistryException.Kind.TRANSIENT, destination.registry() + "/"
        + repository.path() + ":" + tag.identifier() + ": the referrers fallback tag kept"
        + " changing while it was updated (" + FALLBACK_ROUNDS + " rounds); run again");
  }
}
