package dev.mirror.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real CNCF Distribution registry ({@code docker-registry serve}) on a free loopback port, with
 * its own config and storage in a temp directory. Each instance is independent; start one per test
 * class (it answers within ~50 ms) and close it after.
 */
public final class LocalRegistry implements RegistryEndpoint, AutoCloseable {
  private static final String BINARY = "docker-registry";
  private static final int PORT_ATTEMPTS = 3;

  /**
   * Registries still running when the JVM exits (a test that forgot to close, a killed run) are
   * stopped by their own Process handles, so no orphan keeps a port or a temp dir.
   */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final Process process;
  private final ProcessOutput output;
  private final TempDirectory workDir;
  private final URI baseUri;
  private final Optional<TestCertificate> tls;
  private final Optional<SSLContext> sslContext;

  private LocalRegistry(Process process, ProcessOutput output, TempDirectory workDir, URI baseUri,
      Optional<TestCertificate> tls) {
    this.process = process;
    this.output = output;
    this.workDir = workDir;
    this.baseUri = baseUri;
    this.tls = tls;
    this.sslContext = tls.map(TestCertificate::sslContext);
  }

  /** An anonymous plain-HTTP registry with default settings. */
  public static LocalRegistry start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public Optional<SSLContext> sslContext() {
    return sslContext;
  }

  /** The certificate it serves, when started with TLS. */
  public Optional<TestCertificate> certificate() {
    return tls;
  }

  /** The filesystem driver's root directory ({@code docker/registry/v2/...} lives below it). */
  public Path storageDir() {
    return workDir.path().resolve("data");
  }

  /** Everything the process printed so far: its log and, if enabled, the access log. */
  public String log() {
    return output.text();
  }

