package dev.mirror.starlark.eval;

import dev.mirror.starlark.syntax.SourceDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads files for {@code open()} from one directory tree only. The check is made on real paths
 * (symbolic links resolved), since a link's text can point anywhere; only regular files are read,
 * since a FIFO would block forever and a device such as /dev/zero never ends; and only up to
 * {@link Limits#MAX_FILE_SIZE}.
 */
public final class ConfinedFiles implements Interpreter.FileAccess {
  private final Path root;
  private final String rootName;

  /** Reads under {@code root}, called {@code rootName} in errors ("the build root"). */
  public ConfinedFiles(Path root, String rootName) {
    this.root = root.toAbsolutePath().normalize();
    this.rootName = rootName;
  }

  @Override
  public String read(StarlarkThread thread, String path) {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root)) {
      throw outside(path);
    }
    Path real;
    Path realRoot;
    try {
      realRoot = root.toRealPath();
      real = p.toRealPath();
    } catch (NoSuchFileException e) {
      throw new EvalException("open: cannot read " + path + ": no such file");
    } catch (IOException e) {
      throw cannotRead(path, e);
    }
    if (!real.startsWith(realRoot)) {
      throw outside(path);
    }
    byte[] bytes;
    try {
      BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new EvalException("open: " + path + " is not a regular file ("
            + (attributes.isDirectory() ? "a directory" : "a FIFO, device or socket")
            + "); only regular files can be read");
      }
      checkSize(path, attributes.size());
      try (InputStream in = Files.newInputStream(real)) {
        bytes = in.readNBytes(Limits.MAX_FILE_SIZE + 1); // the file may grow as it is read
      }
      checkSize(path, bytes.length);
    } catch (IOException e) {
      throw cannotRead(path, e);
    }
    try {
      return SourceDecoder.decode(bytes);
    } catch (SourceDecoder.NotUtf8Exception e) {
      throw new EvalException("open: " + path + " is not valid UTF-8 text (line " + e.line()
          + ", byte " + e.byteOffset() + ")");
    }
  }

  private static void checkSize(String path, long size) {
    if (size > Limits.MAX_FILE_SIZE) {
      throw new EvalException("open: " + path + " is too large: " + size + " bytes (at most "
          + (Limits.MAX_FILE_SIZE >> 20) + " MiB)");
    }
  }

  private EvalException outside(String path) {
    return new EvalException("open: " + path + " is outside " + rootName);
  }

  private static EvalException cannotRead(String path, IOException e) {
    return new EvalException("open: cannot read " + path + ": " + e.getMessage());
  }
}
