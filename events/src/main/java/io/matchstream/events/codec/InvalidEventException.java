package io.matchstream.events.codec;

import java.io.IOException;

/**
 * A record that is not a valid event. Its message is the human-readable reason that goes into the
 * dead letter. An IOException so that Jackson passes it through from inside a deserializer.
 */
public final class InvalidEventException extends IOException {
  public InvalidEventException(String reason) {
    super(reason);
  }

  /** The reason, for dead letters and 4xx answers. */
  public String reason() {
    return getMessage();
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    // Rejections are expected, frequent under poison input, and fully described by the reason.
    return this;
  }
}
