package dev.mirror.copy;

import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import dev.mirror.registry.Reference;
import dev.mirror.registry.RegistryClient;
import dev.mirror.registry.RegistryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a pinned image the destination lacks, read from the source: the top manifest
 * (verified against the pin), the child manifests the destination lacks (each verified against
 * the digest its parent gives, children before their parents), and the distinct blobs they name.
 * Read the same way by {@link MirrorEngine} before it copies and by {@link MirrorPlanner}.
 */
record SourceImage(Manifest top, Map<Digest, Manifest> missingChildren) {

  /** Whether the destination (a registry repository, or a layout) has a manifest already. */
  @FunctionalInterface
  interface Destination {
    boolean hasManifest(Digest digest) throws RegistryException;
  }

  static SourceImage read(ImageSource source, RegistryClient destination, MirrorJob job)
      throws RegistryException {
    return read(source, digest -> destination.manifestDigest(
        Reference.of(job.destination(), digest)).isPresent(), job);
  }

  static SourceImage read(ImageSource source, Destination destination, MirrorJob job)
      throws RegistryException {
    Manifest top = source.manifest(job.source(), job.digest());
    Map<Digest, Manifest> children = new LinkedHashMap<>();
    collectMissingChildren(source, destination, job, top, children);
    return new SourceImage(top, children);
  }

  /** The distinct blobs of the top manifest and the missing children, foreign layers left out. */
  Map<Digest, Descriptor> blobs() {
    List<Descriptor> needed = new ArrayList<>(top.blobs());
    missingChildren.values().forEach(child -> needed.addAll(child.blobs()));
    Map<Digest, Descriptor> distinct = new LinkedHashMap<>();
    for (Descriptor blob : needed) {
      if (!blob.isForeign()) {
        distinct.putIfAbsent(blob.digest(), blob);
      }
    }
    return distinct;
  }

  /**
   * The child manifests (depth first, children before their parents) the destination lacks.
   * Walked with a stack of its own, within a nesting depth and a total size: both are the
   * source's to choose, and a hostile source would otherwise exhaust the thread's stack or the
   * heap.
   */
  private static void collectMissingChildren(ImageSource source, Destination destination,
      MirrorJob job, Manifest top, Map<Digest, Manifest> missing) throws RegistryException {
    record Level(Digest digest, Manifest manifest, Iterator<Descriptor> children) {}
    Deque<Level> path = new ArrayDeque<>();
    path.push(new Level(top.digest(), top, top.children().iterator()));
    long held = top.bytes().length;
    while (!path.isEmpty()) {
      Level level = path.peek();
      if (!level.children().hasNext()) {
        path.pop();
        if (!path.isEmpty()) {
          missing.put(level.digest(), level.manifest());
        }
        continue;
      }
      Descriptor child = level.children().next();
      if (missing.containsKey(child.digest()) || destination.hasManifest(child.digest())) {
        continue;
      }
      if (path.size() >= MirrorEngine.MAX_INDEX_DEPTH) {
        throw new RegistryException(RegistryException.Kind.TOO_LARGE, job.sourceReference()
            + ": indexes nest deeper than "
            + MirrorEngine.MAX_INDEX_DEPTH + " levels (at " + child.digest()
            + "); refusing to copy it");
      }
      Manifest manifest = source.manifest(job.source(), child.digest());
      held += manifest.bytes().length;
      if (held > MirrorEngine.MAX_IMAGE_MANIFEST_BYTES) {
        throw new RegistryException(RegistryException.Kind.TOO_LARGE, job.sourceReference()
            + ": its manifests add up to"
            + " more than " + MirrorEngine.MAX_IMAGE_MANIFEST_BYTES / (1024 * 1024)
            + " MiB; refusing to copy it");
      }
      path.push(new Level(child.digest(), manifest, manifest.children().iterator()));
    }
  }
}
