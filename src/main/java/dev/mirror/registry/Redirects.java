package dev.mirror.registry;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * The redirect layer: follows a GET's or HEAD's redirects (blob storage, mostly), at most five,
 * to http and https URLs only, each hop sent through the layers below, so the auth layer judges
 * every URL requested on its own.
 */
final class Redirects implements Exchange {
  private static final int MAX_REDIRECTS = 5;

  private final String registry;
  private final Exchange next;

  Redirects(String registry, Exchange next) {
    this.registry = registry;
    this.next = next;
  }

  @Override
  public HttpResponse<InputStream> send(RegistryRequest request) throws RegistryException {
    RegistryRequest current = request;
    for (int redirects = 0; ; redirects++) {
      HttpResponse<InputStream> response = next.send(current);
      int status = response.statusCode();
      boolean redirect = status == 301 || status == 302 || status == 303 || status == 307
          || status == 308;
      if (!redirect || !(current.method().equals("GET") || current.method().equals("HEAD"))) {
        return response;
      }
      String location = response.headers().firstValue("Location").orElse(null);
      TimedHttp.finish(response);
      if (location == null || redirects >= MAX_REDIRECTS) {
        throw new RegistryException(RegistryException.Kind.PROTOCOL, registry + ": "
            + (location == null ? "a redirect without a Location" : "too many redirects")
            + " for " + current.shownTarget());
      }
      URI hop = follow(registry, current.url(), location, "redirected to");
      current = current.to(hop.toString(), hop);
    }
  }

  /**
   * A Location the registry sent (a redirect's, an upload's), resolved against the URL it
   * answered; only http and https URLs are followed.
   */
  static URI follow(String registry, URI from, String location, String how)
      throws RegistryException {
    try {
      URI next = from.resolve(location);
      Origin.of(next);
      return next;
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Kind.PROTOCOL, registry + ": " + how + " \""
          + ErrorReply.printable(location) + "\", which is not an http or https URL; not followed");
    }
  }
}
