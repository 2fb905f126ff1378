package io.matchstream.events.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.matchstream.events.Alert;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CityStats;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * JSON for every event type (Jackson). Encoding never fails for a well-formed event; decoding
 * turns any defect into an {@link InvalidEventException} whose message names what is wrong.
 * Decoding checks only the shape; {@link EventValidator} checks the meaning.
 *
 * <p>Unknown fields are ignored (a newer writer may add some) and are never carried on, so nothing
 * outside the contract, personal data included, passes through matchstream.
 */
public final class EventCodec {
  /** Records larger than this are rejected before parsing. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(MAX_RECORD_BYTES).build());
  }

  private static final ObjectReader VACANCY = MAPPER.readerFor(VacancyEvent.class);
  private static final ObjectReader CANDIDATE = MAPPER.readerFor(CandidateEvent.class);

  private EventCodec() {}

  /** The shared mapper, configured for the contract. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** JSON bytes of any event type. */
  public static byte[] encode(Object event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  /** JSON text of any event type. */
  public static String encodeToString(Object event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  public static VacancyEvent decodeVacancy(byte[] bytes) throws InvalidEventException {
    return read(VACANCY, bytes);
  }

  public static CandidateEvent decodeCandidate(byte[] bytes) throws InvalidEventException {
    return read(CANDIDATE, bytes);
  }

  public static Match decodeMatch(byte[] bytes) throws InvalidEventException {
    return decode(bytes, Match.class);
  }

  public static CityStats decodeCityStats(byte[] bytes) throws InvalidEventException {
    return decode(bytes, CityStats.class);
  }

  public static Alert decodeAlert(byte[] bytes) throws InvalidEventException {
    return decode(bytes, Alert.class);
  }

  public static DeadLetter decodeDeadLetter(byte[] bytes) throws InvalidEventException {
    return decode(bytes, DeadLetter.class);
  }

  /** Decodes any event type; the failure's message is a reason fit for a dead letter. */
  public static <T> T decode(byte[] bytes, Class<T> type) throws InvalidEventException {
    return read(MAPPER.readerFor(type), bytes);
  }

  private static <T> T read(ObjectReader reader, byte[] bytes) throws InvalidEventException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidEventException("not JSON: empty record");
    }
    if (bytes.length > MAX_RECORD_BYTES) {
      throw new InvalidEventException(
          "oversized record: " + bytes.length + " bytes, limit " + MAX_RECORD_BYTES);
    }
    if (firstNonBlank(bytes) != '{') {
      throw new InvalidEventException("not JSON: expected an object starting with '{'");
    }
    try {
      return reader.readValue(bytes);
    } catch (InvalidEventException e) {
      throw e;
    } catch (JsonMappingException e) {
      throw new InvalidEventException(describe(e));
    } catch (JsonParseException e) {
      throw new InvalidEventException("not JSON: " + Reasons.clip(e.getOriginalMessage()));
    } catch (IOException e) {
      if (e.getCause() instanceof InvalidEventException cause) {
        throw cause;
      }
      throw new InvalidEventException("not JSON: " + Reasons.clip(e.getMessage()));
    }
  }

  private static String describe(JsonMappingException e) {
    if (e.getCause() instanceof InvalidEventException cause) {
      return cause.reason();
    }
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      return "unknown value '" + Reasons.clip(String.valueOf(f.getValue())) + "' in '" + field + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      String expected = m.getTargetType().getSimpleName();
      return "field '" + field + "' has the wrong type: expected " + expected;
    }
    return "invalid field '" + field + "': " + Reasons.clip(e.getOriginalMessage());
  }

  private static int firstNonBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
    }
    return -1;
  }
}
