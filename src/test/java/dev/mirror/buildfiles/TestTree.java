package dev.mirror.buildfiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory tree that tests write files into, by '/'-separated relative paths. */
public record TestTree(Path root) {

  /** Writes {@code text} to {@code relative}, creating parent directories. */
  public Path file(String relative, String text) {
    try {
      Path path = root.resolve(relative);
      Files.createDirectories(path.getParent());
      return Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path file(String relative) {
    return file(relative, "");
  }

  public Path dir(String relative) {
    try {
      return Files.createDirectories(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
