package dev.mirror.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived tool (openssl, htpasswd, skopeo) and returns its standard output. */
final class ExternalCommand {
  private static final long TIMEOUT_SECONDS = 60;

  private ExternalCommand() {}

  /** Runs {@code command} in {@code workDir}; fails with the tool's own output when it does. */
  static byte[] run(Path workDir, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command.get(0) + " (is it installed?)", e);
    }
    try {
      process.getOutputStream().close();
      // stderr is drained on its own thread so a chatty tool cannot block on a full pipe.
      var stderr = new java.io.ByteArrayOutputStream();
      Thread drain = new Thread(() -> {
        try {
          process.getErrorStream().transferTo(stderr);
        } catch (IOException ignored) {
          // the process went away; what was read is enough for the message
        }
      });
      drain.setDaemon(true);
      drain.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in "
            + TIMEOUT_SECONDS + " s");
      }
      drain.join(TimeUnit.SECONDS.toMillis(5));
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with "
            + process.exitValue() + ": " + stderr.toString(StandardCharsets.UTF_8).strip());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  static String runForText(Path workDir, List<String> command) {
    return new String(run(workDir, command), StandardCharsets.UTF_8);
  }
}
