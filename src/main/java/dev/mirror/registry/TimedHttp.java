package dev.mirror.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The HTTP client with a deadline on every wait: a reply's head must come within the stall limit
 * of the request's last byte going out (however long a streamed upload takes), and its body may
 * pause for no longer than the limit between two reads ({@link StallWatchdog}). Past either, the
 * request fails with {@link StallWatchdog.StalledException}, which callers retry like a 5xx.
 */
final class TimedHttp {
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
   * Sends a request that carries no registry auth (the ping, a token request) and reads its body
   * (at most {@code maxBody} bytes; none at all for 0), trying again on no reply, a stalled or cut body and on
   * transient statuses. A TLS failure or a name that does not resolve is thrown at once:
   * neither goes away in a second.
   */
  BufferedReply sendRetrying(HttpRequest request, RetryPolicy retry, int attempts, int maxBody,
      String what) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Duration wait = null;
      try {
        HttpResponse<InputStream> reply = send(request, clock(), what);
        byte[] body;
        boolean complete;
        try (InputStream in = reply.body()) {
          body = maxBody == 0 ? new byte[0] : in.readNBytes(maxBody);
          complete = maxBody == 0 || in.read() < 0;
        }
        if (!RetryPolicy.isTransientStatus(reply.statusCode()) || attempt >= attempts) {
          return new BufferedReply(reply.statusCode(), reply.headers(), body, complete);
        }
        wait = RegistryTransport.retryAfter(reply.headers());
      } catch (SSLException e) {
        throw e;
      } catch (IOException e) {
        if (RegistryTransport.isUnknownHost(e) || attempt >= attempts) {
          throw e;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      retry.pause(attempt, wait);
    }
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // Abandoned anyway.
    }
  }

  /** A reply whose body is watched for stalls. */
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
