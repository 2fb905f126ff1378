package io.matchstream.jobs.common;

import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.flink.configuration.Configuration;

/**
 * The bounds on event time every job applies at its input, from the shared options: one rule, so
 * the match job and city-stats accept and reject the same records for the same reasons.
 *
 * @param maxFutureSkew {@code source.max-future-skew}
 * @param earliest {@code source.earliest-event-time}
 */
public record InputLimits(Duration maxFutureSkew, Instant earliest) implements Serializable {

  public InputLimits {
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException(JobOptions.MAX_FUTURE_SKEW.key() + " must not be negative, was " + maxFutureSkew);
    }
    if (earliest.toEpochMilli() <= 0) {
      throw new IllegalArgumentException(
          JobOptions.EARLIEST_EVENT_TIME.key() + " must be after 1970-01-01T00:00:00Z, was " + earliest);
    }
  }

  /** The defaults of the options. */
  public static InputLimits defaults() {
    return from(new Configuration());
  }

  /** @throws IllegalArgumentException naming the option that is wrong */
  public static InputLimits from(Configuration conf) {
    String earliest = conf.get(JobOptions.EARLIEST_EVENT_TIME);
    long millis;
    try {
      millis = IsoTime.parse(earliest.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(JobOptions.EARLIEST_EVENT_TIME.key()
          + " must be an ISO-8601 time with offset, e.g. 2000-01-01T00:00:00+08:00, not '" + earliest + "'", e);
    }
    return new InputLimits(conf.get(JobOptions.MAX_FUTURE_SKEW), Instant.ofEpochMilli(millis));
  }

  /** A validator with these bounds, the shipped taxonomy and cities, and the system clock. */
  public EventValidator validator() {
    return new EventValidator(
        Taxonomy.loadDefault(), CityRegistry.loadDefault(), Clock.systemUTC(), maxFutureSkew, earliest);
  }
}
