/**
 * The OCI distribution client: what mirror says to registries, and nothing about targets.
 *
 * <p>{@link dev.mirror.registry.Registries} holds the run's one {@code java.net.http} client and
 * a {@link dev.mirror.registry.RegistryClient} per registry host. Each client's
 * {@code RegistryTransport} is a stack of layers with one job each, in the manner of
 * go-containerregistry's {@code transport} package: {@code Pinger} (the scheme, chosen by a ping
 * of {@code /v2/}, and targets resolved on it), {@code Redirects}, {@code Authenticator} (the
 * challenge, basic credentials, {@code BearerTokens}, one renewal on a 401), {@code Retrying}
 * (the one retry loop, {@link dev.mirror.registry.RetryPolicy#run}, for replayable requests),
 * and underneath {@code TimedHttp}, which puts a deadline on every wait (the stall limit: for a
 * reply's head after the request's last byte, and between two reads of a body, through
 * {@code StallWatchdog}).
 *
 * <p>Manifests are addressed by a typed {@link dev.mirror.registry.Reference}, by digest or by
 * tag. Failures are {@link dev.mirror.registry.RegistryException}s with a kind (not found,
 * denied, transient, digest mismatch, ...), the HTTP status and the registry's error code:
 * callers decide by those, never by the message.
 *
 * <ul>
 *   <li>Manifests are {@link dev.mirror.registry.Manifest}s: the bytes received, their media
 *       type and the sha256 of those bytes. Parsing only reads (Jackson); pushes send the same
 *       bytes, so digests survive pretty-printing, annotations and key order.
 *   <li>Blobs are streams; the caller verifies them while they pass.
 *   <li>Auth: the first request to a registry is {@code GET /v2/}, whose challenge says basic or
 *       bearer. Bearer tokens are fetched per scope (pull; pull,push; plus pull on a mount
 *       source), once however many threads ask, and renewed on expiry or 401. Credentials come
 *       from the docker config ({@code CredentialSource}, helpers through
 *       {@code CredentialHelper}) and go only to the registry's own {@code Origin} (scheme, host
 *       and port, checked on every URL requested) or the realm it names, over TLS, or in the
 *       clear only to loopback and {@code --insecure-registry} hosts.
 *   <li>Transient failures (no reply, 5xx, 429) are retried with backoff and jitter, waiting what
 *       Retry-After asks; so are stalled replies and bodies read whole (manifests, tokens) that
 *       stall or are cut short. Streamed uploads are not replayed here: the copy engine starts
 *       them over with a new upload, through the same {@code RetryPolicy.run}.
 * </ul>
 *
 * <p>Jib Core parses references and holds credentials; its own registry client is not used: it
 * cannot hand back a manifest's raw bytes and re-serialises manifests on push. Nor is its
 * docker-config reader: it runs helpers with the JVM's own PATH and environment, without a
 * deadline, and quotes the file and the helpers' output in its messages.
 */
package dev.mirror.registry;
