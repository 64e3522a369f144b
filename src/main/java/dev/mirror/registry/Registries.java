package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The registries of one run: one HTTP client (one connection pool, HTTP/2 where offered) and one
 * {@link RegistryClient} per registry host, so tokens and connections are shared by every
 * transfer to that registry.
 */
public final class Registries {
  private final RegistryOptions options;
  private final HttpClient http;
  private final CredentialSource credentials;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  public Registries(RegistryOptions options, Map<String, String> env) throws RegistryException {
    this.options = options;
    this.credentials = new CredentialSource(CredentialSource.locate(options.dockerConfig(), env));
    this.http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(15))
        .sslContext(sslContext(options))
        .build();
  }

  /** The client for a registry host ({@code host} or {@code host:port}). */
  public RegistryClient client(String registry) {
    return clients.computeIfAbsent(registry, host -> new RegistryClient(new RegistryTransport(
        host, http, credentials, options.retry(), mayUsePlainHttp(host))));
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

  /** The JDK's trusted certificates, plus those of --ca-file. */
  private static SSLContext sslContext(RegistryOptions options) throws RegistryException {
    try {
      if (options.caFile() == null) {
        return SSLContext.getDefault();
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      TrustManagerFactory jdk =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      int n = 0;
      for (TrustManager manager : jdk.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate cert : x509.getAcceptedIssuers()) {
            trusted.setCertificateEntry("jdk-" + n++, cert);
          }
        }
      }
      try (InputStream pem = Files.newInputStream(options.caFile())) {
        for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
          trusted.setCertificateEntry("ca-file-" + n++, cert);
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new RegistryException("cannot read the CA file " + options.caFile() + ": "
          + e.getMessage(), 0, null, e);
    }
  }
}
