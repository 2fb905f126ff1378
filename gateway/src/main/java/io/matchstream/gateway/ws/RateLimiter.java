package io.matchstream.gateway.ws;

/** A token bucket: {@code perSecond} messages a second on average, bursts up to {@code burst}. */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  RateLimiter(int perSecond, int burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = System.nanoTime();
  }

  /** Takes one token if there is one. */
  boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
