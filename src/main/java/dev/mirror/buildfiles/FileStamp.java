package dev.mirror.buildfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a file or directory looked like when it was read: size, modification time, identity
 * (device and inode) and permissions, or absent. A resident mirror compares stamps to decide
 * whether what it computed from a file still holds, as git compares its index with the work tree.
 * Permissions are part of it because a chmod changes whether a file can be read, not its time.
 *
 * <p>As in git, a stamp taken within {@link #RACY_WINDOW_MILLIS} of the file's modification time
 * is <em>racy</em>: a second change in the same clock tick (file systems keep modification times
 * to the kernel's tick, not the nanosecond) and of the same size would leave the stamp equal.
 * A racy stamp never vouches for its file; what was read from it is read again next time.
 */
record FileStamp(long size, long modifiedNanos, Object fileKey, int permissions, boolean racy) {

  /** How close to the modification time a stamp must not be taken to be trusted. */
  static final long RACY_WINDOW_MILLIS = 1_000;

  /** The stamp of a path that did not exist (or could not be read) when it was looked for. */
  static final FileStamp ABSENT = new FileStamp(-1, 0, null, 0, false);

  /** The stamp of {@code path} now; {@code options} say whether a symbolic link is followed. */
  static FileStamp of(Path path, LinkOption... options) {
    try {
      return of(Files.readAttributes(path, PosixFileAttributes.class, options));
    } catch (IOException | UnsupportedOperationException e) {
      return ABSENT;
    }
  }

  /** The stamp of attributes just read. */
  static FileStamp of(PosixFileAttributes attributes) {
    long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    boolean racy = modified / 1_000_000 > System.currentTimeMillis() - RACY_WINDOW_MILLIS;
    int permissions = 0;
    for (PosixFilePermission p : attributes.permissions()) {
      permissions |= 1 << p.ordinal();
    }
    return new FileStamp(attributes.size(), modified, attributes.fileKey(), permissions, racy);
  }

  /** Whether {@code now}, a stamp of the same path, shows it unchanged since this one. */
  boolean vouchesFor(FileStamp now) {
    return !racy && now.size == size && now.modifiedNanos == modifiedNanos
        && now.permissions == permissions && Objects.equals(now.fileKey, fileKey);
  }

  /** Whether {@code path} is unchanged since this stamp; {@code options} as for {@link #of}. */
  boolean stillMatches(Path path, LinkOption... options) {
    return !racy && vouchesFor(of(path, options));
  }
}
