package dev.mirror.layout;

import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes images into one OCI image layout, a directory or a {@code .tar} archive, verifying every
 * blob on the way in.
 *
 * <p>Put an image's blobs and manifests first ({@link #putBlob}, {@link #putManifest}), then list
 * it with {@link #addImage}, which refuses an image any of whose manifests or blobs is missing,
 * so index.json never names an incomplete image. Blobs shared by images are stored once.
 *
 * <p><b>A directory</b> is merged into: its index.json entries are kept, the blobs already there
 * are kept once they hash to their names, and index.json is replaced (atomically, after the
 * image's files) with every {@link #addImage}, so a run killed at any point leaves a valid layout
 * listing the images added so far, and the next run completes it.
 *
 * <p><b>A tar archive</b> is written afresh to {@code FILE.tar.partial} and renamed to
 * {@code FILE.tar} by {@link #commit()}; an existing archive is replaced, not merged into, and is
 * left as it was by a run that fails or is killed before that. Closing without committing
 * discards the partial archive.
 *
 * <p>Safe for use by several threads; a tar takes one blob at a time.
 */
public final class OciLayoutWriter implements AutoCloseable {
  /** As large as a registry client accepts a manifest. */
  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private final Path path;
  private final LayoutTarget target;
  private final IndexFile index;
  /** Blobs known to be in the layout with the right content, this run. */
  private final Set<Digest> verified = ConcurrentHashMap.newKeySet();
  /** Manifests put this run, for the completeness check of the images that name them. */
  private final Map<Digest, Manifest> manifests = new ConcurrentHashMap<>();
  private boolean closed;

  private OciLayoutWriter(Path path, LayoutTarget target) {
    this.path = path;
    this.target = target;
    this.index = target.existingIndex();
  }

  /** Opens {@code path} for writing: a tar archive when its name ends in {@code .tar}. */
  public static OciLayoutWriter open(Path path) throws IOException {
    return isTarName(path) ? tar(path) : directory(path);
  }

  /** A layout in a directory, created if missing, merged into if it is one already. */
  public static OciLayoutWriter directory(Path dir) throws IOException {
    return new OciLayoutWriter(dir, DirectoryTarget.open(dir));
  }

  /** A layout as a tar archive, published by {@link #commit()}. */
  public static OciLayoutWriter tar(Path file) throws IOException {
    return new OciLayoutWriter(file, TarTarget.open(file));
  }

  static boolean isTarName(Path path) {
    return path.getFileName() != null && path.getFileName().toString().endsWith(".tar");
  }

  public Path path() {
    return path;
  }

  /**
   * Whether the layout holds this blob. A blob already there counts only once it hashes to its
   * name (checked once per run); one that does not is a
   * {@link LayoutException.Kind#DIGEST_MISMATCH} naming the file and both digests.
   */
  public boolean hasBlob(Digest digest) throws IOException {
    if (verified.contains(digest)) {
      return true;
    }
    if (target.holds(digest)) {
      verified.add(digest);
      return true;
    }
    return false;
  }

  /**
   * Streams a blob into the layout, hashed and counted as it is written; it takes its name only
   * when its digest and size are the ones given, else nothing is kept and the error names both.
   * When the layout already holds the blob, the stream is not read.
   *
   * @param size the exact size, as the descriptor gives it
   */
  public void putBlob(Digest digest, long size, InputStream content) throws IOException {
    checkOpen();
    if (size < 0) {
      throw new IllegalArgumentException("no size for " + digest);
    }
    if (hasBlob(digest)) {
      return;
    }
    target.write(digest, size, content);
    verified.add(digest);
  }

  /** Puts a manifest's exact bytes as a blob. */
  public void putManifest(Manifest manifest) throws IOException {
    putBlob(manifest.digest(), manifest.size(), new ByteArrayInputStream(manifest.bytes()));
    manifests.put(manifest.digest(), manifest);
  }

  /**
   * Lists an image in index.json, under {@code refName} (the {@code org.opencontainers.image.ref
   * .name} tools select it by) with these annotations (say {@link OciLayout#SOURCE_REPOSITORY}).
   * An image listed already with the same digest and ref name is listed once; an entry with the
   * same ref name and another digest is replaced, as a tag moves.
   *
   * @throws LayoutException {@link LayoutException.Kind#INCOMPLETE} when one of the image's
   *     manifests or blobs (foreign layers aside) is not in the layout
   * @throws IllegalArgumentException when {@code refName} is not one the spec allows
   */
  public synchronized void addImage(Manifest top, String refName,
      Map<String, String> annotations) throws IOException {
    checkOpen();
    if (refName != null && !OciLayout.isValidRefName(refName)) {
      throw new IllegalArgumentException("not a valid " + OciLayout.REF_NAME + ": " + refName);
    }
    String image = (refName == null ? "image" : refName) + "@" + top.digest();
    putManifest(top);
    ImageWalk walk = ImageWalk.of(top, this::findManifest, image);
    for (Descriptor blob : walk.blobs().values()) {
      if (!hasBlob(blob.digest())) {
        throw new LayoutException(LayoutException.Kind.INCOMPLETE, image + ": its blob "
            + blob.digest() + " is not in " + path);
      }
    }
    Map<String, String> all = new LinkedHashMap<>(annotations);
    if (refName != null) {
      all.put(OciLayout.REF_NAME, refName);
    }
    if (index.add(new LayoutEntry(top.mediaType(), top.digest(), top.size(), all),
        path.toString())) {
      target.publishIndex(index.toBytes());
    }
  }

  /** The images index.json lists so far: the existing layout's and the ones added. */
  public synchronized List<LayoutEntry> images() throws LayoutException {
    return index.entries(path.toString());
  }

  /**
   * Finishes the layout. A directory is complete already (this only checks it is still open);
   * a tar gets index.json and its end, and is renamed into place.
   */
  public synchronized void commit() throws IOException {
    checkOpen();
    target.commit();
  }

  /** Releases the layout; a tar not committed is discarded, its old version left as it was. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      target.close();
    }
  }

  private Optional<Manifest> findManifest(Descriptor child) throws IOException {
    Manifest known = manifests.get(child.digest());
    if (known != null) {
      return Optional.of(known);
    }
    Optional<byte[]> bytes = target.read(child.digest(), MAX_MANIFEST_BYTES);
    if (bytes.isEmpty() || !Digest.of(bytes.get()).equals(child.digest())) {
      return Optional.empty();
    }
    try {
      Manifest manifest = Manifest.of(bytes.get(), child.mediaType());
      verified.add(child.digest());
      return Optional.of(manifest);
    } catch (IllegalArgumentException e) {
      throw new LayoutException(LayoutException.Kind.MALFORMED, target.describe(
          OciLayout.blobPath(child.digest())) + " is not a manifest: " + e.getMessage());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(path + " is closed");
    }
  }
}
