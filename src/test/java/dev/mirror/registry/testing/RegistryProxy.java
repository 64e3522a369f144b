package dev.mirror.registry.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A recording, fault-injecting HTTP/1.1 reverse proxy in front of a plain-HTTP registry, on a free
 * loopback port. It works on raw sockets rather than the JDK's HttpServer so that it can stream
 * bodies of any size both ways, keep connections alive, and reset a connection in the middle of a
 * body. A second listener plays "another host" for redirected blob downloads.
 *
 * <p>Each client connection gets its own upstream connection; requests on it are handled one at a
 * time. A request body is sent upstream in full before the answer is read, so an upstream that
 * answers early and closes (Go does so for a large unread body) shows as a closed connection.
 * The Host header is set to the upstream's and upstream Location headers are rewritten to the
 * proxy, so upload sessions keep going through it.
 */
public final class RegistryProxy implements RegistryEndpoint, AutoCloseable {
  private static final String TICKET = "proxy-ticket";

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket proxyListener;
  private final ServerSocket otherHostListener;
  private final ExecutorService threads;
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> otherHostRequests = new CopyOnWriteArrayList<>();
  private final List<FaultRule> faults = new CopyOnWriteArrayList<>();
  /** Redirect tickets, each standing for the credentials of the request that was redirected. */
  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final AtomicInteger proxyConnections = new AtomicInteger();
  private final AtomicInteger otherHostConnections = new AtomicInteger();
  private final Extension extension;
  private volatile boolean closed;

  /**
   * API added in front of the upstream, such as {@link ReferrersApi}: it answers some requests
   * itself, after upstream has said whether the client may make them, and it sees the whole
   * body of some requests and may add header fields to upstream's answer to them.
   */
  interface Extension {
    /**
     * For a request the extension answers itself: the path of a HEAD request upstream answers in
     * its place, so that upstream decides on access (its 401 or 403 is passed on); {@code null}
     * to forward the request as usual.
     */
    String accessProbe(String method, String path);

    /** The answer to a request {@link #accessProbe} claimed, once upstream allowed it. */
    LocalAnswer answer(String method, String target);

    /** Whether this request's body is read whole and shown to {@link #answered}. */
    boolean watches(String method, String path);

    /** Header fields to add to upstream's answer to a watched request. */
    Map<String, String> answered(String method, String path, Map<String, List<String>> headers,
        byte[] body, int status);
  }

  /** An answer made by an {@link Extension}. */
  record LocalAnswer(int status, String reason, Map<String, String> headers, String body) {}

  private RegistryProxy(RegistryEndpoint upstream) throws IOException {
    this(upstream, null);
  }

