package dev.mirror.specs;

import dev.mirror.targets.Target;
import java.util.List;

/**
 * What spec resolution needs from the workspace: which directories exist and hold BUILD files,
 * and the targets residing in a directory. Loading is lazy: only the directories a spec needs are
 * evaluated. Paths are relative to the build root, "" for the root itself.
 */
public interface TargetSource {

  /** Whether the directory exists on disk and is not ignored ({@code pants_ignore}). */
  boolean directoryExists(String dir);

  /** Whether the path exists on disk (a file or directory) and is not ignored. */
  boolean pathExists(String path);

  /**
   * Whether a command-line file glob ({@code *.txt}, {@code images/**}) matches a file or
   * directory that exists and is not ignored.
   */
  boolean globMatches(String glob);

  /**
   * {@code [GLOBAL].build_ignore}, as given: Pants excludes these patterns from the globs it
   * checks for directory specs, and names them in the unmatched-glob message.
   */
  default List<String> buildIgnore() {
    return List.of();
  }

  /** Whether the directory holds at least one BUILD file that is not ignored. */
  boolean hasBuildFiles(String dir);

  /** Every directory at or below {@code dir} that holds BUILD files, in address order. */
  List<String> buildDirectoriesUnder(String dir);

  /**
   * The targets residing in {@code dir}, in address order: declared targets (generators and
   * parametrized copies included) and generated targets. Throws when a BUILD file of the
   * directory or of an ancestor cannot be evaluated.
   */
  List<Target> targetsIn(String dir) throws LoadException;

  /** A BUILD file could not be evaluated; the message says where and why. */
  final class LoadException extends Exception {
    private final List<String> problems;

    public LoadException(List<String> problems) {
      super(String.join("\n", problems), null, false, false);
      this.problems = List.copyOf(problems);
    }

    /** One line per problem, {@code path:line:col: error: message}. */
    public List<String> problems() {
      return problems;
    }
  }
}
