package io.matchstream.events.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times on the wire: ISO-8601 with an offset ({@code 2026-03-02T09:15:00+08:00}); in memory: epoch
 * milliseconds. Written in China Standard Time, which has had no daylight saving since 1991, so
 * {@code +08:00} is exact for Asia/Shanghai (days: {@link io.matchstream.events.ShanghaiCalendar}). Read with any offset; a time without one is rejected,
 * because guessing the zone would silently shift a day boundary.
 */
public final class IsoTime {
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private IsoTime() {}

  /** Formats epoch milliseconds as ISO-8601 at +08:00. */
  public static String format(long epochMillis) {
    return FORMAT.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), CST));
  }

  /**
   * Parses ISO-8601 with offset to epoch milliseconds.
   *
   * @throws DateTimeParseException if the text is not such a time
   */
  public static long parse(String text) {
    long fast = parseCanonical(text);
    if (fast != NOT_CANONICAL) {
      return fast;
    }
    return OffsetDateTime.parse(text, FORMAT).toInstant().toEpochMilli();
  }

  private static final long NOT_CANONICAL = Long.MIN_VALUE;
  private static final int MAX_OFFSET_MINUTES = 18 * 60;

  /**
   * Deserialisation attribute ({@code ObjectReader.withAttribute}): a {@code Long}, the earliest
   * epoch millisecond a time on the wire may name. A reader with it rejects an earlier time where
   * it is read, so a time that is present but names the epoch itself ({@code 0}) is not mistaken
   * for an absent one.
   */
  public static final String EARLIEST = "matchstream.earliest-time";

  /** The reason for a time older than the earliest accepted, the same wherever it is checked. */
  public static String tooEarly(String field, long millis, long earliest) {
    return field + " " + format(millis) + " is before the earliest accepted time " + format(earliest);
  }

  /**
   * The fast path for what matchstream itself writes, {@code yyyy-MM-ddTHH:mm:ss[.SSS]±HH:mm} or
   * with {@code Z}: parsing with {@link DateTimeFormatter} is about half the cost of decoding a
   * whole event. Anything else (other fractions, odd but valid forms) goes the general way.
   */
  private static long parseCanonical(String t) {
    int n = t.length();
    int zoneStart;
    int millis = 0;
    if (n >= 20 && t.charAt(19) == '.') {
      if (n < 24 || !digits(t, 20, 23)) {
        return NOT_CANONICAL;
      }
      millis = num(t, 20, 23);
      zoneStart = 23;
    } else {
      zoneStart = 19;
    }
    if (n < 20
        || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
        || t.charAt(13) != ':' || t.charAt(16) != ':'
        || !digits(t, 0, 4) || !digits(t, 5, 7) || !digits(t, 8, 10)
        || !digits(t, 11, 13) || !digits(t, 14, 16) || !digits(t, 17, 19)) {
      return NOT_CANONICAL;
    }
    int offsetSeconds;
    if (n == zoneStart + 1 && t.charAt(zoneStart) == 'Z') {
      offsetSeconds = 0;
    } else if (n == zoneStart + 6
        && (t.charAt(zoneStart) == '+' || t.charAt(zoneStart) == '-')
        && t.charAt(zoneStart + 3) == ':'
        && digits(t, zoneStart + 1, zoneStart + 3)
        && digits(t, zoneStart + 4, zoneStart + 6)) {
      int oh = num(t, zoneStart + 1, zoneStart + 3);
      int om = num(t, zoneStart + 4, zoneStart + 6);
      if (om > 59 || oh * 60 + om > MAX_OFFSET_MINUTES) {
        // Out of range: the general path rejects it (ISO-8601 and java.time stop at ±18:00).
        return NOT_CANONICAL;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (t.charAt(zoneStart) == '-' ? -1 : 1);
    } else {
      return NOT_CANONICAL;
    }
    int year = num(t, 0, 4);
    int month = num(t, 5, 7);
    int day = num(t, 8, 10);
    int hour = num(t, 11, 13);
    int minute = num(t, 14, 16);
    int second = num(t, 17, 19);
    if (month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23 || minute > 59 || second > 59) {
      return NOT_CANONICAL;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1000L + millis;
  }

  private static boolean digits(String t, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (t.charAt(i) - '0');
    }
    return v;
  }

  /** Writes a {@code long} epoch-millisecond field as ISO-8601. */
  public static final class Serializer extends StdSerializer<Long> {
    public Serializer() {
      super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }

  /** Reads an ISO-8601 field into epoch milliseconds; the failure names the field and the text. */
  public static final class Deserializer extends StdDeserializer<Long> {
    public Deserializer() {
      super(Long.class);
    }

    /**
     * An absent time reads as 0, which validation reports as a missing field. (A present time of
     * 0, the epoch itself, is rejected as too early by a reader with {@link #EARLIEST}.)
     */
    @Override
    public Long getNullValue(DeserializationContext ctxt) {
      return 0L;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return 0L;
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String field = p.currentName();
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw new InvalidEventException(
            "unparseable time in '" + field + "': expected an ISO-8601 string with offset", field);
      }
      String text = p.getText();
      long millis;
      try {
        millis = parse(text);
      } catch (DateTimeParseException e) {
        throw new InvalidEventException(
            "unparseable time in '" + field + "': '" + Reasons.clip(text) + "'", field);
      }
      if (ctxt.getAttribute(EARLIEST) instanceof Long earliest && millis < earliest) {
        throw new InvalidEventException(tooEarly(field, millis, earliest), field);
      }
      return millis;
    }
  }
}
