package dev.mirror.registry.testing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as {@link RegistryProxy} saw it arrive, before any rewriting.
 *
 * @param connection which client connection it came on (numbered from 1 per listener): equal
 *     numbers mean the client kept the connection alive
 * @param method the request method
 * @param target path and query, as sent
 * @param headers the request's header fields (lookups ignore case)
 * @param status the status answered: injected, or the upstream's
 * @param fault the fault applied, or {@code null} when it passed through
 */
public record RecordedRequest(int connection, String method, String target,
    Map<String, List<String>> headers, int status, Fault fault) {

  public RecordedRequest {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = Collections.unmodifiableMap(copy);
  }

  /** The target without its query. */
  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  public boolean hasAuthorization() {
    return headers.containsKey("Authorization");
  }

  /** The first value of a header, or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public String toString() {
    return "#" + connection + " " + method + " " + target + " -> " + status
        + (fault == null ? "" : " (" + fault + ")")
        + (hasAuthorization() ? " [auth]" : "");
  }
}
