package dev.mirror.workspace;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One run of mirror as its caller sees it: where it was started, with which environment and home
 * directory, where its output goes, and whether its stderr is a terminal. Made once at the entry
 * point (the process's own, or a daemon client's) and passed down, so that nothing reads this
 * from statics or system properties and a resident process can serve several callers.
 *
 * @param home the user's home directory ({@code ~/.pants.rc}, the global git excludes file)
 * @param terminal whether stderr is a terminal a progress display may draw on
 * @param resident what the process keeps between commands ({@link ResidentState#NONE} in a
 *     process that runs one)
 */
public record Invocation(Path workingDirectory, Map<String, String> environment, Path home,
    PrintWriter out, PrintWriter err, boolean terminal, ResidentState resident) {

  public Invocation {
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
    environment = Map.copyOf(environment);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(resident, "resident");
  }

  /** An invocation in a process that runs this one command. */
  public Invocation(Path workingDirectory, Map<String, String> environment, Path home,
      PrintWriter out, PrintWriter err, boolean terminal) {
    this(workingDirectory, environment, home, out, err, terminal, ResidentState.NONE);
  }

  /** This process's invocation, writing to {@code out} and {@code err}. */
  public static Invocation ofProcess(PrintWriter out, PrintWriter err) {
    Map<String, String> env = System.getenv();
    // The launcher says whether its stderr is a terminal; without it, ask the JVM.
    boolean terminal = env.containsKey("MIRROR_STDERR_TTY")
        ? env.get("MIRROR_STDERR_TTY").equals("1") : System.console() != null;
    return new Invocation(Path.of(System.getProperty("user.dir")), env, homeOf(env), out, err,
        terminal);
  }

  /**
   * The home directory as the user's tools see it: {@code $HOME} (Python's expanduser and docker
   * both read it), else the JVM's idea of it. In CI containers the two often differ.
   */
  public static Path homeOf(Map<String, String> env) {
    String home = env.get("HOME");
    return Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home);
  }

  /** A path the user gave, relative to the working directory. */
  public Path resolve(String path) {
    return workingDirectory.resolve(path);
  }

  /** A path the user gave, relative to the working directory; null stays null. */
  public Path resolve(Path path) {
    return path == null ? null : workingDirectory.resolve(path);
  }
}
