package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSession;

/**
 * The HTTP client with a deadline on every wait: a reply's head must come within the stall limit
 * of the request's last byte going out (however long a streamed upload takes), and its body may
 * pause for no longer than the limit between two reads ({@link StallWatchdog}). Past either, the
 * request fails with {@link StallWatchdog.StalledException}, which callers retry like a 5xx.
 */
final class TimedHttp {
  private static final long DRAIN_LIMIT = 256 * 1024;
  private static final int ERROR_TEXT_LIMIT = 64 * 1024;

  private final HttpClient client;
  private final StallWatchdog watchdog;

  TimedHttp(HttpClient client, StallWatchdog watchdog) {
    this.client = client;
    this.watchdog = watchdog;
  }

  String stallLimit() {
    return StallWatchdog.describe(watchdog.limit());
  }

  /**
   * Sends a request and returns its reply once the head has come; the body is a stream that
   * fails if it stalls. {@code requestMoved} is ticked as the request body goes out (pass one
   * made by {@link #clock()} and a body wrapped with {@link #tracked}); {@code what} names the
   * request in messages.
   */
  HttpResponse<InputStream> send(HttpRequest request, AtomicLong requestMoved, String what)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<InputStream>> reply =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    long limit = watchdog.limit().toNanos();
    try {
      while (true) {
        long wait = limit - (System.nanoTime() - requestMoved.get());
        if (wait <= 0) {
          reply.cancel(true);
          reply.thenAccept(late -> closeQuietly(late.body()));
          throw new StallWatchdog.StalledException(what + ": no reply within "
              + stallLimit(), null);
        }
        try {
          HttpResponse<InputStream> response = reply.get(wait, TimeUnit.NANOSECONDS);
          return new Watched(response, watchdog.watch(response.body(), what));
        } catch (TimeoutException e) {
          // The request body may still be going out: the deadline runs from its last byte.
        }
      }
    } catch (ExecutionException e) {
      // As the client's own send() does: every failure of the exchange is an IOException (a
      // request body whose stream failed comes as an UncheckedIOException).
      Throwable cause = e.getCause();
      if (cause instanceof java.io.UncheckedIOException unchecked) {
        cause = unchecked.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof IllegalArgumentException illegal) {
        throw illegal;
      }
      throw new IOException(String.valueOf(cause.getMessage()), cause);
    } catch (CancellationException e) {
      throw new IOException(what + ": cancelled", e);
    } catch (InterruptedException e) {
      reply.cancel(true);
      throw e;
    }
  }

  /** A clock for {@link #send}, started now. */
  static AtomicLong clock() {
    return new AtomicLong(System.nanoTime());
  }

  /** The publisher, ticking {@code moved} with every piece of the body the client takes. */
  static HttpRequest.BodyPublisher tracked(HttpRequest.BodyPublisher body, AtomicLong moved) {
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return body.contentLength();
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
          }

          @Override
          public void onNext(ByteBuffer item) {
            moved.set(System.nanoTime());
            subscriber.onNext(item);
          }

          @Override
          public void onError(Throwable throwable) {
            subscriber.onError(throwable);
          }

          @Override
          public void onComplete() {
            moved.set(System.nanoTime());
            subscriber.onComplete();
          }
        });
      }
    };
  }

  /** A reply read whole, up to a size: {@code complete} is false when the body was longer. */
  record BufferedReply(int status, HttpHeaders headers, byte[] body, boolean complete) {}

  /**
   * Ends a reply whose body is not read otherwise, and returns its start (for an error message).
   * A short body is read to its end: closing it early would drop the connection instead of
   * returning it to the pool.
   */
  static byte[] finish(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      byte[] start = body.readNBytes(ERROR_TEXT_LIMIT);
      byte[] sink = new byte[8192];
      long left = DRAIN_LIMIT;
      int n;
      while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
        left -= n;
      }
      return start;
    } catch (IOException e) {
      return new byte[0]; // the connection is dropped instead of reused; nothing is lost
    }
  }

  /** What went wrong with a connection, in words (the JDK often gives only a class name). */
  static String describe(Throwable e) {
    if (isUnknownHost(e)) {
      return "unknown host";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof java.net.ConnectException) {
        return t.getMessage() == null || t.getMessage().isBlank() ? "connection refused"
            : t.getMessage();
      }
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static boolean isUnknownHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /** The reply with another body (one already read, say) in place of its own. */
  static HttpResponse<InputStream> withBody(HttpResponse<InputStream> reply, InputStream body) {
    return new Watched(reply, body);
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // Abandoned anyway.
    }
  }

  /** A reply with its body replaced: watched for stalls, or already read. */
  private record Watched(HttpResponse<InputStream> reply, InputStream body)
      implements HttpResponse<InputStream> {
    @Override
    public int statusCode() {
      return reply.statusCode();
    }

    @Override
    public HttpRequest request() {
      return reply.request();
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
      return reply.previousResponse();
    }

    @Override
    public HttpHeaders headers() {
      return reply.headers();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return reply.sslSession();
    }

    @Override
    public URI uri() {
      return reply.uri();
    }

    @Override
    public HttpClient.Version version() {
      return reply.version();
    }
  }
}
