package dev.mirror.pin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Replaces a BUILD file's content safely: the new bytes go to a temporary file beside it (same
 * directory, so the rename cannot cross file systems; hidden, so no build pattern matches it),
 * with the file's permissions, and are renamed over it only if the file still holds what was
 * read. A reader sees the old file or the new one, never half of one. A symbolic link is
 * followed: its target is replaced, the link stays.
 */
final class BuildFileWriter {
  private BuildFileWriter() {}

  /** The file no longer holds what was read: someone edited it while pin ran. */
  static final class ChangedMeanwhile extends Exception {
    ChangedMeanwhile(Path file) {
      super(file + " changed while it was being pinned");
    }
  }

  static void replace(Path file, byte[] expected, byte[] replacement)
      throws IOException, ChangedMeanwhile {
    Path real = file.toRealPath();
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(real);
    Path temp = Files.createTempFile(real.getParent(), "." + real.getFileName() + ".", ".pin");
    try {
      Files.write(temp, replacement);
      Files.setPosixFilePermissions(temp, mode);
      if (!Arrays.equals(Files.readAllBytes(real), expected)) {
        throw new ChangedMeanwhile(file);
      }
      Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
