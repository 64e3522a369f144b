/**
 * Test infrastructure for registry and copy-engine integration tests: real registries, no fakes.
 *
 * <ul>
 *   <li>{@link dev.mirror.registry.testing.LocalRegistry}: a CNCF Distribution 2.8 process
 *       ({@code docker-registry serve}) on a free loopback port with its own storage; optional
 *       basic auth, token auth, TLS and access log. Starts in ~50 ms; one per test class.
 *   <li>{@link dev.mirror.registry.testing.TokenServer}: the bearer-token endpoint Distribution
 *       lacks (GET flow and OAuth2 POST), with per-user grants and request counting.
 *   <li>{@link dev.mirror.registry.testing.RegistryProxy}: a recording HTTP/1.1 proxy that
 *       injects {@link dev.mirror.registry.testing.Fault}s (429, 503, mid-body reset, redirect to
 *       another host), streaming bodies of any size.
 *   <li>{@link dev.mirror.registry.testing.TestImages}: pushes random images of every kind the
 *       mirror must copy and returns a {@link dev.mirror.registry.testing.PushedImage}; also
 *       reads manifests, tags and blobs back. {@link dev.mirror.registry.testing.Skopeo} checks
 *       with the reference tool.
 *   <li>{@link dev.mirror.registry.testing.ReferrersApi}: a proxy that adds the OCI 1.1 referrers
 *       API ({@code GET /v2/<name>/referrers/<digest>}, {@code OCI-Subject} on PUT) to a
 *       Distribution 2.8, which answers that path 404; it lists what was pushed through it.
 *   <li>{@link dev.mirror.registry.testing.TestArtifacts}: pushes cosign signatures and
 *       attestations (tag scheme or referrer), SPDX SBOMs as OCI 1.1 artifacts, and the referrers
 *       tag schema's fallback index, each a {@link dev.mirror.registry.testing.PushedArtifact}.
 * </ul>
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * static TokenServer tokens;
 * static LocalRegistry source;
 * static RegistryProxy proxy;
 *
 * @BeforeAll static void start() {
 *   tokens = TokenServer.builder()
 *       .user("reader", "pw", "pull").user("writer", "pw", "pull", "push").start();
 *   source = LocalRegistry.builder().tokenAuth(tokens).start();
 *   proxy = RegistryProxy.start(LocalRegistry.start());        // a plain target behind a proxy
 * }
 * @AfterAll static void stop() { proxy.close(); source.close(); tokens.close(); }
 *
 * @Test void copiesAnIndexDespiteA429() {
 *   PushedImage image =
 *       new TestImages(source, Credentials.basic("writer", "pw")).pushOciIndex("app", "v1");
 *   FaultRule rule = proxy.inject("PUT", "/v2/.+/manifests/.+", Fault.tooManyRequests(1), 1);
 *   // ... copy source.host() + "/app:v1" to proxy.host() + "/app:v1" with the code under test ...
 *   assertEquals(1, rule.fired());
 *   assertEquals(image.digest(), TestImages.tagDigest(proxy, "app", "v1").orElseThrow());
 * }
 * }</pre>
 *
 * <p>What Distribution 2.8 does that tests run into:
 *
 * <ul>
 *   <li>A token lacking an action is answered 401 with {@code error="insufficient_scope"} in the
 *       challenge, not 403; a blob upload needs both pull and push.
 *   <li>It accepts a token up to 60 s past its {@code exp}; {@link
 *       dev.mirror.registry.testing.TokenServer.Builder#compensateRegistryLeeway()} backdates
 *       {@code exp} so expiry tests need not wait a minute.
 *   <li>It refuses every manifest with {@code urls} (foreign layers) unless
 *       {@code validation.manifests.urls.allow} is set; LocalRegistry allows {@code ^https?://}.
 *   <li>Access log lines are written after the response is sent: use {@link
 *       dev.mirror.registry.testing.LocalRegistry#awaitLog}.
 * </ul>
 *
 * <p>Needs {@code docker-registry}, {@code skopeo}, {@code htpasswd} (apache2-utils) and
 * {@code openssl} on the PATH; .ci/run installs them.
 */
package dev.mirror.registry.testing;
