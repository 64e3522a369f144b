package dev.mirror.layout;

import dev.mirror.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A layout as an uncompressed tar archive, as skopeo's {@code oci-archive} transport reads it.
 * Streamed to {@code FILE.tar.partial}: the directories and oci-layout first, each blob as it
 * comes (a blob whose content turns out wrong is cut off the end again), index.json last, then
 * renamed over {@code FILE.tar} on {@link #commit()}. An existing archive is replaced whole, not
 * merged into, and stays as it was until that rename. Blobs are written one at a time.
 */
final class TarTarget implements LayoutTarget {
  private static final byte[] LAYOUT_JSON =
      ("{\"imageLayoutVersion\":\"" + OciLayout.LAYOUT_VERSION + "\"}")
          .getBytes(StandardCharsets.UTF_8);

  private final Path file;
  private final Path partial;
  private final FileChannel out;
  private final FileLock lock;
  private final Set<Digest> written = new HashSet<>();
  private final Set<String> directories = new HashSet<>();
  private byte[] index;
  private boolean committed;

  private TarTarget(Path file, Path partial, FileChannel out, FileLock lock) {
    this.file = file;
    this.partial = partial;
    this.out = out;
    this.lock = lock;
  }

  static TarTarget open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new LayoutException(LayoutException.Kind.MALFORMED, file + " is a directory");
    }
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    // Not truncated before it is locked: it may be another run's archive in the making.
    FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = out.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      out.close();
      throw new LayoutException(LayoutException.Kind.LOCKED,
          file + " is being written by another mirror run (" + partial + " is locked)");
    }
    TarTarget target = new TarTarget(file, partial, out, lock);
    try {
      out.truncate(0);
      target.directory(OciLayout.BLOBS_DIR);
      target.append(TarFormat.fileHeader(OciLayout.LAYOUT_FILE, LAYOUT_JSON.length));
      target.appendContent(LAYOUT_JSON);
      target.index = IndexFile.empty().toBytes();
      return target;
    } catch (IOException | RuntimeException e) {
      target.close();
      throw e;
    }
  }

  @Override
  public IndexFile existingIndex() {
    return IndexFile.empty();
  }

  @Override
  public synchronized boolean holds(Digest digest) {
    return written.contains(digest);
  }

  @Override
  public synchronized void write(Digest digest, long size, InputStream content)
      throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("a tar entry needs its size up front: " + digest);
    }
    checkOpen();
    if (written.contains(digest)) {
      return;
    }
    directory(OciLayout.BLOBS_DIR + "/" + digest.algorithm());
    long start = out.position();
    String name = OciLayout.blobPath(digest);
    try {
      append(TarFormat.fileHeader(name, size));
      Durable.copyVerified(content, out, digest, size, "blob " + digest + " for "
          + describe(name));
      append(new byte[TarFormat.padding(size)]);
    } catch (IOException | RuntimeException e) {
      // Cut the entry off again, so the archive goes on as if it had never been started.
      out.truncate(start);
      out.position(start);
      throw e;
    }
    written.add(digest);
  }

  @Override
  public Optional<byte[]> read(Digest digest, int max) {
    return Optional.empty(); // what this run wrote, the writer remembers
  }

  @Override
  public synchronized void publishIndex(byte[] index) {
    this.index = index.clone();
  }

  @Override
  public synchronized void commit() throws IOException {
    checkOpen();
    append(TarFormat.fileHeader(OciLayout.INDEX_FILE, index.length));
    appendContent(index);
    append(TarFormat.end());
    out.force(true);
    Durable.moveIntoPlace(partial, file.toAbsolutePath());
    committed = true;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      out.close();
      if (!committed) {
        Files.deleteIfExists(partial);
      }
    }
  }

  @Override
  public String describe(String path) {
    return file + "!" + path;
  }

  private void checkOpen() {
    if (committed) {
      throw new IllegalStateException(file + " is already committed");
    }
  }

  private void directory(String name) throws IOException {
    if (directories.add(name)) {
      append(TarFormat.directoryHeader(name));
    }
  }

  private void appendContent(byte[] content) throws IOException {
    append(content);
    append(new byte[TarFormat.padding(content.length)]);
  }

  private void append(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }
}
