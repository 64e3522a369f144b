package dev.mirror.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A directory only its owner may use: the daemon's state directory, which holds the token that
 * lets a client run commands as the daemon's user.
 */
final class PrivateDirectory {
  private PrivateDirectory() {}

  /**
   * Creates {@code dir} (and missing parents) owner-only, or checks the one there: it must be a
   * directory of this user, not a symbolic link, with no access for group or others.
   */
  static Path create(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a directory");
    }
    // A file made here is this process's user's: the directory's owner must be the same one.
    // (The user's name can be unknown to the JVM, in a container without a passwd entry.)
    Path probe = Files.createTempFile(dir, ".owner", "");
    try {
      UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
      if (!owner.equals(Files.getOwner(probe))) {
        throw new IOException(dir + " belongs to " + owner.getName() + ", not to "
            + Files.getOwner(probe).getName());
      }
    } finally {
      Files.deleteIfExists(probe);
    }
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE).containsAll(permissions)) {
      throw new IOException(dir + " is open to others (" + PosixFilePermissions.toString(permissions)
          + "); it must be rwx------");
    }
    return dir;
  }
}
