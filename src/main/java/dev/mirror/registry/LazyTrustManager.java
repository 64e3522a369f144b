package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trusted certificates plus those of {@code --ca-file}, loaded at the first TLS
 * handshake: reading the JDK's trust store takes a good part of a second on a slow machine, and
 * a run against loopback registries never needs it.
 */
final class LazyTrustManager extends X509ExtendedTrustManager {
  private final Path caFile;
  private volatile X509ExtendedTrustManager delegate;

  LazyTrustManager(Path caFile) {
    this.caFile = caFile;
  }

  private X509ExtendedTrustManager delegate() throws CertificateException {
    X509ExtendedTrustManager d = delegate;
    if (d == null) {
      synchronized (this) {
        if (delegate == null) {
          try {
            delegate = load(caFile);
          } catch (IOException | GeneralSecurityException e) {
            throw new CertificateException("cannot read the CA file " + caFile + ": "
                + e.getMessage(), e);
          }
        }
        d = delegate;
      }
    }
    return d;
  }

  private static final long MAX_CA_FILE_BYTES = 16L * 1024 * 1024;

  /** Checks a CA file up front, so a bad --ca-file fails before any work starts. */
  static void check(Path caFile) throws RegistryException {
    // A FIFO or a device would block or never end: only a regular file of sane size is read.
    if (!Files.isRegularFile(caFile)) {
      throw new RegistryException(RegistryException.Kind.CONFIGURATION, "cannot read the CA file " + caFile
          + ": " + (Files.exists(caFile) ? "not a regular file" : "no such file"));
    }
    try {
      if (Files.size(caFile) > MAX_CA_FILE_BYTES) {
        throw new RegistryException(RegistryException.Kind.CONFIGURATION, "cannot read the CA file " + caFile
            + ": larger than 16 MiB");
      }
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Kind.CONFIGURATION, "cannot read the CA file " + caFile
          + ": " + e.getMessage(), e);
    }
    try (InputStream pem = Files.newInputStream(caFile)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(pem).isEmpty()) {
        throw new CertificateException("no PEM certificate in it");
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new RegistryException(RegistryException.Kind.CONFIGURATION, "cannot read the CA file " + caFile
          + ": " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager load(Path caFile)
      throws IOException, GeneralSecurityException {
    TrustManagerFactory jdk =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    if (caFile == null) {
      return first(jdk.getTrustManagers());
    }
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    int n = 0;
    for (X509Certificate cert : first(jdk.getTrustManagers()).getAcceptedIssuers()) {
      trusted.setCertificateEntry("jdk-" + n++, cert);
    }
    try (InputStream pem = Files.newInputStream(caFile)) {
      var certs = CertificateFactory.getInstance("X.509").generateCertificates(pem);
      if (certs.isEmpty()) {
        throw new CertificateException("no PEM certificate in it");
      }
      for (Certificate cert : certs) {
        trusted.setCertificateEntry("ca-file-" + n++, cert);
      }
    }
    TrustManagerFactory withCaFile =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    withCaFile.init(trusted);
    return first(withCaFile.getTrustManagers());
  }

  private static X509ExtendedTrustManager first(TrustManager[] managers) {
    for (TrustManager m : managers) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    try {
      return delegate().getAcceptedIssuers();
    } catch (CertificateException e) {
      return new X509Certificate[0];
    }
  }
}
