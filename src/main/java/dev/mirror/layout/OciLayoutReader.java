package dev.mirror.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads images from an OCI image layout, a directory or a tar archive (indexed in one pass over
 * its headers and read by seeking, never loaded whole). Everything read is verified against its
 * digest: manifests before they are returned, blobs as they are streamed (the stream fails at its
 * end when the content does not match). A blob whose content does not match its name is a
 * {@link LayoutException.Kind#DIGEST_MISMATCH} naming the file and both digests.
 *
 * <p>Safe for use by several threads: blobs of a tar are read with positional reads.
 */
public final class OciLayoutReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A blob's content, verified as it is read, and its size. */
  public record Blob(long size, InputStream content) {}

  private final Path path;
  private final LayoutFiles files;
  private final List<LayoutEntry> images;

  private OciLayoutReader(Path path, LayoutFiles files, List<LayoutEntry> images) {
    this.path = path;
    this.files = files;
    this.images = List.copyOf(images);
  }

  /** Opens a layout directory, or a tar archive when {@code path} is a regular file. */
  public static OciLayoutReader open(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new LayoutException(LayoutException.Kind.NOT_FOUND, path + " does not exist");
    }
    LayoutFiles files = Files.isDirectory(path) ? LayoutFiles.directory(path)
        : LayoutFiles.tar(path);
    try {
      checkLayoutFile(files);
      String indexName = files.describe(OciLayout.INDEX_FILE);
      byte[] index = readSmall(files, OciLayout.INDEX_FILE, IndexFile.MAX_BYTES);
      return new OciLayoutReader(path, files, IndexFile.parse(index, indexName)
          .entries(indexName));
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  /** The images index.json lists, in its order. */
  public List<LayoutEntry> images() {
    return images;
  }

  /**
   * The entry for a pin: the one with this digest whose {@link OciLayout#SOURCE_REPOSITORY} is
   * {@code sourceRepository}, else any entry with this digest (digests name content, so every
   * such entry is the same image; a layout another tool wrote has no source annotation).
   */
  public Optional<LayoutEntry> find(String sourceRepository, Digest digest) {
    Optional<LayoutEntry> annotated = images.stream()
        .filter(e -> e.digest().equals(digest))
        .filter(e -> e.sourceRepository().filter(r -> r.equals(sourceRepository)).isPresent())
        .findFirst();
    return annotated.isPresent() ? annotated
        : images.stream().filter(e -> e.digest().equals(digest)).findFirst();
  }

  /** The top manifest of the image {@link #find} finds, verified; empty when none is listed. */
  public Optional<Manifest> image(String sourceRepository, Digest digest) throws IOException {
    Optional<LayoutEntry> entry = find(sourceRepository, digest);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(manifest(entry.get().digest(), entry.get().mediaType()));
  }

  /** A manifest from the layout, its bytes verified against {@code digest}. */
  public Manifest manifest(Digest digest) throws IOException {
    String mediaType = images.stream().filter(e -> e.digest().equals(digest))
        .map(LayoutEntry::mediaType).findFirst().orElse(null);
    return manifest(digest, mediaType);
  }

  private Manifest manifest(Digest digest, String mediaType) throws IOException {
    String blobPath = OciLayout.blobPath(digest);
    byte[] bytes = readSmall(files, blobPath, OciLayoutWriter.MAX_MANIFEST_BYTES);
    Digest actual = new Digest(digest.algorithm(),
        HexFormat.of().formatHex(digest.newHasher().digest(bytes)));
    if (!actual.equals(digest)) {
      throw VerifyingInputStream.mismatch(files.describe(blobPath), "has digest " + actual
          + ", not the " + digest + " its name says");
    }
    try {
      return Manifest.of(bytes, mediaType == null || mediaType.isEmpty() ? null : mediaType);
    } catch (IllegalArgumentException e) {
      throw new LayoutException(LayoutException.Kind.MALFORMED, files.describe(blobPath)
          + " is not a manifest mirror can copy: " + e.getMessage());
    }
  }

  /** Whether the layout has a file for this blob (its content is checked when it is read). */
  public boolean hasBlob(Digest digest) throws IOException {
    return files.size(OciLayout.blobPath(digest)).isPresent();
  }

  /**
   * A blob's content, verified as it is read: the stream fails with a
   * {@link LayoutException.Kind#DIGEST_MISMATCH} at its end when the content does not hash to
   * {@code digest}. The caller closes it.
   */
  public Blob blob(Digest digest) throws IOException {
    String blobPath = OciLayout.blobPath(digest);
    long size = files.size(blobPath).orElseThrow(() -> new LayoutException(
        LayoutException.Kind.NOT_FOUND, files.describe(blobPath) + " is missing"));
    return new Blob(size, new VerifyingInputStream(files.open(blobPath), digest, size,
        files.describe(blobPath)));
  }

  /**
   * Checks every image index.json lists: each manifest and blob it needs is there and hashes to
   * its name, at the size its descriptor gives. Returns how many distinct blobs (manifests
   * included) were checked.
   */
  public int verify() throws IOException {
    Set<Digest> checked = new HashSet<>();
    for (LayoutEntry entry : images) {
      Manifest top = manifest(entry.digest(), entry.mediaType());
      if (top.size() != entry.size()) {
        throw VerifyingInputStream.mismatch(files.describe(OciLayout.blobPath(entry.digest())),
            "has " + top.size() + " bytes, not the " + entry.size() + " index.json says");
      }
      String image = entry.refName().orElse("image") + "@" + entry.digest();
      ImageWalk walk = ImageWalk.of(top, this::findChild, image);
      walk.manifests().forEach(m -> checked.add(m.digest()));
      for (Descriptor blob : walk.blobs().values()) {
        if (!checked.add(blob.digest())) {
          continue;
        }
        Blob content = blob(blob.digest());
        if (blob.size() >= 0 && content.size() != blob.size()) {
          content.content().close();
          throw VerifyingInputStream.mismatch(files.describe(OciLayout.blobPath(blob.digest())),
              "has " + content.size() + " bytes, not the " + blob.size() + " " + image
              + " says");
        }
        try (InputStream in = content.content()) {
          in.transferTo(OutputStream.nullOutputStream());
        }
      }
    }
    return checked.size();
  }

  private Optional<Manifest> findChild(Descriptor child) throws IOException {
    if (!hasBlob(child.digest())) {
      return Optional.empty();
    }
    return Optional.of(manifest(child.digest(), child.mediaType()));
  }

  @Override
  public void close() throws IOException {
    files.close();
  }

  private static void checkLayoutFile(LayoutFiles files) throws IOException {
    String name = files.describe(OciLayout.LAYOUT_FILE);
    JsonNode json;
    try {
      json = JSON.readTree(readSmall(files, OciLayout.LAYOUT_FILE, 64 * 1024));
    } catch (LayoutException e) {
      throw e;
    } catch (IOException e) {
      throw new LayoutException(LayoutException.Kind.MALFORMED, name + " is not JSON", e);
    }
    if (json == null || !json.path("imageLayoutVersion").isTextual()) {
      throw new LayoutException(LayoutException.Kind.MALFORMED,
          name + " has no imageLayoutVersion: not an OCI image layout");
    }
  }

  private static byte[] readSmall(LayoutFiles files, String path, int max) throws IOException {
    OptionalLong size = files.size(path);
    if (size.isEmpty()) {
      throw new LayoutException(LayoutException.Kind.NOT_FOUND, files.describe(path)
          + " is missing");
    }
    if (size.getAsLong() > max) {
      throw new LayoutException(LayoutException.Kind.TOO_LARGE, files.describe(path) + " has "
          + size.getAsLong() + " bytes, more than the " + max + " accepted");
    }
    try (InputStream in = files.open(path)) {
      return in.readNBytes(max);
    }
  }
}
