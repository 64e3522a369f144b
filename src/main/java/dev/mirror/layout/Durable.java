package dev.mirror.layout;

import dev.mirror.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/** File writes that survive a crash: on disk before they are renamed into place. */
final class Durable {
  /** One buffer per transfer; what bounds memory, whatever the blob's size. */
  static final int BUFFER = 256 * 1024;

  /** The prefix of this package's temporary files; a writer that opens a layout removes them. */
  static final String TEMP_PREFIX = ".mirror-partial-";

  private Durable() {}

  /** A temporary name beside {@code target}, unique to this write. */
  static Path tempFor(Path target) {
    return target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
  }

  /** Replaces {@code target} with {@code bytes} in one step: a reader sees the old or the new. */
  static void replace(Path target, byte[] bytes) throws IOException {
    Path temp = tempFor(target);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Renames a finished temporary file to its name, atomically, and syncs the directory. */
  static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + temp + " to " + target
          + " atomically on this file system", e);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** So a rename survives a power cut; file systems that cannot sync a directory are let be. */
  static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every platform opens directories; the rename itself is still atomic.
    }
  }

  /**
   * Streams {@code in} to {@code out} while hashing and counting it, and fails as soon as it runs
   * past {@code size}, or at its end when its size or digest differs. {@code name} says, in the
   * error, what was being written. Returns the number of bytes written.
   */
  static long copyVerified(InputStream in, FileChannel out, Digest digest, long size,
      String name) throws IOException {
    MessageDigest hasher = digest.newHasher();
    byte[] buffer = new byte[BUFFER];
    long written = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      written += n;
      if (written > size) {
        throw VerifyingInputStream.mismatch(name, "is larger than the " + size
            + " bytes expected for " + digest);
      }
      hasher.update(buffer, 0, n);
      ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
      while (chunk.hasRemaining()) {
        out.write(chunk);
      }
    }
    if (written != size) {
      throw VerifyingInputStream.mismatch(name, "has " + written + " bytes, not the " + size
          + " expected for " + digest);
    }
    Digest actual = new Digest(digest.algorithm(), HexFormat.of().formatHex(hasher.digest()));
    if (!actual.equals(digest)) {
      throw VerifyingInputStream.mismatch(name, "has digest " + actual + ", not the expected "
          + digest);
    }
    return written;
  }

  /** The digest of a file's content, with the algorithm of {@code like}. */
  static Digest digestOf(Path file, Digest like) throws IOException {
    MessageDigest hasher = like.newHasher();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        hasher.update(buffer, 0, n);
      }
    }
    return new Digest(like.algorithm(), HexFormat.of().formatHex(hasher.digest()));
  }
}
