package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper ({@code docker-credential-NAME get}), as the docker CLI runs it:
 * the server URL on stdin, {@code {"Username", "Secret"}} on stdout, a username of
 * {@code <token>} for an identity token. Run here rather than through Jib, which runs helpers
 * with the JVM's own PATH and environment (the daemon's, not its client's), without a deadline,
 * and puts the helper's output in its messages.
 */
final class CredentialHelper {
  static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OUTPUT = 1024 * 1024;

  private final String name;
  private final Path configFile;
  private final Map<String, String> env;

  CredentialHelper(String name, Path configFile, Map<String, String> env) {
    this.name = name;
    this.configFile = configFile;
    this.env = env;
  }

  /** The credential for a server, or empty when the helper has none. */
  Optional<Credential> get(String serverUrl) throws RegistryException {
    Path program = locate();
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(program.toString(), "get");
      builder.environment().clear();
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw failure("could not be started (" + e.getClass().getSimpleName() + ")");
    }
    try {
      CompletableFuture<byte[]> out = readAll(process.getInputStream());
      CompletableFuture<byte[]> err = readAll(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // A helper that exits without reading its input says why below.
      }
      if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure("did not answer within " + DEADLINE.toSeconds() + " s");
      }
      String stdout = new String(out.join(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        if (stdout.contains("credentials not found")) {
          return Optional.empty();
        }
        throw failure("failed (exit " + process.exitValue() + ")"
            + firstLine(new String(err.join(), StandardCharsets.UTF_8)));
      }
      return Optional.of(parse(stdout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(RegistryException.Kind.INTERRUPTED, "interrupted", e);
    } finally {
      process.destroyForcibly();
    }
  }

  private Credential parse(String stdout) throws RegistryException {
    JsonNode reply;
    try {
      reply = JSON.readTree(stdout);
    } catch (IOException e) {
      throw failure("answered with something that is not JSON");
    }
    String user = reply == null ? "" : reply.path("Username").asText("");
    String secret = reply == null ? "" : reply.path("Secret").asText("");
    if (secret.isEmpty()) {
      throw failure("answered without a Secret");
    }
    return Credential.from(user, secret);
  }

  /** The helper on the caller's PATH, as a shell would find it. */
  private Path locate() throws RegistryException {
    if (name.contains("/") || name.contains(File.separator) || name.equals("..")) {
      throw new RegistryException(RegistryException.Kind.CONFIGURATION, configFile
          + ": the credential helper name \"" + CredentialSource.printable(name)
          + "\" is not a plain name");
    }
    String file = "docker-credential-" + name;
    String path = env.getOrDefault("PATH", "");
    for (String dir : List.of(path.split(File.pathSeparator))) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, file);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw failure("is not on PATH (named in " + configFile + ")");
  }

  private RegistryException failure(String what) {
    return new RegistryException(RegistryException.Kind.CONFIGURATION, "credential helper docker-credential-"
        + CredentialSource.printable(name) + " " + what);
  }

  /** The first line of the helper's stderr, which says why it failed (its stdout may hold secrets). */
  private static String firstLine(String stderr) {
    String line = stderr.strip().lines().findFirst().orElse("");
    return line.isEmpty() ? "" : ": " + CredentialSource.printable(line);
  }

  /** Reads a pipe on a thread of its own: the common pool may have one thread on two cores. */
  private static CompletableFuture<byte[]> readAll(InputStream stream) {
    CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (stream) {
        bytes.complete(stream.readNBytes(MAX_OUTPUT));
      } catch (IOException e) {
        bytes.complete(new byte[0]);
      }
    }, "credential-helper-output");
    reader.setDaemon(true);
    reader.start();
    return bytes;
  }
}
