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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times on the wire: ISO-8601 with an offset ({@code 2026-03-02T09:15:00+08:00}); in memory: epoch
 * milliseconds. Written in China Standard Time, which has had no daylight saving since 1991, so
 * {@code +08:00} is exact for Asia/Shanghai. Read with any offset; a time without one is rejected,
 * because guessing the zone would silently shift a day boundary.
 */
public final class IsoTime {
  /** The product's calendar: days, "today" and trends are Asia/Shanghai days. */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

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
    return OffsetDateTime.parse(text, FORMAT).toInstant().toEpochMilli();
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

    /** An absent time reads as 0, which validation reports as a missing field. */
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
            "unparseable time in '" + field + "': expected an ISO-8601 string with offset");
      }
      String text = p.getText();
      try {
        return parse(text);
      } catch (DateTimeParseException e) {
        throw new InvalidEventException(
            "unparseable time in '" + field + "': '" + Reasons.clip(text) + "'");
      }
    }
  }
}
