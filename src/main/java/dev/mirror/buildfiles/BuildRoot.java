package dev.mirror.buildfiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Finds the build root: the directory that BUILD file paths and addresses are relative to. */
public final class BuildRoot {

  /** The files that mark a build root, as Pants' {@code BuildRoot::find} looks for them. */
  static final List<String> MARKERS = List.of("pants.toml", "BUILDROOT", "BUILD_ROOT");

  static final String OVERRIDE_ENV = "PANTS_BUILDROOT_OVERRIDE";

  private BuildRoot() {}

  /**
   * The build root for a run started in {@code cwd}: {@code override} (from {@code --build-root})
   * when given, else {@code PANTS_BUILDROOT_OVERRIDE} from {@code env}, else the nearest directory
   * from {@code cwd} upwards (inclusive) that holds a regular file named pants.toml, BUILDROOT or
   * BUILD_ROOT. Relative overrides are taken from {@code cwd}. The result is absolute and
   * normalised.
   */
  public static Path find(Path cwd, Map<String, String> env, Path override)
      throws BuildFileException {
    Path start = cwd.toAbsolutePath().normalize();
    if (override != null) {
      return checkedOverride(start.resolve(override), "--build-root");
    }
    String fromEnv = env.get(OVERRIDE_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return checkedOverride(start.resolve(fromEnv), OVERRIDE_ENV);
    }
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      for (String marker : MARKERS) {
        // Files.isRegularFile follows symlinks, as Pants' metadata().is_file() does; a directory
        // named BUILD_ROOT is not a marker.
        if (Files.isRegularFile(dir.resolve(marker))) {
          return dir;
        }
      }
    }
    throw new BuildFileException(BuildFileException.Kind.NO_BUILD_ROOT,
        "No build root detected for the current directory of " + start + ". mirror detects the"
            + " build root by looking for at least one file from [" + String.join(", ", MARKERS)
            + "] in the cwd and its parents. Create an empty BUILDROOT file in your build root,"
            + " or set --build-root or " + OVERRIDE_ENV + ".");
  }

  private static Path checkedOverride(Path root, String origin) throws BuildFileException {
    Path normalized = root.normalize();
    if (!Files.isDirectory(normalized)) {
      throw new BuildFileException(BuildFileException.Kind.NO_BUILD_ROOT,
          "The build root given by " + origin + " is not a directory: " + normalized);
    }
    return normalized;
  }
}
