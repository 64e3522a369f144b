package dev.mirror.registry.testing;

import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Something that speaks the registry API at a base URI: a {@link LocalRegistry} or a proxy. */
public interface RegistryEndpoint {
  /** {@code http://127.0.0.1:PORT} or {@code https://...}, without a trailing slash. */
  URI baseUri();

  /** {@code 127.0.0.1:PORT}, as an image reference or skopeo wants it. */
  default String host() {
    return baseUri().getRawAuthority();
  }

  /** The TLS context that trusts this endpoint's certificate, if it speaks https. */
  default Optional<SSLContext> sslContext() {
    return Optional.empty();
  }
}
