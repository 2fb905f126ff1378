package io.matchstream.notifier.delivery;

/**
 * What one delivery attempt came to.
 *
 * @param kind delivered, worth retrying, or rejected for good
 * @param status HTTP status, or 0 when no response came
 * @param detail why, for the log: never a secret
 */
public record Outcome(Kind kind, int status, String detail) {
  public enum Kind {
    DELIVERED,
    /** Down, overloaded, timed out or rate-limited: try again after a backoff. */
    RETRY,
    /** The receiver refused the message (4xx, or a robot's error code): retrying cannot help. */
    REJECTED
  }

  /** Whether the receiver answered (an answered request counts against its rate limit). */
  public boolean answered() {
    return status != 0;
  }
}
