package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A copy of the launcher script with a jar of its own, and a runtime directory of its own for
 * the daemons' state, run as a user would run it. Tests start daemons in this JVM ({@link
 * #startDaemon}) or let the launcher start real ones ({@link #withClasspathJar}).
 */
final class LauncherFixture implements AutoCloseable {
  /** MIRROR_JAVA_OPTS for every launcher run: small JVMs, and what in-JVM daemons record. */
  static final String JVM_OPTIONS = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  final Path root;
  final Path runtimeDir;
  private final List<Runnable> cleanups = new ArrayList<>();

  private LauncherFixture(Path dir, boolean runnableJar) throws IOException {
    root = Files.createDirectories(dir.resolve("launcher")).toRealPath();
    runtimeDir = Files.createDirectories(dir.resolve("runtime")).toRealPath();
    Files.copy(Path.of("mirror").toAbsolutePath(), root.resolve("mirror"));
    Files.writeString(root.resolve("pom.xml"), "");
    Files.createDirectories(root.resolve("src/main"));
    Path jar = jar();
    Files.createDirectories(jar.getParent());
    if (runnableJar) {
      writeClasspathJar(jar);
    } else {
      Files.writeString(jar, "");
    }
    // Older than any daemon's info file, and newer than the sources: the launcher builds nothing.
    for (Path p : List.of(jar, root.resolve("pom.xml"), root.resolve("src/main"))) {
      Files.setLastModifiedTime(p, FileTime.fromMillis(0));
    }
  }

  /**
   * An empty jar: java cannot start with it, so a command that succeeds was answered by a daemon
   * started in this JVM.
   */
  static LauncherFixture withEmptyJar(Path dir) throws IOException {
    return new LauncherFixture(dir, false);
  }

  /** A jar whose manifest names this JVM's class path: the launcher's own daemons work. */
  static LauncherFixture withClasspathJar(Path dir) throws IOException {
    return new LauncherFixture(dir, true);
  }

  private static void writeClasspathJar(Path jar) throws IOException {
    StringBuilder classPath = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.append(Path.of(entry).toAbsolutePath().toUri().toURL().getPath()).append(' ');
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.mirror.cli.Main");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().strip());
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      // the manifest is all
    }
  }

  Path jar() {
    return root.resolve("target/mirror.jar");
  }

  /** The state directory of the daemon for {@code buildRoot}, as the README describes it. */
  Path stateDir(Path buildRoot) throws IOException {
    String key = buildRoot.toRealPath() + "\n" + jar() + "\n";
    return runtimeDir.resolve("mirror/daemons").resolve(String.format("%016x", fnv1a64(key)));
  }

  /** The 64-bit FNV-1a hash of the string's UTF-8 bytes. */
  static long fnv1a64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return hash;
  }

  /** A daemon for {@code buildRoot}, serving in this JVM until the fixture is closed. */
  MirrorDaemon startDaemon(Path buildRoot) throws IOException {
    return startDaemon(buildRoot, Duration.ofSeconds(30));
  }

  MirrorDaemon startDaemon(Path buildRoot, Duration requestDeadline) throws IOException {
    MirrorDaemon daemon = MirrorDaemon.start(stateDir(buildRoot), MirrorDaemon.Settings.defaults()
        .withRequestDeadline(requestDeadline).withJvmOptions(JVM_OPTIONS)
        .withLauncherKey(buildRoot.toRealPath().toString(), jar().toString()));
    Thread serving = serve(daemon);
    cleanups.add(() -> {
      try {
        daemon.close();
        serving.join(5000);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    return daemon;
  }

  static Thread serve(MirrorDaemon daemon) {
    Thread serving = new Thread(() -> {
      try {
        daemon.serve();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, "test-daemon");
    serving.start();
    return serving;
  }

  /**
   * The launcher with {@code args} in {@code cwd}, with {@code MIRROR_DAEMON=1} and no CI; stdin
   * is /dev/null.
   */
  ProcessBuilder command(Path cwd, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("mirror").toString()));
    command.addAll(List.of(args));
    ProcessBuilder launcher = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    launcher.environment().put("MIRROR_DAEMON", "1");
    launcher.environment().put("MIRROR_JAVA_OPTS", JVM_OPTIONS);
    launcher.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
    launcher.environment().remove("CI");
    launcher.environment().remove("PANTS_BUILDROOT_OVERRIDE");
    launcher.environment().remove(MirrorDaemon.IDLE_SECONDS_ENV);
    return launcher;
  }

  /** Runs the launcher to its end. */
  Result run(Path cwd, String... args) throws Exception {
    return Result.of(command(cwd, args));
  }

  /** Stops the real daemons this fixture's launcher started, and the in-JVM ones. */
  @Override
  public void close() throws Exception {
    cleanups.forEach(Runnable::run);
    try (var dirs = Files.list(runtimeDir.resolve("mirror/daemons"))) {
      for (Path state : dirs.toList()) {
        Path info = state.resolve("daemon.info");
        if (Files.exists(info)) {
          long pid = Long.parseLong(Files.readString(info).split("\\s+")[2]);
          ProcessHandle.of(pid).filter(LauncherFixture::isDaemon).ifPresent(ProcessHandle::destroy);
        }
      }
    } catch (java.nio.file.NoSuchFileException none) {
      // no daemon ever
    }
  }

  /** Whether {@code process} is a daemon process (not this JVM, nor a pid since reused). */
  static boolean isDaemon(ProcessHandle process) {
    return process.info().arguments().map(args -> List.of(args).contains(
        "dev.mirror.cli.MirrorDaemon")).orElse(false);
  }

  /** What a process wrote and its exit code. */
  record Result(byte[] out, byte[] err, int code) {
    /** Runs {@code process} to its end, its stdout and stderr in files (no pipe deadlock). */
    static Result of(ProcessBuilder process) throws Exception {
      Path out = Files.createTempFile("mirror-out", "");
      Path err = Files.createTempFile("mirror-err", "");
      try {
        Process p = process.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> p.waitFor());
        return new Result(Files.readAllBytes(out), Files.readAllBytes(err), code);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }

    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }

    String errText() {
      return new String(err, StandardCharsets.UTF_8);
    }
  }

  /** What a run in a fresh JVM of its own writes: stdout, stderr and the exit code. */
  static Result fresh(Path cwd, String... args) throws Exception {
    return Result.of(freshCommand(cwd, args));
  }

  /** The command for a run in a fresh JVM of its own, in {@code cwd}; stdin is /dev/null. */
  static ProcessBuilder freshCommand(Path cwd, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"), "dev.mirror.cli.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(cwd.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
  }

  /** A build root with {@code files} (path, content pairs) and a pants.toml. */
  static Path repo(Path dir, String... files) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pants.toml"),
        "[GLOBAL]\nbackend_packages = [\"pants_backend_oci.utility.mirror\"]\n");
    for (int i = 0; i < files.length; i += 2) {
      Path file = dir.resolve(files[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, files[i + 1]);
    }
    return dir.toRealPath();
  }
}
