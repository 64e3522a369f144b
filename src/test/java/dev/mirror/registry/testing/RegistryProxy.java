package dev.mirror.registry.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.regex.Pattern;

/**
 * A recording, fault-injecting HTTP/1.1 reverse proxy in front of a plain-HTTP registry, on a free
 * loopback port. It works on raw sockets rather than the JDK's HttpServer so that it can stream
 * bodies of any size both ways, keep connections alive, and reset a connection in the middle of a
 * body. A second listener plays "another host" for redirected blob downloads.
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
  /** Redirect ticket to the Authorization the redirected request carried (or "" for none). */
  private final Map<String, String> tickets = new ConcurrentHashMap<>();
  private final Map<String, Boolean> ticketRejectsAuthorization = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private RegistryProxy(RegistryEndpoint upstream) throws IOException {
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
    try {
      return new RegistryProxy(upstream);
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
    private final InputStream clientIn;
    private final OutputStream clientOut;
    private Upstream upstream;

    Exchange(Socket client, boolean otherHost) throws IOException {
      this.client = client;
      this.otherHost = otherHost;
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

    /** Answers one request; false when the client connection must close afterwards. */
    private boolean handle(HttpHead request) throws IOException {
      String method = request.part(0);
      String target = request.part(1);
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      Map<String, List<String>> headers = request.toMap();
      MessageBody requestBody = MessageBody.ofRequest(request);
      boolean clientKeepsAlive = !request.hasToken("Connection", "close")
          && !request.part(2).equals("HTTP/1.0");
      boolean expectsContinue = request.hasToken("Expect", "100-continue");
      List<RecordedRequest> log = otherHost ? otherHostRequests : requests;

      String authorization = request.first("Authorization");
      if (otherHost) {
        String ticket = queryParam(target, TICKET);
        if (authorization != null && Boolean.TRUE.equals(ticketRejectsAuthorization.get(ticket))) {
          log.add(new RecordedRequest(method, target, headers, 400, null));
          return replyWithoutUpstream(requestBody, expectsContinue, clientKeepsAlive, 400,
              "Bad Request", Map.of(), "Only one auth mechanism allowed");
        }
        String stored = ticket == null ? null : tickets.get(ticket);
        request.startLine(method + " " + withoutParam(target, TICKET) + " HTTP/1.1");
        request.remove("Authorization");
        if (stored != null && !stored.isEmpty()) {
          request.set("Authorization", stored);
        }
      }

      Fault fault = otherHost ? null : takeFault(method, path);
      if (fault instanceof Fault.TooManyRequests tooMany) {
        log.add(new RecordedRequest(method, target, headers, 429, fault));
        return replyWithoutUpstream(requestBody, expectsContinue, clientKeepsAlive, 429,
            "Too Many Requests", Map.of("Retry-After", Integer.toString(tooMany.retryAfterSeconds())),
            "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"injected by RegistryProxy\"}]}");
      }
      if (fault instanceof Fault.ServiceUnavailable) {
        log.add(new RecordedRequest(method, target, headers, 503, fault));
        return replyWithoutUpstream(requestBody, expectsContinue, clientKeepsAlive, 503,
            "Service Unavailable", Map.of(),
            "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"injected by RegistryProxy\"}]}");
      }
      if (fault instanceof Fault.RedirectToOtherHost redirect) {
        String ticket = UUID.randomUUID().toString();
        tickets.put(ticket, authorization == null ? "" : authorization);
        ticketRejectsAuthorization.put(ticket, redirect.rejectAuthorization());
        String location = "http://" + otherHost() + target
            + (target.contains("?") ? "&" : "?") + TICKET + "=" + ticket;
        log.add(new RecordedRequest(method, target, headers, 307, fault));
        return replyWithoutUpstream(requestBody, expectsContinue, clientKeepsAlive, 307,
            "Temporary Redirect", Map.of("Location", location), "");
      }

      // Through to upstream. Expect is answered here so the client sends its body at once.
      if (expectsContinue) {
        clientOut.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        clientOut.flush();
        request.remove("Expect");
      }
      request.removeHopByHop();
      request.set("Host", upstreamHost + ":" + upstreamPort);
      HttpHead response = exchangeWithUpstream(request, requestBody);
      if (response == null) {
        return false; // upstream failed before answering; the client sees a closed connection
      }
      MessageBody responseBody = MessageBody.ofResponse(response, method);
      boolean upstreamKeepsAlive = !response.hasToken("Connection", "close")
          && responseBody.kind() != MessageBody.Kind.UNTIL_CLOSE;
      response.removeHopByHop();
      rewriteLocation(response);
      log.add(new RecordedRequest(method, target, headers, response.status(), fault));

      if (fault instanceof Fault.ResetMidBody reset) {
        sendPartThenReset(response, responseBody, reset.bodyBytes());
        return false;
      }
      boolean keepAlive = clientKeepsAlive && responseBody.kind() != MessageBody.Kind.UNTIL_CLOSE;
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

    /** Sends the request (and its body) upstream and reads the answer's head; 1xx skipped. */
    private HttpHead exchangeWithUpstream(HttpHead request, MessageBody body) throws IOException {
      boolean reused = upstream != null;
      if (upstream == null) {
        upstream = new Upstream();
      }
      try {
        upstream.out.write(request.bytes());
        body.copy(clientIn, upstream.out);
        upstream.out.flush();
        HttpHead response = readFinalHead(upstream.in);
        if (response != null) {
          return response;
        }
      } catch (SocketException e) {
        if (!reused || body.kind() != MessageBody.Kind.NONE) {
          throw e;
        }
      }
      // A kept-alive upstream connection that closed meanwhile: once more on a new one, which
      // is safe only because no body was consumed.
      upstream.close();
      upstream = null;
      if (!reused || body.kind() != MessageBody.Kind.NONE) {
        return null;
      }
      upstream = new Upstream();
      upstream.out.write(request.bytes());
      upstream.out.flush();
      return readFinalHead(upstream.in);
    }

    private HttpHead readFinalHead(InputStream in) throws IOException {
      HttpHead head = HttpHead.read(in);
      while (head != null && head.status() / 100 == 1) {
        head = HttpHead.read(in);
      }
      return head;
    }

    /** Answers without asking upstream, after draining any request body so the connection can go on. */
    private boolean replyWithoutUpstream(MessageBody requestBody, boolean expectsContinue,
        boolean keepAlive, int status, String reason, Map<String, String> extraHeaders,
        String body) throws IOException {
      // A client waiting for 100 Continue has not sent its body: answer and close instead.
      boolean canContinue = keepAlive && !(expectsContinue && requestBody.kind() != MessageBody.Kind.NONE);
      if (!expectsContinue) {
        requestBody.copy(clientIn, OutputStream.nullOutputStream());
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      HttpHead response = HttpHead.of("HTTP/1.1 " + status + " " + reason)
          .set("Content-Type", "application/json")
          .set("Content-Length", Integer.toString(bytes.length))
          .set("Docker-Distribution-Api-Version", "registry/2.0");
      extraHeaders.forEach(response::set);
      if (!canContinue) {
        response.set("Connection", "close");
      }
      clientOut.write(response.bytes());
      clientOut.write(bytes);
      clientOut.flush();
      return canContinue;
    }

    /** The head and part of the body, then RST: SO_LINGER 0 makes close() abort. */
    private void sendPartThenReset(HttpHead response, MessageBody body, long bodyBytes)
        throws IOException {
      long cut = bodyBytes >= 0 ? bodyBytes
          : body.kind() == MessageBody.Kind.LENGTH ? body.length() / 2 : 1024;
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
          body.copy(upstream.in, new CuttingOutputStream(clientOut, cut));
        }
      } catch (CuttingOutputStream.Cut expected) {
        // the planned end of this answer
      }
      clientOut.flush();
      client.setSoLinger(true, 0);
      client.close();
      upstream.close();
      upstream = null;
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
