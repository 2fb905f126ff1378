package io.matchstream.events.codec;

import java.util.Objects;

/**
 * The outcome of reading one record: a valid event, or the reason it was rejected. Parsing never
 * throws; the caller routes rejections to {@code dead-letters}.
 *
 * @param value the event, or null when rejected
 * @param reason why it was rejected, or null when valid
 */
public record ParseResult<T>(T value, String reason) {

  public static <T> ParseResult<T> ok(T value) {
    return new ParseResult<>(Objects.requireNonNull(value), null);
  }

  public static <T> ParseResult<T> rejected(String reason) {
    return new ParseResult<>(null, Objects.requireNonNull(reason));
  }

  public boolean isValid() {
    return value != null;
  }
}
