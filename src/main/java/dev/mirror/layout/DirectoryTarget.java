package dev.mirror.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirror.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A layout in a directory. Each blob is written to a temporary name beside its final one and
 * renamed when verified; index.json is replaced in one rename. A run killed at any point leaves a
 * layout whose index.json lists only images whose files are all in place, and the temporary files
 * of the killed run, which the next writer removes. The oci-layout file is locked while a writer
 * has the layout open, so two runs never write one layout at once.
 */
final class DirectoryTarget implements LayoutTarget {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] LAYOUT_JSON =
      ("{\"imageLayoutVersion\":\"" + OciLayout.LAYOUT_VERSION + "\"}")
          .getBytes(StandardCharsets.UTF_8);

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final IndexFile existing;

  private DirectoryTarget(Path root, FileChannel lockChannel, FileLock lock, IndexFile existing) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.existing = existing;
  }

  static DirectoryTarget open(Path root) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new LayoutException(LayoutException.Kind.MALFORMED,
          root + " is not a directory");
    }
    Files.createDirectories(root);
    Path layoutFile = root.resolve(OciLayout.LAYOUT_FILE);
    if (Files.exists(layoutFile)) {
      checkLayoutFile(root, layoutFile);
    } else {
      if (isNonEmpty(root)) {
        throw new LayoutException(LayoutException.Kind.MALFORMED, root
            + " is neither empty nor an OCI image layout (it has no oci-layout file); refusing"
            + " to write into it");
      }
      Durable.replace(layoutFile, LAYOUT_JSON);
    }
    FileChannel channel = FileChannel.open(layoutFile, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new LayoutException(LayoutException.Kind.LOCKED,
          root + " is being written by another mirror run");
    }
    try {
      Files.createDirectories(root.resolve(OciLayout.BLOBS_DIR).resolve("sha256"));
      removeTemporaryFiles(root);
      Path indexFile = root.resolve(OciLayout.INDEX_FILE);
      IndexFile index;
      if (Files.exists(indexFile)) {
        if (Files.size(indexFile) > IndexFile.MAX_BYTES) {
          throw new LayoutException(LayoutException.Kind.TOO_LARGE, indexFile
              + " is larger than " + IndexFile.MAX_BYTES + " bytes");
        }
        index = IndexFile.parse(Files.readAllBytes(indexFile), indexFile.toString());
      } else {
        index = IndexFile.empty();
        Durable.replace(indexFile, index.toBytes()); // valid from the start, listing nothing
      }
      return new DirectoryTarget(root, channel, lock, index);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static void checkLayoutFile(Path root, Path layoutFile) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(Files.readAllBytes(layoutFile));
    } catch (IOException e) {
      throw new LayoutException(LayoutException.Kind.MALFORMED, layoutFile + " is not JSON", e);
    }
    if (json == null || !json.path("imageLayoutVersion").isTextual()) {
      throw new LayoutException(LayoutException.Kind.MALFORMED,
          layoutFile + " has no imageLayoutVersion: " + root + " is not an OCI image layout");
    }
  }

  /** Whether the directory has files other than a killed run's temporary ones. */
  private static boolean isNonEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.anyMatch(e -> !e.getFileName().toString().startsWith(Durable.TEMP_PREFIX));
    }
  }

  /** Temporary files of an earlier run that was killed: never part of the layout. */
  private static void removeTemporaryFiles(Path root) throws IOException {
    try (DirectoryStream<Path> algorithms =
        Files.newDirectoryStream(root.resolve(OciLayout.BLOBS_DIR), Files::isDirectory)) {
      for (Path algorithm : algorithms) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(algorithm,
            Durable.TEMP_PREFIX + "*")) {
          for (Path temp : temps) {
            Files.deleteIfExists(temp);
          }
        }
      }
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(root, Durable.TEMP_PREFIX + "*")) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  @Override
  public IndexFile existingIndex() {
    return existing;
  }

  private Path blobFile(Digest digest) {
    return root.resolve(OciLayout.blobPath(digest));
  }

  @Override
  public boolean holds(Digest digest) throws IOException {
    Path file = blobFile(digest);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    Digest actual = Durable.digestOf(file, digest);
    if (!actual.equals(digest)) {
      throw VerifyingInputStream.mismatch(file.toString(), "has digest " + actual
          + ", not the " + digest + " its name says; delete it and run again");
    }
    return true;
  }

  @Override
  public void write(Digest digest, long size, InputStream content) throws IOException {
    Path target = blobFile(digest);
    Files.createDirectories(target.getParent());
    Path temp = Durable.tempFor(target);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        Durable.copyVerified(content, out, digest, size, "blob " + digest + " for " + target);
        out.force(true);
      }
      Durable.moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<byte[]> read(Digest digest, int max) throws IOException {
    Path file = blobFile(digest);
    if (!Files.isRegularFile(file) || Files.size(file) > max) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(file));
  }

  @Override
  public void publishIndex(byte[] index) throws IOException {
    Durable.replace(root.resolve(OciLayout.INDEX_FILE), index);
  }

  @Override
  public void commit() {
    // index.json is published with every image added; nothing is left to do.
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }

  @Override
  public String describe(String path) {
    return root.resolve(path).toString();
  }
}
