package dev.mirror.registry.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A registry that misbehaves on purpose, for tests whose point is hostility: a handler decides
 * each answer, which may stop after its head, lie about its length, point elsewhere or never
 * end. It listens on a loopback address of the test's choosing ({@code 127.0.0.2} plays another
 * host) and, with a certificate, speaks TLS and plain HTTP on the same port, told apart by the
 * first byte, so a redirect from {@code https://host:port} to {@code http://host:port} reaches it.
 * Every request is recorded with its headers. Mirroring itself is tested against real registries.
 */
public final class HostileServer implements AutoCloseable {
  /** One request as it arrived. Header names are lower case. */
  public record Request(boolean tls, String method, String target, Map<String, String> headers,
      byte[] body) {
    public String path() {
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }

    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** Decides the answer to one request. */
  @FunctionalInterface
  public interface Handler {
    void handle(Request request, Answer answer) throws IOException;
  }

  /** The ways to answer; each but {@link #send} ends the connection. */
  public static final class Answer {
    private final OutputStream out;
    private final Socket socket;
    private boolean keepAlive = true;

    private Answer(OutputStream out, Socket socket) {
      this.out = out;
      this.socket = socket;
    }

    /** A whole answer, with its Content-Length. */
    public void send(int status, Map<String, String> headers, byte[] body) throws IOException {
      out.write(headBytes(status, headers, body.length));
      out.write(body);
      out.flush();
    }

    public void send(int status, Map<String, String> headers, String body) throws IOException {
      send(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A head alone, as for HEAD: it announces {@code length} bytes and sends none. */
    public void head(int status, Map<String, String> headers, long length) throws IOException {
      out.write(headBytes(status, headers, length));
      out.flush();
    }

    /** The head, announcing {@code declaredLength} bytes, and then the first {@code sent} of them; then silence until the client gives up. */
    public void stall(int status, Map<String, String> headers, byte[] body, long declaredLength,
        int sent) throws IOException {
      out.write(headBytes(status, headers, declaredLength));
      out.write(body, 0, Math.min(sent, body.length));
      out.flush();
      silence();
    }

    /** Nothing at all: the request is read and never answered. */
    public void silence() throws IOException {
      keepAlive = false;
      InputStream in = socket.getInputStream();
      // Waits for the client to hang up (or the server to close); any bytes are ignored.
      byte[] sink = new byte[8192];
      while (in.read(sink) >= 0) {
        // keep waiting
      }
    }

    /** The head announcing {@code declaredLength}, then {@code body} (shorter), then the connection closes. */
    public void cut(int status, Map<String, String> headers, byte[] body, long declaredLength)
        throws IOException {
      keepAlive = false;
      out.write(headBytes(status, headers, declaredLength));
      out.write(body);
      out.flush();
      socket.close();
    }

    /** A head with no end of its own: a body of {@code bytes} zeros, sent as fast as read. */
    public void endless(int status, Map<String, String> headers, long bytes) throws IOException {
      keepAlive = false;
      out.write(headBytes(status, headers, bytes));
      byte[] zeros = new byte[64 * 1024];
      for (long left = bytes; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
      out.flush();
    }

    private static byte[] headBytes(int status, Map<String, String> headers, long length) {
      StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
          .append(status < 400 ? "OK" : "Error").append("\r\n");
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.putIfAbsent("Content-Length", Long.toString(length));
      all.putIfAbsent("Docker-Distribution-Api-Version", "registry/2.0");
      all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private final ServerSocket listener;
  private final Optional<SSLSocketFactory> tls;
  private final Handler handler;
  private final ExecutorService threads;
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private HostileServer(String address, Optional<TestCertificate> certificate, Handler handler)
      throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getByName(address));
    this.tls = certificate.map(c -> serverContext(c).getSocketFactory());
    this.handler = handler;
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "hostile-server");
      thread.setDaemon(true);
      return thread;
    });
    threads.execute(this::accept);
  }

  /** A plain-HTTP server on a loopback address ({@code 127.0.0.1}, {@code 127.0.0.2}, ...). */
  public static HostileServer start(String address, Handler handler) {
    return start(address, Optional.empty(), handler);
  }

  /** With a certificate: TLS and plain HTTP on one port. */
  public static HostileServer start(String address, Optional<TestCertificate> certificate,
      Handler handler) {
    try {
      return new HostileServer(address, certificate, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code address:port}, as a registry is named. */
  public String host() {
    return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    open.forEach(HostileServer::closeQuietly);
    threads.shutdownNow();
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      open.add(socket);
      threads.execute(() -> {
        try {
          serve(socket);
        } catch (IOException | RuntimeException e) {
          // A client that went away ends its own connection only.
        } finally {
          open.remove(socket);
          closeQuietly(socket);
        }
      });
    }
  }

  private void serve(Socket raw) throws IOException {
    BufferedInputStream peek = new BufferedInputStream(raw.getInputStream());
    peek.mark(1);
    int first = peek.read();
    if (first < 0) {
      return;
    }
    peek.reset();
    Socket socket = raw;
    InputStream in = peek;
    boolean secure = first == 0x16 && tls.isPresent(); // a TLS handshake record
    if (secure) {
      byte[] consumed = peek.readNBytes(peek.available());
      SSLSocket ssl = (SSLSocket) tls.get().createSocket(raw,
          new ByteArrayInputStream(consumed), true);
      ssl.setUseClientMode(false);
      ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      javax.net.ssl.SSLParameters params = ssl.getSSLParameters();
      params.setApplicationProtocols(new String[] {"http/1.1"});
      ssl.setSSLParameters(params);
      open.add(ssl);
      socket = ssl;
      in = new BufferedInputStream(ssl.getInputStream());
    }
    OutputStream out = socket.getOutputStream();
    while (!closed) {
      Request request = read(in, secure);
      if (request == null) {
        return;
      }
      requests.add(request);
      Answer answer = new Answer(out, socket);
      handler.handle(request, answer);
      if (!answer.keepAlive || socket.isClosed()) {
        return;
      }
    }
  }

  private static Request read(InputStream in, boolean secure) throws IOException {
    String start = line(in);
    while (start != null && start.isEmpty()) {
      start = line(in);
    }
    if (start == null) {
      return null;
    }
    String[] parts = start.split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
    }
    byte[] body = new byte[0];
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      var all = new java.io.ByteArrayOutputStream();
      for (int size; (size = Integer.parseInt(line(in).strip(), 16)) > 0; line(in)) {
        all.write(in.readNBytes(size));
      }
      line(in);
      body = all.toByteArray();
    }
    return new Request(secure, parts[0], parts.length > 1 ? parts[1] : "/", headers, body);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static javax.net.ssl.SSLContext serverContext(TestCertificate certificate) {
    try {
      java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("server", certificate.privateKey(), new char[0],
          new java.security.cert.Certificate[] {certificate.certificate()});
      javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
          javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, new char[0]);
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (java.security.GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
