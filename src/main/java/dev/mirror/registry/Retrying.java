package dev.mirror.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retry layer, the lowest of a registry's transport: sends each attempt through
 * {@link TimedHttp} and tries a replayable request again on no reply, a stall, a transient
 * status (5xx, 429; waiting what Retry-After asks) and, for a body read whole, a body that stalls
 * or is cut short. A request that cannot be replayed (a streamed upload) is sent once; a
 * transient status on the last attempt comes back as the reply, for the caller to name.
 */
final class Retrying implements Exchange {
  private final String registry;
  private final TimedHttp http;
  private final RetryPolicy retry;

  Retrying(String registry, TimedHttp http, RetryPolicy retry) {
    this.registry = registry;
    this.http = http;
    this.retry = retry;
  }

  @Override
  public HttpResponse<InputStream> send(RegistryRequest request) throws RegistryException {
    return (request.replayable() ? retry : retry.once()).run(last -> attempt(request, last));
  }

  private HttpResponse<InputStream> attempt(RegistryRequest request, boolean last)
      throws RegistryException {
    URI target = request.url();
    AtomicLong moved = TimedHttp.clock();
    HttpRequest.Builder builder = HttpRequest.newBuilder(target)
        .method(request.method(), request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : TimedHttp.tracked(request.body().get(), moved));
    request.headers().forEach(builder::header);
    if (target.getScheme().equals("http")) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    HttpResponse<InputStream> reply;
    try {
      reply = http.send(builder.build(), moved, registry + ": " + request.method() + " "
          + target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath());
    } catch (IOException e) {
      throw noReply(request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(RegistryException.Kind.INTERRUPTED, "interrupted", e);
    }
    int status = reply.statusCode();
    if (RetryPolicy.isTransientStatus(status) && !last) {
      ErrorReply error = ErrorReply.parse(status, TimedHttp.finish(reply));
      throw RegistryException.reply(registry + ": " + request.method() + " "
          + request.shownTarget() + ": " + error.text(), error,
          RetryPolicy.retryAfter(reply.headers()));
    }
    if (status != 200 || request.readLimit() == 0) {
      return reply;
    }
    try (InputStream body = reply.body()) {
      return TimedHttp.withBody(reply,
          new ByteArrayInputStream(body.readNBytes(request.readLimit() + 1)));
    } catch (IOException e) {
      throw noReply(request, e);
    }
  }

  /** No reply, or none whole: worth another try. A stall already names the request. */
  private RegistryException noReply(RegistryRequest request, IOException e) {
    return new RegistryException(RegistryException.Kind.TRANSIENT,
        e instanceof StallWatchdog.StalledException ? e.getMessage()
            : registry + ": " + request.method() + " " + request.shownTarget() + " failed: "
                + TimedHttp.describe(e), e);
  }

  /**
   * Sends a request outside the registry's auth (the ping, a token request) and reads its body
   * (at most {@code maxBody} bytes; none at all for 0), under {@code policy}: again on no reply,
   * a stalled or cut body and transient statuses. A TLS failure or a name that does not resolve
   * is thrown at once, as the {@link IOException} it is.
   */
  TimedHttp.BufferedReply fetch(HttpRequest request, RetryPolicy policy, int maxBody,
      String what) throws IOException {
    return policy.run(last -> {
      HttpResponse<InputStream> reply;
      try {
        reply = http.send(request, TimedHttp.clock(), what);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException(RegistryException.Kind.INTERRUPTED, "interrupted", e);
      }
      byte[] body;
      boolean complete;
      try (InputStream in = reply.body()) {
        body = maxBody == 0 ? new byte[0] : in.readNBytes(maxBody);
        complete = maxBody == 0 || in.read() < 0;
      }
      int status = reply.statusCode();
      if (RetryPolicy.isTransientStatus(status) && !last) {
        ErrorReply error = ErrorReply.parse(status, body);
        throw RegistryException.reply(what + ": " + error.text(), error,
            RetryPolicy.retryAfter(reply.headers()));
      }
      return new TimedHttp.BufferedReply(status, reply.headers(), body, complete);
    });
  }
}
