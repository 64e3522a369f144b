package dev.mirror.registry;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.function.Predicate;

/**
 * All HTTP to one registry, as a stack of layers with one job each, top to bottom:
 *
 * <ol>
 *   <li>{@link Pinger}: the scheme, chosen by a ping of {@code /v2/} before the first request;
 *       targets resolved to URLs on it;
 *   <li>{@link Redirects}: a GET's or HEAD's redirects followed, hop by hop;
 *   <li>{@link Authenticator}: Authorization for the registry's own origin only, checked on
 *       every URL requested; one renewal on a 401;
 *   <li>{@link Retrying}: replayable requests tried again on no reply, stalls and transient
 *       statuses;
 *   <li>{@link TimedHttp}: a deadline on every wait.
 * </ol>
 *
 * Responses come back with their body as a stream, or read whole where the request asks.
 */
final class RegistryTransport implements Exchange {
  private final String registry;
  private final Exchange layers;

  /**
   * @param mayUsePlainHttp the origins credentials may go to in the clear
   * @param plainHttpAllowed whether this registry may be spoken to over http, when TLS fails
   * @param preferPlainHttp whether to try http before https (a loopback registry)
   */
  RegistryTransport(String registry, TimedHttp http, CredentialSource credentials,
      RetryPolicy retry, Predicate<Origin> mayUsePlainHttp, boolean plainHttpAllowed,
      boolean preferPlainHttp) {
    this.registry = registry;
    Retrying retrying = new Retrying(registry, http, retry);
    Authenticator auth =
        new Authenticator(registry, retrying, retrying, retry, credentials, mayUsePlainHttp);
    this.layers = new Pinger(registry, retrying, retry, auth, plainHttpAllowed, preferPlainHttp,
        new Redirects(registry, auth));
  }

  String registry() {
    return registry;
  }

  /**
   * Sends a request and returns the reply, whatever its status, once auth and retries are done.
   * The caller closes the body.
   */
  @Override
  public HttpResponse<InputStream> send(RegistryRequest request) throws RegistryException {
    return layers.send(request);
  }
}
