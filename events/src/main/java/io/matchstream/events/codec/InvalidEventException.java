package io.matchstream.events.codec;

import java.io.IOException;

/**
 * A record that is not a valid event. Its message is the human-readable reason that goes into the
 * dead letter. An IOException so that Jackson passes it through from inside a deserializer.
 */
public final class InvalidEventException extends IOException {
  private final String field;

  public InvalidEventException(String reason) {
    this(reason, null);
  }

  /** @param field the contract field the reason is about, or null when it is about the record */
  public InvalidEventException(String reason, String field) {
    super(reason);
    this.field = field;
  }

  /** The reason, for dead letters and 4xx answers. */
  public String reason() {
    return getMessage();
  }

  /** The contract field the reason is about (e.g. {@code cityId}), or null. */
  public String field() {
    return field;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    // Rejections are expected, frequent under poison input, and fully described by the reason.
    return this;
  }
}
