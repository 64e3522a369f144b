package dev.mirror.registry;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The registries of one run: one HTTP client (one connection pool, HTTP/2 where offered) and one
 * {@link RegistryClient} per registry host, so tokens and connections are shared by every
 * transfer to that registry.
 */
public final class Registries implements AutoCloseable {
  static {
    // Blobs move through the HTTP client in 128 KiB pieces instead of its default 16 KiB: about
    // a fifth less CPU per byte copied (bench/mirror-vs-skopeo.sh). Read once, when the JDK's
    // HTTP classes load, so it is set before the first client is built; a user's value stands.
    if (System.getProperty("jdk.httpclient.bufsize") == null) {
      System.setProperty("jdk.httpclient.bufsize", Integer.toString(128 * 1024));
    }
  }

  private final RegistryOptions options;
  private final HttpClient http;
  private final StallWatchdog watchdog;
  private final TimedHttp timedHttp;
  private final CredentialSource credentials;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
  /** The HTTP client's own threads: its selector, and whatever threads that one starts. */
  private final ThreadGroup httpThreads;

  public Registries(RegistryOptions options, Map<String, String> env) throws RegistryException {
    this.options = options;
    this.credentials = new CredentialSource(CredentialSource.locate(options.dockerConfig(), env), env);
    this.httpThreads = new ThreadGroup("mirror-http");
    this.http = build(HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(15))
        .sslContext(sslContext(options)), httpThreads);
    this.watchdog = new StallWatchdog(options.stallLimit());
    this.timedHttp = new TimedHttp(http, watchdog);
  }

  /**
   * Builds the client on a thread of {@code group}: the client's selector thread joins the group
   * of the thread that built it, so {@link #close} can find it without guessing from names.
   */
  private static HttpClient build(HttpClient.Builder builder, ThreadGroup group) {
    AtomicReference<HttpClient> client = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread builderThread = new Thread(group, () -> {
      try {
        client.set(builder.build());
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "mirror-http-setup");
    builderThread.start();
    boolean interrupted = false;
    while (true) {
      try {
        builderThread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the client is built in a moment; the interrupt is kept
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return client.get();
  }

  /** The client for a registry host ({@code host} or {@code host:port}). */
  public RegistryClient client(String registry) {
    return clients.computeIfAbsent(registry, host -> new RegistryClient(new RegistryTransport(
        host, timedHttp, credentials, options.retry(), this::mayUsePlainHttp,
        mayUsePlainHttp(host), isLoopback(hostOf(host)))));
  }

  /** Whether plain HTTP may go to an origin: a loopback host, or one --insecure-registry names. */
  private boolean mayUsePlainHttp(Origin origin) {
    String host = origin.host(); // an IPv6 address keeps its brackets
    return isLoopback(host) || options.insecureRegistries().contains(host)
        || options.insecureRegistries().contains(host + ":" + origin.port());
  }

  private boolean mayUsePlainHttp(String registry) {
    return options.insecureRegistries().contains(registry)
        || options.insecureRegistries().contains(hostOf(registry))
        || isLoopback(hostOf(registry));
  }

  /** The host of {@code host:port}, {@code [v6]:port} or {@code host}. */
  static String hostOf(String registry) {
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      return end < 0 ? registry : registry.substring(0, end + 1);
    }
    int colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }

  /** localhost, 127.0.0.0/8 and ::1: reachable only from this machine, as Docker treats them. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
    return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  /**
   * Ends the HTTP client's selector thread. JDK 17's HttpClient has no close(), and at exit the
   * JVM waits 300 ms for threads in native code, which that thread always is (in epoll); an
   * interrupt ends its loop. Only this client's threads are touched: those of its own group.
   */
  @Override
  public void close() {
    watchdog.close();
    Thread[] threads = new Thread[httpThreads.activeCount() + 8];
    int count = httpThreads.enumerate(threads);
    for (int i = 0; i < count; i++) {
      if (threads[i].getName().endsWith("-SelectorManager")) {
        threads[i].interrupt();
      }
    }
  }

  /** TLS with the JDK's certificates and --ca-file's, loaded at the first handshake. */
  private static SSLContext sslContext(RegistryOptions options) throws RegistryException {
    if (options.caFile() != null) {
      LazyTrustManager.check(options.caFile());
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new LazyTrustManager(options.caFile())}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new RegistryException(RegistryException.Kind.CONFIGURATION,
          "TLS is not available: " + e.getMessage(), e);
    }
  }
}
