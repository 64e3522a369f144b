package dev.mirror.registry;

import java.net.http.HttpRequest.BodyPublisher;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to a registry, before auth: the method, a {@code /v2/...} path or an absolute URL
 * the registry gave (an upload location), headers, a body, and the scopes its token needs.
 *
 * @param body a fresh publisher per attempt, or null for no body
 * @param replayable whether the transport may send it again on a transient failure (false for a
 *     streamed blob: its caller starts the whole transfer over instead)
 */
record RegistryRequest(String method, String target, Map<String, String> headers,
    Supplier<BodyPublisher> body, List<String> scopes, boolean replayable) {
  RegistryRequest {
    headers = Map.copyOf(headers);
    scopes = List.copyOf(scopes);
  }

  static RegistryRequest of(String method, String target, List<String> scopes) {
    return new RegistryRequest(method, target, Map.of(), null, scopes, true);
  }

  RegistryRequest withHeader(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new RegistryRequest(method, target, more, body, scopes, replayable);
  }

  RegistryRequest withBody(Supplier<BodyPublisher> publisher, boolean canReplay) {
    return new RegistryRequest(method, target, headers, publisher, scopes, canReplay);
  }

  RegistryRequest withTarget(String newTarget) {
    return new RegistryRequest(method, newTarget, headers, body, scopes, replayable);
  }
}
