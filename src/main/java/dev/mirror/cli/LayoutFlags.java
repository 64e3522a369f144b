package dev.mirror.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the goals that can use an OCI image layout instead of registries ({@code run},
 * {@code plan}), a picocli mixin: write the images into one, or read them from one.
 */
final class LayoutFlags {
  @Option(names = "--to-layout", paramLabel = "DIR|FILE.tar",
      description = "Write the images, every platform, into one OCI image layout (a directory,"
          + " or a .tar archive) instead of pushing them, for a site that cannot reach their"
          + " sources; a re-run writes only what is missing.")
  Path toLayout;

  @Option(names = "--from-layout", paramLabel = "DIR|FILE.tar",
      description = "Read the images from an OCI image layout written by --to-layout instead of"
          + " their sources, verify them, and push them to their destinations.")
  Path fromLayout;

  /** Reports the two options given together; true when it did. */
  boolean reportUsageError(PrintWriter err) {
    if (toLayout != null && fromLayout != null) {
      err.println("error: --to-layout and --from-layout cannot be used together");
      return true;
    }
    return false;
  }
}
