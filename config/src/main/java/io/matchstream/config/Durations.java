package io.matchstream.config;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one duration syntax of every option, Flink's ({@code TimeUtils.parseDuration}, which the
 * jobs' {@code durationType()} options use), so that a value means the same to every command:
 * a number and a unit ({@code 30 s}, {@code 10 min}, {@code 2 h}, {@code 90 d}, {@code 500 ms};
 * the space is optional, a bare number is milliseconds) or ISO-8601 ({@code PT30S}, {@code P7D}).
 * Units: {@code d|day|days}, {@code h|hour|hours}, {@code min|m|minute|minutes},
 * {@code s|sec|secs|second|seconds}, {@code ms|milli|millis|millisecond|milliseconds},
 * {@code µs|micro|micros|microsecond|microseconds}, {@code ns|nano|nanos|nanosecond|nanoseconds}.
 * The command-line modules do not carry Flink, so the grammar is restated here; a test in the
 * jobs holds it to Flink's parser.
 */
public final class Durations {
  private Durations() {}

  /** What an error message shows as the accepted forms. */
  public static final String SYNTAX = "a duration such as 30 s, 10 min, 12 h, 7 d or ISO-8601 PT12H";

  private static final Map<String, ChronoUnit> UNITS = new LinkedHashMap<>();

  static {
    units(ChronoUnit.DAYS, "d", "day", "days");
    units(ChronoUnit.HOURS, "h", "hour", "hours");
    units(ChronoUnit.MINUTES, "min", "m", "minute", "minutes");
    units(ChronoUnit.SECONDS, "s", "sec", "secs", "second", "seconds");
    units(ChronoUnit.MILLIS, "ms", "milli", "millis", "millisecond", "milliseconds");
    units(ChronoUnit.MICROS, "µs", "micro", "micros", "microsecond", "microseconds");
    units(ChronoUnit.NANOS, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
  }

  private static void units(ChronoUnit unit, String... labels) {
    for (String l : labels) {
      UNITS.put(l, unit);
    }
  }

  /**
   * Parses a duration; never negative.
   *
   * @throws IllegalArgumentException saying what was wrong (the caller adds the key)
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("must be " + SYNTAX + ", not empty");
    }
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    String number = s.substring(0, i);
    String unit = s.substring(i).trim().toLowerCase(Locale.ROOT);
    if (number.isEmpty()) {
      try {
        Duration d = Duration.parse(s);
        if (d.isNegative()) {
          throw new IllegalArgumentException("must not be negative, not '" + s + "'");
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("must be " + SYNTAX + ", not '" + s + "'", e);
      }
    }
    ChronoUnit u = unit.isEmpty() ? ChronoUnit.MILLIS : UNITS.get(unit);
    if (u == null) {
      throw new IllegalArgumentException("must be " + SYNTAX + ", not '" + s + "' (unknown unit '" + unit
          + "'; units: " + String.join(", ", UNITS.keySet()) + ")");
    }
    try {
      BigInteger nanos = new BigInteger(number).multiply(BigInteger.valueOf(u.getDuration().toNanos()));
      BigInteger[] secondsAndNanos = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
      return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + s + "' is too long a duration", e);
    }
  }

  /** A positive duration ({@link #parse} and more than zero). */
  public static Duration parsePositive(String text) {
    Duration d = parse(text);
    if (d.isZero()) {
      throw new IllegalArgumentException("must be positive, not '" + text.trim() + "'");
    }
    return d;
  }
}
