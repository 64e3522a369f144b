package dev.mirror.registry;

import java.net.URI;
import java.util.Locale;

/**
 * Where a request goes, as far as trust is concerned: scheme, host and port (the scheme's default
 * when the URL names none). A registry's credentials go to its own origin only, so
 * {@code https://r.example} and {@code http://r.example} (port 80) are two origins.
 */
record Origin(String scheme, String host, int port) {
  /** The origin of an absolute http or https URL; anything else is refused. */
  static Origin of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("an URL without a host");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
  }

  boolean isPlainHttp() {
    return scheme.equals("http");
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
