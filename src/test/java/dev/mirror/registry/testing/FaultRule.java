package dev.mirror.registry.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault for requests whose method and path (without the query) match, for the next
 * {@code times} of them; later matching requests pass through untouched.
 */
public final class FaultRule {
  private final String method;
  private final Pattern path;
  private final Fault fault;
  private final AtomicInteger remaining;
  private final AtomicInteger fired = new AtomicInteger();

  FaultRule(String method, String pathRegex, Fault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("a fault must fire at least once, not " + times);
    }
    this.method = method;
    this.path = Pattern.compile(pathRegex);
    this.fault = fault;
    this.remaining = new AtomicInteger(times);
  }

  public Fault fault() {
    return fault;
  }

  /** How many requests it has failed so far. */
  public int fired() {
    return fired.get();
  }

  public int remaining() {
    return remaining.get();
  }

  /** Takes one firing if this rule matches ({@code *} or null matches any method). */
  boolean tryFire(String requestMethod, String requestPath) {
    boolean methodMatches = method == null || method.equals("*")
        || method.equalsIgnoreCase(requestMethod);
    if (!methodMatches || !path.matcher(requestPath).matches()) {
      return false;
    }
    if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      return false;
    }
    fired.incrementAndGet();
    return true;
  }

  @Override
  public String toString() {
    return fault + " on " + method + " " + path + " (fired " + fired + ", " + remaining
        + " left)";
  }
}
