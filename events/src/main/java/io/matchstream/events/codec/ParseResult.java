package io.matchstream.events.codec;

import java.util.Objects;

/**
 * The outcome of reading one record: a valid event, or the reason it was rejected. Parsing never
 * throws; the caller routes rejections to {@code dead-letters} (a job) or answers 4xx (the gateway).
 *
 * @param value the event, or null when rejected
 * @param reason why it was rejected, or null when valid
 * @param field the contract field the reason is about (e.g. {@code cityId}), when it is about one
 *     field and the reader knows which; null otherwise (not JSON, oversized, or valid)
 */
public record ParseResult<T>(T value, String reason, String field) {

  public static <T> ParseResult<T> ok(T value) {
    return new ParseResult<>(Objects.requireNonNull(value), null, null);
  }

  public static <T> ParseResult<T> rejected(String reason) {
    return new ParseResult<>(null, Objects.requireNonNull(reason), null);
  }

  public static <T> ParseResult<T> rejected(String reason, String field) {
    return new ParseResult<>(null, Objects.requireNonNull(reason), field);
  }

  public boolean isValid() {
    return value != null;
  }
}
