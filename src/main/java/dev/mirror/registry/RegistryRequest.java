package dev.mirror.registry;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to a registry, before auth: the method, a {@code /v2/...} path or an absolute URL
 * the registry gave (an upload location), headers, a body, and the scopes its token needs.
 *
 * @param target the path or URL as given, which messages name
 * @param url where it goes: null until the scheme layer resolves the target against the
 *     registry's base (and for a redirect, the next hop)
 * @param body a fresh publisher per attempt, or null for no body
 * @param replayable whether the transport may send it again on a transient failure (false for a
 *     streamed blob: its caller starts the whole transfer over instead)
 * @param readLimit 0 to hand back a 200 reply's body as a stream; else read it whole (at most
 *     this many bytes and one more, so a caller can tell it was longer) as part of the attempt,
 *     so that a body that stalls or is cut short is tried again like a reply that never came
 */
record RegistryRequest(String method, String target, URI url, Map<String, String> headers,
    Supplier<BodyPublisher> body, List<String> scopes, boolean replayable, int readLimit) {
  RegistryRequest {
    headers = Map.copyOf(headers);
    scopes = List.copyOf(scopes);
  }

  static RegistryRequest of(String method, String target, List<String> scopes) {
    return new RegistryRequest(method, target, null, Map.of(), null, scopes, true, 0);
  }

  RegistryRequest withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new RegistryRequest(method, target, url, more, body, scopes, replayable, readLimit);
  }

  RegistryRequest withBody(Supplier<BodyPublisher> publisher, boolean canReplay) {
    return new RegistryRequest(method, target, url, headers, publisher, scopes, canReplay,
        readLimit);
  }

  /** Reads a 200 reply's body whole, up to {@code limit} bytes and one more. */
  RegistryRequest readingBody(int limit) {
    return new RegistryRequest(method, target, url, headers, body, scopes, replayable, limit);
  }

  /** The request bound for {@code next}: a resolved target, or a redirect's. */
  RegistryRequest to(String newTarget, URI next) {
    return new RegistryRequest(method, newTarget, next, headers, body, scopes, replayable,
        readLimit);
  }

  /** Whether it changes the registry (pushes or uploads), as against reading it. */
  boolean writes() {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /** The target without its query (upload locations carry state there), for messages. */
  String shownTarget() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }
}