  /**
   * Waits until {@link #log()} contains {@code text}: the registry writes an access log line
   * after the response has gone out, so a test reading the log at once can miss the last one.
   */
  public boolean awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log().contains(text)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(10);
    }
    return true;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the process it started (SIGTERM, then SIGKILL) and deletes its temp directory. */
  @Override
  public void close() {
    stop(process);
    RUNNING.remove(process);
    output.awaitEnd(1000);
    workDir.close();
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "LocalRegistry[" + baseUri + "]";
  }

  /** Options for one registry; each call to {@link #start()} starts a new, independent one. */
  public static final class Builder {
    private String bindHost = "127.0.0.1";

    /**
     * Listens on another of this machine's addresses instead of 127.0.0.1: a registry that is
     * not on loopback, for the rules about plain HTTP.
     */
    public Builder bindHost(String host) {
      this.bindHost = host;
      return this;
    }

    /** Runs inside a namespace of the test's own, listening on its address: another host. */
    public Builder inNamespace(TestNamespace namespace) {
      this.namespace = namespace;
      this.bindHost = namespace.address();
      return this;
    }

    private TestNamespace namespace;
    private final Map<String, String> basicUsers = new LinkedHashMap<>();
    private TokenAuth tokenAuth;
    private TestCertificate tlsCertificate;
    private boolean accessLog;
    private String logLevel = "warn";
    private Duration startTimeout = Duration.ofSeconds(15);
    private String foreignLayerUrls = "^https?://";

    private Builder() {}

    /** Adds an htpasswd user (bcrypt, which Distribution requires); all access then needs it. */
    public Builder basicAuth(String user, String password) {
      basicUsers.put(user, password);
      return this;
    }

    /** Bearer-token auth against {@code server}, trusting its signing certificate. */
    public Builder tokenAuth(TokenServer server) {
      return tokenAuth(server.realm(), server.service(), server.issuer(), server.certBundlePath());
    }

    public Builder tokenAuth(URI realm, String service, String issuer, Path rootCertBundle) {
      tokenAuth = new TokenAuth(realm, service, issuer, rootCertBundle);
      return this;
    }

    /** Serves https with the JVM-wide {@link TestCertificate#shared()} certificate. */
    public Builder tls() {
      return tls(TestCertificate.shared());
    }

    public Builder tls(TestCertificate certificate) {
      tlsCertificate = certificate;
      return this;
    }

    /** Prints one combined-format line per request into {@link #log()}. */
    public Builder accessLog(boolean enabled) {
      accessLog = enabled;
      return this;
    }

    /** The registry's log level: error, warn (default), info or debug. */
    public Builder logLevel(String level) {
      logLevel = level;
      return this;
    }

    /**
     * Which {@code urls} a pushed manifest may name (foreign layers). Distribution refuses every
     * manifest with URLs unless an allow list is configured; the default here, {@code ^https?://},
     * accepts them as Docker Hub does.
     */
    public Builder allowForeignLayerUrls(String regex) {
      foreignLayerUrls = regex;
      return this;
    }

    /** Refuse manifests with foreign-layer URLs, as a Distribution registry does by default. */
    public Builder rejectForeignLayerUrls() {
      foreignLayerUrls = null;
      return this;
    }

    public Builder startTimeout(Duration timeout) {
      startTimeout = timeout;
      return this;
    }

    public LocalRegistry start() {
      if (!basicUsers.isEmpty() && tokenAuth != null) {
        throw new IllegalStateException("choose basic auth or token auth, not both");
      }
      TempDirectory workDir = TempDirectory.create("mirror-registry-");
      try {
        Path data = Files.createDirectories(workDir.path().resolve("data"));
        Path htpasswd = basicUsers.isEmpty() ? null : writeHtpasswd(workDir.path());
        IllegalStateException lastFailure = null;
        // A port picked free can be taken before the registry binds it; then try another.
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
          int port = freePort();
          Path config = workDir.path().resolve("config.yml");
          Files.writeString(config, configYaml(port, data, htpasswd));
          try {
            return launch(workDir, config, port);
          } catch (AddressInUse e) {
            lastFailure = e;
          }
        }
        throw lastFailure;
      } catch (IOException e) {
        workDir.close();
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        workDir.close();
        throw e;
      }
    }

    private LocalRegistry launch(TempDirectory workDir, Path config, int port) throws IOException {
      Process process;
      try {
        List<String> command = List.of(BINARY, "serve", config.toString());
        process = new ProcessBuilder(namespace == null ? command : namespace.command(command))
            .directory(workDir.path().toFile())
            .redirectErrorStream(true)
            .start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start " + BINARY
            + " (apt-get install docker-registry; see docs/registry-testing.md)", e);
      }
      RUNNING.add(process);
      process.getOutputStream().close();
      ProcessOutput output = new ProcessOutput(process.getInputStream(), "registry-" + port);
      String scheme = tlsCertificate == null ? "http" : "https";
      URI base = URI.create(scheme + "://" + bindHost + ":" + port);
      var registry = new LocalRegistry(process, output, workDir, base,
          Optional.ofNullable(tlsCertificate));
      try {
        awaitReady(registry);
        return registry;
      } catch (RuntimeException e) {
        stop(process);
        RUNNING.remove(process);
        throw e;
      }
    }

    /** Polls GET /v2/ until any HTTP answer (401 counts: auth is up too). */
    private void awaitReady(LocalRegistry registry) {
      HttpClient.Builder clientBuilder = HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2));
      registry.sslContext().ifPresent(clientBuilder::sslContext);
      HttpClient client = clientBuilder.build();
      HttpRequest ping = HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
          .timeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + startTimeout.toNanos();
      Exception lastError = null;
      while (System.nanoTime() < deadline) {
        if (!registry.process.isAlive()) {
          registry.output.awaitEnd(1000);
          String log = registry.log();
          if (log.contains("address already in use")) {
            throw new AddressInUse(log);
          }
          throw new IllegalStateException(BINARY + " exited with " + registry.process.exitValue()
              + " before answering; its output:\n" + log);
        }
        try {
          client.send(ping, HttpResponse.BodyHandlers.discarding());
          return;
        } catch (IOException e) {
          lastError = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the registry", e);
        }
        sleep(10);
      }
      throw new IllegalStateException(BINARY + " did not answer GET " + registry.baseUri()
          + "/v2/ within " + startTimeout.toMillis() + " ms (last error: " + lastError
          + "); its output:\n" + registry.log());
    }

    private Path writeHtpasswd(Path dir) throws IOException {
      List<String> lines = new ArrayList<>();
      for (var user : basicUsers.entrySet()) {
        // -B: Distribution accepts only bcrypt entries.
        lines.add(ExternalCommand.runForText(dir,
            List.of("htpasswd", "-Bbn", user.getKey(), user.getValue())).strip());
      }
      Path file = dir.resolve("htpasswd");
      Files.writeString(file, String.join("\n", lines) + "\n");
      return file;
    }

    private String configYaml(int port, Path data, Path htpasswd) {
      StringBuilder yaml = new StringBuilder();
      yaml.append("version: 0.1\n")
          .append("log:\n")
          .append("  level: ").append(logLevel).append('\n')
          .append("  accesslog: {disabled: ").append(!accessLog).append("}\n")
          .append("storage:\n")
          .append("  filesystem: {rootdirectory: ").append(quote(data)).append("}\n")
          .append("  delete: {enabled: true}\n")
          .append("  cache: {blobdescriptor: inmemory}\n")
          .append("http:\n")
          .append("  addr: ").append(bindHost).append(':').append(port).append('\n')
          .append("  secret: local-test-secret\n");
      if (tlsCertificate != null) {
        yaml.append("  tls:\n")
            .append("    certificate: ").append(quote(tlsCertificate.certificatePath())).append('\n')
            .append("    key: ").append(quote(tlsCertificate.privateKeyPath())).append('\n');
      }
      if (foreignLayerUrls != null) {
        yaml.append("validation:\n")
            .append("  manifests:\n")
            .append("    urls:\n")
            .append("      allow: [").append(quote(foreignLayerUrls)).append("]\n");
      }
      if (htpasswd != null) {
        yaml.append("auth:\n")
            .append("  htpasswd: {realm: basic-realm, path: ").append(quote(htpasswd)).append("}\n");
      }
      if (tokenAuth != null) {
        yaml.append("auth:\n")
            .append("  token:\n")
            .append("    realm: ").append(quote(tokenAuth.realm().toString())).append('\n')
            .append("    service: ").append(quote(tokenAuth.service())).append('\n')
            .append("    issuer: ").append(quote(tokenAuth.issuer())).append('\n')
            .append("    rootcertbundle: ").append(quote(tokenAuth.rootCertBundle())).append('\n');
      }
      return yaml.toString();
    }
  }

  private record TokenAuth(URI realm, String service, String issuer, Path rootCertBundle) {}

  /** The registry could not bind the picked port: someone else took it meanwhile. */
  private static final class AddressInUse extends IllegalStateException {
    AddressInUse(String log) {
      super("port taken before the registry could bind it; its output:\n" + log);
    }
  }

  private static String quote(Object value) {
    // YAML double-quoted scalar: escape backslashes and quotes, nothing else occurs in temp paths.
    return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the registry", e);
    }
  }
}
