package dev.mirror.buildfiles;

import dev.mirror.options.MirrorConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What loading a build root's BUILD files computed, kept by a resident mirror for its next
 * command: directory listings, the evaluated prelude, and each directory's outcome, each with the
 * inputs it came from. A later command revalidates every entry against the disk and its own
 * environment before using it (stamps, not watches: nothing can be missed between an edit and the
 * command after it), and evaluates again only what changed and what lies below it.
 *
 * <p>Everything here belongs to one {@link Key}, the settings that decide how any file is read
 * (build patterns, ignore rules and the files they come from, prelude globs, Pants version): a
 * command with another key starts a new generation, and the old one is dropped. A command keeps
 * the generation it started with, so commands running side by side never mix generations.
 *
 * <p>A one-off process uses {@link #forgetful()}: nothing is kept, and nothing is stamped.
 */
public final class LoadMemo {

  /** The settings that decide how every file is read; see the class comment. */
  record Key(List<String> buildPatterns, List<String> buildIgnore, List<String> pantsIgnore,
      boolean useGitignore, List<String> ignoreFiles, List<String> preludeGlobs,
      String pantsVersion) {

    static Key of(MirrorConfig config, IgnoreRules ignores) {
      return new Key(config.buildPatterns(), config.buildIgnore(), config.pantsIgnore(),
          config.pantsIgnoreUseGitignore(), ignores.sources(), config.buildFilePreludeGlobs(),
          config.pantsVersion());
    }
  }

  /**
   * A directory's entries as the rules see them, listed after {@code stamp} was taken: its BUILD
   * files, sorted, and its visible subdirectories (null when only the BUILD files were wanted).
   */
  record Listing(FileStamp stamp, List<Path> buildFiles, List<String> subdirectories) {}

  /** The prelude files' texts and what they read, and the evaluator made from them. */
  record Prelude(Map<Path, String> texts, InputLog inputs, DirectoryEvaluator evaluator,
      List<String> problems) {}

  /**
   * A directory's outcome, with what it was computed from: the parent's outcome (the same
   * object, so that a re-evaluated parent re-evaluates its subtree), the evaluator (so the
   * prelude), its BUILD files and their stamps, and the other inputs it read.
   */
  record Evaluated(BuildFileLoader.Outcome outcome, BuildFileLoader.Outcome parent,
      DirectoryEvaluator evaluator, List<Path> buildFiles, List<FileStamp> stamps,
      InputLog inputs) {}

  /** One key's entries. */
  static final class Generation {
    final Key key;
    final boolean remembers;
    final Map<String, Listing> listings = new ConcurrentHashMap<>();
    final Map<String, Evaluated> evaluated = new ConcurrentHashMap<>();
    volatile Prelude prelude;
    /** Directories whose BUILD files were run, in every generation of the memo. */
    final AtomicLong evaluations;

    Generation(Key key, boolean remembers, AtomicLong evaluations) {
      this.key = key;
      this.remembers = remembers;
      this.evaluations = evaluations;
    }
  }

  private final boolean remembers;
  private final AtomicLong evaluations = new AtomicLong();
  private Generation current;

  private LoadMemo(boolean remembers) {
    this.remembers = remembers;
  }

  /** A memo that keeps what commands compute, for a process that serves many. */
  public static LoadMemo resident() {
    return new LoadMemo(true);
  }

  /** A memo that keeps nothing, for a process that runs one command. */
  public static LoadMemo forgetful() {
    return new LoadMemo(false);
  }

  /**
   * How many times a directory's BUILD files were run through this memo: what a command that
   * found everything unchanged adds nothing to.
   */
  public long evaluations() {
    return evaluations.get();
  }

  /** The entries for {@code key}: the current generation, or a new one that replaces it. */
  synchronized Generation generation(Key key) {
    if (!remembers) {
      return new Generation(key, false, evaluations);
    }
    if (current == null || !current.key.equals(key)) {
      current = new Generation(key, true, evaluations);
    }
    return current;
  }
}