  private RegistryProxy(RegistryEndpoint upstream, Extension extension) throws IOException {
    this.extension = extension;
    if (!upstream.baseUri().getScheme().equals("http")) {
      throw new IllegalArgumentException("the proxy speaks plain HTTP only: " + upstream.baseUri());
    }
    upstreamHost = upstream.baseUri().getHost();
    upstreamPort = upstream.baseUri().getPort();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    proxyListener = new ServerSocket(0, 50, loopback);
    otherHostListener = new ServerSocket(0, 50, loopback);
    threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "registry-proxy");
      thread.setDaemon(true);
      return thread;
    });
    threads.execute(() -> accept(proxyListener, false));
    threads.execute(() -> accept(otherHostListener, true));
  }

  /** Starts a proxy in front of {@code upstream}, which must speak plain HTTP. */
  public static RegistryProxy start(RegistryEndpoint upstream) {
    return start(upstream, null);
  }

  /** A proxy whose {@code extension} adds API the upstream lacks. */
  static RegistryProxy start(RegistryEndpoint upstream, Extension extension) {
    try {
      return new RegistryProxy(upstream, extension);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + proxyListener.getLocalPort());
  }

  /** The redirect target, {@code localhost:PORT}: another host name and port than the proxy's. */
  public String otherHost() {
    return "localhost:" + otherHostListener.getLocalPort();
  }

  /** Requests that reached the proxy, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Requests that followed a redirect to {@link #otherHost()}. */
  public List<RecordedRequest> otherHostRequests() {
    return List.copyOf(otherHostRequests);
  }

  /** How many requests reached the proxy with this method ({@code *}: any) and a matching path. */
  public long count(String method, String pathRegex) {
    Pattern path = Pattern.compile(pathRegex);
    return requests.stream()
        .filter(r -> method.equals("*") || r.method().equalsIgnoreCase(method))
        .filter(r -> path.matcher(r.path()).matches())
        .count();
  }

  /** Forgets recorded requests (both listeners); faults stay. */
  public void reset() {
    requests.clear();
    otherHostRequests.clear();
  }

  /**
   * Fails the next {@code times} requests whose method ({@code *}: any) and path (without query,
   * whole-match regex) match; the earliest added rule that matches applies.
   */
  public FaultRule inject(String method, String pathRegex, Fault fault, int times) {
    FaultRule rule = new FaultRule(method, pathRegex, fault, times);
    faults.add(rule);
    return rule;
  }

  public void clearFaults() {
    faults.clear();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(proxyListener);
    closeQuietly(otherHostListener);
    open.forEach(RegistryProxy::closeQuietly);
    threads.shutdownNow();
  }

  private void accept(ServerSocket listener, boolean otherHost) {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(client);
      threads.execute(() -> {
        try (client) {
          new Exchange(client, otherHost).serve();
        } catch (IOException | RuntimeException e) {
          // A client or upstream that went away ends only its own connection.
        } finally {
          open.remove(client);
        }
      });
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** The request/response loop of one client connection, with its own upstream connection. */
  private final class Exchange {
    private final Socket client;
    private final boolean otherHost;
    private final int number;
    private final InputStream clientIn;
    private final OutputStream clientOut;
    private Upstream upstream;

    Exchange(Socket client, boolean otherHost) throws IOException {
      this.client = client;
      this.otherHost = otherHost;
      this.number = (otherHost ? otherHostConnections : proxyConnections).incrementAndGet();
      client.setTcpNoDelay(true);
      this.clientIn = new BufferedInputStream(client.getInputStream(), 64 * 1024);
      this.clientOut = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
    }

    void serve() throws IOException {
      try {
        HttpHead request;
        while ((request = HttpHead.read(clientIn)) != null) {
          if (!handle(request)) {
            return;
          }
        }
      } finally {
        if (upstream != null) {
          upstream.close();
        }
      }
    }

    /** What the handling of one request needs to know about it, read before any rewriting. */
    private record Incoming(String method, String target, String path,
        Map<String, List<String>> headers, String authorization, MessageBody body,
        boolean keepAlive, boolean expectsContinue) {

      static Incoming of(HttpHead request) throws IOException {
        String target = request.part(1);
        int query = target.indexOf('?');
        return new Incoming(request.part(0), target, query < 0 ? target : target.substring(0, query),
            request.toMap(), request.first("Authorization"), MessageBody.ofRequest(request),
            !request.hasToken("Connection", "close") && !request.part(2).equals("HTTP/1.0"),
            request.hasToken("Expect", "100-continue"));
      }
    }

    /** Answers one request; false when the client connection must close afterwards. */
    private boolean handle(HttpHead request) throws IOException {
      Incoming incoming = Incoming.of(request);
      if (otherHost) {
        return serveAsOtherHost(request, incoming);
      }
      Fault fault = takeFault(incoming.method(), incoming.path());
      if (fault == null || fault instanceof Fault.ResetMidBody
          || fault instanceof Fault.StallMidBody || fault instanceof Fault.WrongLength) {
        String probe = extension == null ? null
            : extension.accessProbe(incoming.method(), incoming.path());
        if (probe != null) {
          return answerByExtension(request, incoming, probe);
        }
        if (extension != null && extension.watches(incoming.method(), incoming.path())) {
          return forward(request, incoming, fault, requests, true);
        }
        return forward(request, incoming, fault, requests);
      }
      return answerFault(incoming, fault);
    }

    /**
     * Asks upstream {@code HEAD probe} with the client's credentials: a refusal (401 with its
     * challenge, 403, or an error) is passed on; otherwise the extension answers.
     */
    private boolean answerByExtension(HttpHead request, Incoming incoming, String probe)
        throws IOException {
      // The client's body, if any, stays unread until answerHere drains it.
      request.startLine("HEAD " + probe + " HTTP/1.1");
      request.set("Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
      request.remove("Content-Length").remove("Transfer-Encoding").remove("Expect");
      request.removeHopByHop();
      request.set("Host", upstreamHost + ":" + upstreamPort);
      HttpHead probed;
      try {
        probed = exchangeWithUpstream(request, MessageBody.NONE, null);
      } catch (ConnectException e) {
        record(requests, incoming, 502, null);
        return answerHere(incoming, 502, "Bad Gateway", Map.of(),
            errorJson("UNAVAILABLE", "upstream refused the connection"));
      }
      if (probed == null) {
        return false;
      }
      if (probed.hasToken("Connection", "close")) {
        upstream.close();
        upstream = null;
      }
      int status = probed.status();
      if (status / 100 != 2 && status != 404) {
        record(requests, incoming, status, null);
        String challenge = probed.first("WWW-Authenticate");
        String code = status == 401 ? "UNAUTHORIZED" : status == 403 ? "DENIED" : "UNKNOWN";
        return answerHere(incoming, status, probed.part(2),
            challenge == null ? Map.of() : Map.of("WWW-Authenticate", challenge),
            errorJson(code, "upstream refused HEAD " + probe));
      }
      LocalAnswer answer = extension.answer(incoming.method(), incoming.target());
      record(requests, incoming, answer.status(), null);
      return answerHere(incoming, answer.status(), answer.reason(), answer.headers(),
          answer.body());
    }

    /** Injected answers that never reach upstream. */
    private boolean answerFault(Incoming incoming, Fault fault) throws IOException {
      if (fault instanceof Fault.TooManyRequests tooMany) {
        record(requests, incoming, 429, fault);
        return answerHere(incoming, 429, "Too Many Requests",
            Map.of("Retry-After", Integer.toString(tooMany.retryAfterSeconds())),
            errorJson("TOOMANYREQUESTS", "rate limit injected by RegistryProxy"));
      }
      if (fault instanceof Fault.Forbidden) {
        record(requests, incoming, 403, fault);
        return answerHere(incoming, 403, "Forbidden", Map.of(),
            errorJson("DENIED", "requested access to the resource is denied"));
      }
      if (fault instanceof Fault.ServiceUnavailable) {
        record(requests, incoming, 503, fault);
        return answerHere(incoming, 503, "Service Unavailable", Map.of(),
            errorJson("UNAVAILABLE", "outage injected by RegistryProxy"));
      }
      if (fault instanceof Fault.RedirectToOtherHost redirect) {
        String ticket = UUID.randomUUID().toString();
        tickets.put(ticket, new Ticket(incoming.authorization(), redirect.rejectAuthorization()));
        String target = incoming.target();
        String location = "http://" + otherHost() + target
            + (target.contains("?") ? "&" : "?") + TICKET + "=" + ticket;
        record(requests, incoming, 307, fault);
        return answerHere(incoming, 307, "Temporary Redirect", Map.of("Location", location), "");
      }
      throw new IllegalStateException("unhandled fault " + fault);
    }

    /**
     * The redirect target: refuses an Authorization header if the ticket says so (as S3 does
     * with a signed URL), else fetches from upstream with the credentials the ticket carries.
     */
    private boolean serveAsOtherHost(HttpHead request, Incoming incoming) throws IOException {
      Ticket ticket = tickets.get(String.valueOf(queryParam(incoming.target(), TICKET)));
      if (incoming.authorization() != null && ticket != null && ticket.rejectAuthorization()) {
        record(otherHostRequests, incoming, 400, null);
        return answerHere(incoming, 400, "Bad Request", Map.of(),
            errorJson("INVALID_ARGUMENT", "Only one auth mechanism allowed"));
      }
      request.startLine(incoming.method() + " " + withoutParam(incoming.target(), TICKET)
          + " HTTP/1.1");
      request.remove("Authorization");
      if (ticket != null && ticket.authorization() != null) {
        request.set("Authorization", ticket.authorization());
      }
      return forward(request, incoming, null, otherHostRequests);
    }

    private boolean forward(HttpHead request, Incoming incoming, Fault fault,
        List<RecordedRequest> log) throws IOException {
      return forward(request, incoming, fault, log, false);
    }

    /**
     * Passes the request upstream and streams the answer back (or part of it, for a reset).
     * {@code watched}: the request body is read whole first, sent on with a Content-Length, and
     * shown with upstream's status to the extension, whose header fields join the answer.
     */
    private boolean forward(HttpHead request, Incoming incoming, Fault fault,
        List<RecordedRequest> log, boolean watched) throws IOException {
      // Expect is answered here so the client sends its body at once.
      if (incoming.expectsContinue()) {
        clientOut.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        clientOut.flush();
        request.remove("Expect");
      }
      MessageBody body = incoming.body();
      byte[] content = null;
      if (watched) {
        content = body.readContent(clientIn);
        request.remove("Transfer-Encoding");
        request.set("Content-Length", Integer.toString(content.length));
        body = content.length == 0 ? MessageBody.NONE
            : new MessageBody(MessageBody.Kind.LENGTH, content.length);
      }
      request.removeHopByHop();
      request.set("Host", upstreamHost + ":" + upstreamPort);
      HttpHead response;
      try {
        response = exchangeWithUpstream(request, body, content);
      } catch (ConnectException e) {
        record(log, incoming, 502, fault);
        return answerHere(incoming, 502, "Bad Gateway", Map.of(),
            errorJson("UNAVAILABLE", "upstream refused the connection"));
      }
      if (response == null) {
        return false; // upstream closed without answering; so does the proxy
      }
      MessageBody responseBody = MessageBody.ofResponse(response, incoming.method());
      boolean upstreamKeepsAlive = !response.hasToken("Connection", "close")
          && responseBody.kind() != MessageBody.Kind.UNTIL_CLOSE;
      response.removeHopByHop();
      rewriteLocation(response);
      if (watched) {
        extension.answered(incoming.method(), incoming.path(), incoming.headers(), content,
            response.status()).forEach(response::set);
      }
      // Recorded before the client can see the answer, so a test that asserts right after its
      // request returned finds it.
      record(log, incoming, response.status(), fault);

      if (fault instanceof Fault.ResetMidBody reset) {
        sendPartThenReset(response, responseBody, reset.bodyBytes());
        return false;
      }
      if (fault instanceof Fault.StallMidBody stall) {
        sendPartThenStall(response, responseBody, stall.bodyBytes());
        return false;
      }
      if (fault instanceof Fault.WrongLength wrong) {
        sendWithWrongLength(response, responseBody, wrong.delta());
        return false;
      }
      boolean keepAlive = incoming.keepAlive()
          && responseBody.kind() != MessageBody.Kind.UNTIL_CLOSE;
      if (!keepAlive) {
        response.set("Connection", "close");
      }
      clientOut.write(response.bytes());
      responseBody.copy(upstream.in, clientOut);
      clientOut.flush();
      if (!upstreamKeepsAlive) {
        upstream.close();
        upstream = null;
      }
      return keepAlive;
    }

    private void record(List<RecordedRequest> log, Incoming incoming, int status, Fault fault) {
      log.add(new RecordedRequest(number, incoming.method(), incoming.target(),
          incoming.headers(), status, fault));
    }

    /**
     * Sends the request (and its body: from the client, or {@code buffered} if it was read
     * already) upstream and reads the answer's head, 1xx skipped; null if upstream closed
     * without answering.
     */
    private HttpHead exchangeWithUpstream(HttpHead request, MessageBody body, byte[] buffered)
        throws IOException {
      boolean reused = upstream != null;
      // A kept-alive upstream connection may have closed meanwhile: once more on a new one,
      // which is safe only if no body was taken from the client on the way.
      boolean repeatable = body.kind() == MessageBody.Kind.NONE || buffered != null;
      try {
        HttpHead response = sendUpstream(request, body, buffered);
        if (response != null || !reused || !repeatable) {
          return response;
        }
      } catch (SocketException e) {
        if (upstream != null) {
          upstream.close();
          upstream = null;
        }
        if (e instanceof ConnectException || !reused || !repeatable) {
          throw e;
        }
      }
      return sendUpstream(request, body, buffered);
    }

    private HttpHead sendUpstream(HttpHead request, MessageBody body, byte[] buffered)
        throws IOException {
      if (upstream == null) {
        upstream = new Upstream();
      }
      upstream.out.write(request.bytes());
      body.copy(buffered == null ? clientIn : new ByteArrayInputStream(buffered), upstream.out);
      upstream.out.flush();
      HttpHead response = readFinalHead(upstream.in);
      if (response == null) {
        upstream.close();
        upstream = null;
      }
      return response;
    }

    private HttpHead readFinalHead(InputStream in) throws IOException {
      HttpHead head = HttpHead.read(in);
      while (head != null && head.status() / 100 == 1) {
        head = HttpHead.read(in);
      }
      return head;
    }

    /**
     * Answers without asking upstream, after draining the request body so the connection can
     * carry the next request. A client waiting for 100 Continue has not sent its body: answer
     * and close instead.
     */
    private boolean answerHere(Incoming incoming, int status, String reason,
        Map<String, String> extraHeaders, String body) throws IOException {
      boolean bodyWithheld = incoming.expectsContinue()
          && incoming.body().kind() != MessageBody.Kind.NONE;
      if (!bodyWithheld) {
        incoming.body().copy(clientIn, OutputStream.nullOutputStream());
      }
      boolean keepAlive = incoming.keepAlive() && !bodyWithheld;
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      HttpHead response = HttpHead.of("HTTP/1.1 " + status + " " + reason)
          .set("Content-Type", "application/json")
          .set("Content-Length", Integer.toString(bytes.length))
          .set("Docker-Distribution-Api-Version", "registry/2.0");
      extraHeaders.forEach(response::set);
      if (!keepAlive) {
        response.set("Connection", "close");
      }
      clientOut.write(response.bytes());
      clientOut.write(bytes);
      clientOut.flush();
      return keepAlive;
    }

    /** The head and part of the body, then RST: SO_LINGER 0 makes close() abort. */
    private void sendPartThenReset(HttpHead response, MessageBody body, long bodyBytes)
        throws IOException {
      sendPart(response, body, bodyBytes >= 0 ? bodyBytes
          : body.kind() == MessageBody.Kind.LENGTH ? body.length() / 2 : 1024);
      client.setSoLinger(true, 0);
      client.close();
    }

    /** The head and part of the body, then silence until the client (or the proxy) closes. */
    private void sendPartThenStall(HttpHead response, MessageBody body, long bodyBytes)
        throws IOException {
      sendPart(response, body, bodyBytes);
      byte[] sink = new byte[8192];
      while (clientIn.read(sink) >= 0) {
        // silent until the client hangs up
      }
    }

    /**
     * The head and the first {@code cut} bytes of the body (never all of it); an empty body is
     * cut inside the head, so the client never sees a whole answer. Upstream is done with.
     */
    private void sendPart(HttpHead response, MessageBody body, long cut) throws IOException {
      boolean emptyBody = body.kind() == MessageBody.Kind.NONE
          || body.kind() == MessageBody.Kind.LENGTH && body.length() == 0;
      if (body.kind() == MessageBody.Kind.LENGTH) {
        cut = Math.min(cut, body.length() - 1);
      }
      try {
        if (emptyBody) {
          byte[] head = response.bytes();
          clientOut.write(head, 0, head.length / 2);
        } else {
          clientOut.write(response.bytes());
          if (cut > 0) {
            body.copy(upstream.in, new CuttingOutputStream(clientOut, cut));
          }
        }
      } catch (CuttingOutputStream.Cut expected) {
        // the planned end of what is sent
      }
      clientOut.flush();
      upstream.close();
      upstream = null;
    }

    /** The whole body under a Content-Length that is off by {@code delta}, then close. */
    private void sendWithWrongLength(HttpHead response, MessageBody body, long delta)
        throws IOException {
      if (body.kind() != MessageBody.Kind.LENGTH || body.length() == 0) {
        sendPartThenReset(response, body, 0);
        return;
      }
      response.set("Content-Length", Long.toString(Math.max(0, body.length() + delta)));
      clientOut.write(response.bytes());
      body.copy(upstream.in, clientOut);
      clientOut.flush();
      upstream.close();
      upstream = null;
      if (delta > 0) {
        byte[] sink = new byte[8192];
        while (clientIn.read(sink) >= 0) {
          // the client waits for the bytes promised; silent until it hangs up
        }
      }
      client.close();
    }

    private void rewriteLocation(HttpHead response) {
      String location = response.first("Location");
      String upstreamPrefix = "http://" + upstreamHost + ":" + upstreamPort;
      if (location != null && location.startsWith(upstreamPrefix)) {
        response.set("Location", baseUri() + location.substring(upstreamPrefix.length()));
      }
    }
  }

  private Fault takeFault(String method, String path) {
    for (FaultRule rule : faults) {
      if (rule.tryFire(method, path)) {
        return rule.fault();
      }
    }
    return null;
  }

  /** What a redirect URL's ticket stands for: like a signed URL, it carries the access. */
  private record Ticket(String authorization, boolean rejectAuthorization) {}

  /** One keep-alive connection to the registry. */
  private final class Upstream implements Closeable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Upstream() throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5000);
      socket.setTcpNoDelay(true);
      open.add(socket);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    @Override
    public void close() {
      open.remove(socket);
      closeQuietly(socket);
    }
  }

  /** Passes on the first {@code limit} bytes, then throws {@link Cut}. */
  private static final class CuttingOutputStream extends OutputStream {
    static final class Cut extends IOException {
      Cut() {
        super("body cut on purpose");
      }
    }

    private final OutputStream out;
    private long left;

    CuttingOutputStream(OutputStream out, long limit) {
      this.out = out;
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      int n = (int) Math.min(length, left);
      out.write(bytes, offset, n);
      left -= n;
      if (left <= 0) {
        throw new Cut();
      }
    }
  }

  private static String errorJson(String code, String message) {
    return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
  }

  private static String queryParam(String target, String name) {
    int query = target.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String pair : target.substring(query + 1).split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static String withoutParam(String target, String name) {
    int query = target.indexOf('?');
    if (query < 0) {
      return target;
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : target.substring(query + 1).split("&")) {
      if (!pair.startsWith(name + "=")) {
        kept.append(kept.length() == 0 ? "" : "&").append(pair);
      }
    }
    return target.substring(0, query) + (kept.length() == 0 ? "" : "?" + kept);
  }
}
