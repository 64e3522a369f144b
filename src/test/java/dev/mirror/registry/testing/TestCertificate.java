package dev.mirror.registry.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed RSA certificate for 127.0.0.1 and localhost, made with openssl, with its PEM files
 * on disk (for the registry's config) and the parsed certificate and key (for Java clients and for
 * signing tokens).
 */
public record TestCertificate(
    Path certificatePath, Path privateKeyPath, X509Certificate certificate, PrivateKey privateKey) {

  /** Generates a new key and certificate into {@code dir} as NAME.crt and NAME.key. */
  public static TestCertificate generate(Path dir, String name) {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    // The subjectAltName matters: Go and Java both ignore the CN when checking a host name.
    ExternalCommand.run(dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-days", "7",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
    return load(cert, key);
  }

  /**
   * One certificate for the whole JVM: RSA key generation is the slow part of starting a TLS
   * registry or a token server, and sharing an immutable certificate couples no tests.
   */
  public static TestCertificate shared() {
    return Shared.INSTANCE;
  }

  /** Reads a PEM certificate and an unencrypted PKCS#8 PEM key (openssl 3's default). */
  public static TestCertificate load(Path certificatePath, Path privateKeyPath) {
    try {
      X509Certificate cert;
      try (var in = new ByteArrayInputStream(Files.readAllBytes(certificatePath))) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      String pem = Files.readString(privateKeyPath);
      if (!pem.contains("BEGIN PRIVATE KEY")) {
        throw new IllegalArgumentException(privateKeyPath + " is not an unencrypted PKCS#8 key");
      }
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      PrivateKey key = KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      return new TestCertificate(certificatePath, privateKeyPath, cert, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + certificatePath + " / " + privateKeyPath, e);
    }
  }

  /** The DER encoding in standard base64, as a JWS {@code x5c} entry wants it. */
  public String derBase64() {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context that trusts this certificate and nothing else. */
  public SSLContext sslContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("test", certificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Shared {
    static final TestCertificate INSTANCE = create();

    private static TestCertificate create() {
      TempDirectory dir = TempDirectory.create("mirror-test-cert-");
      Runtime.getRuntime().addShutdownHook(new Thread(dir::close));
      return generate(dir.path(), "shared");
    }
  }
}
