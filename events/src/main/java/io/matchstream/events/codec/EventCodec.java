package io.matchstream.events.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.matchstream.events.Alert;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CityStats;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.VacancyEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * JSON for every event type (Jackson). Encoding never fails for a well-formed event; decoding
 * turns any defect into an {@link InvalidEventException} whose message names what is wrong.
 * Decoding checks only the shape; {@link EventValidator} checks the meaning.
 *
 * <p>Unknown fields are ignored (a newer writer may add some) and are never carried on, so nothing
 * outside the contract, personal data included, passes through matchstream.
 *
 * <p>Reading is strict about what it does read: a field named twice is refused (which of two
 * cities would count?), a value must have its field's JSON type (no {@code "9500"} for a number,
 * {@code 9500.9} for an integer, {@code 1} or {@code "false"} for a boolean, {@code 5} for a
 * string), and one record holds one object, nothing after it.
 */
public final class EventCodec {
  /** Records larger than this are rejected before parsing. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // Numbers, booleans and times from strings, booleans from numbers: all refused.
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // ...and strings from numbers or booleans, which that feature leaves alone.
          .withCoercionConfig(LogicalType.Textual, c -> c
              .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
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

  public static ShortageRanking decodeShortageRanking(byte[] bytes) throws InvalidEventException {
    return decode(bytes, ShortageRanking.class);
  }

  public static Alert decodeAlert(byte[] bytes) throws InvalidEventException {
    return decode(bytes, Alert.class);
  }

  public static MatchOutcome decodeOutcome(byte[] bytes) throws InvalidEventException {
    return decode(bytes, MatchOutcome.class);
  }

  public static io.matchstream.events.ScoreSettings decodeSettings(byte[] bytes) throws InvalidEventException {
    return decode(bytes, io.matchstream.events.ScoreSettings.class);
  }

  public static DeadLetter decodeDeadLetter(byte[] bytes) throws InvalidEventException {
    return decode(bytes, DeadLetter.class);
  }

  /** Decodes any event type; the failure's message is a reason fit for a dead letter. */
  public static <T> T decode(byte[] bytes, Class<T> type) throws InvalidEventException {
    return read(MAPPER.readerFor(type), bytes);
  }

  /** A reader of {@code type} with the contract's configuration (for readers with attributes). */
  static ObjectReader readerFor(Class<?> type) {
    return MAPPER.readerFor(type);
  }

  /** Decodes with a reader from {@link #readerFor}; the failure's message is the reason. */
  static <T> T read(ObjectReader reader, byte[] bytes) throws InvalidEventException {
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
      throw new InvalidEventException(describe(e), topField(e));
    } catch (JsonParseException e) {
      throw new InvalidEventException(describe(e), duplicateField(e));
    } catch (InputCoercionException e) {
      throw new InvalidEventException(outOfRange(e));
    } catch (IOException e) {
      if (e.getCause() instanceof InvalidEventException cause) {
        throw cause;
      }
      throw new InvalidEventException("not JSON: " + Reasons.clip(e.getMessage()));
    }
  }

  private static final String TRAILING = "trailing content after the JSON object";

  /** The contract field a mapping failure is about: the first step of its path (a list's own name). */
  private static String topField(JsonMappingException e) {
    if (e.getCause() instanceof InvalidEventException cause && cause.field() != null) {
      return cause.field();
    }
    if (e.getCause() instanceof JsonParseException cause) {
      return duplicateField(cause);
    }
    return e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
  }

  /** The field a duplicate-field failure names, or null for any other parse failure. */
  private static String duplicateField(JsonParseException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String duplicate = "Duplicate field '";
    if (message.startsWith(duplicate) && message.lastIndexOf('\'') > duplicate.length()) {
      return message.substring(duplicate.length(), message.lastIndexOf('\''));
    }
    return null;
  }

  private static String describe(JsonMappingException e) {
    if (e.getCause() instanceof InvalidEventException cause) {
      return cause.reason();
    }
    if (e.getCause() instanceof JsonParseException cause) {
      return describe(cause);
    }
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    if (e.getCause() instanceof InputCoercionException cause) {
      return "field '" + Reasons.clip(field) + "' " + outOfRange(cause);
    }
    if (field.isEmpty() && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
      return TRAILING;
    }
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Cannot map `null` into type")) {
      return "missing field '" + Reasons.clip(field) + "'"; // absent or null, where a number is required
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      return "unknown value '" + Reasons.clip(String.valueOf(f.getValue())) + "' in '" + field + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "field '" + Reasons.clip(field) + "' has the wrong type: expected " + jsonType(m.getTargetType());
    }
    return "invalid field '" + Reasons.clip(field) + "': " + Reasons.clip(e.getOriginalMessage());
  }

  private static String describe(JsonParseException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String duplicate = "Duplicate field '";
    if (message.startsWith(duplicate) && message.lastIndexOf('\'') > duplicate.length()) {
      return "duplicate field '" + Reasons.clip(message.substring(duplicate.length(), message.lastIndexOf('\''))) + "'";
    }
    // The root object was complete and something other than whitespace follows it.
    JsonParser p = e.getProcessor();
    if (p != null && p.getParsingContext() != null && p.getParsingContext().inRoot()) {
      return TRAILING + ": " + Reasons.clip(message);
    }
    return "not JSON: " + Reasons.clip(message);
  }

  private static String outOfRange(InputCoercionException e) {
    return "is out of range for " + jsonType(e.getTargetType());
  }

  /** The JSON type a field wanted, in the words of the JSON a producer writes. */
  private static String jsonType(Class<?> type) {
    if (type == null) return "its type";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == String.class) return "a string";
    if (type.isArray() || Collection.class.isAssignableFrom(type)) return "an array";
    if (type.isEnum()) return "one of the names of " + type.getSimpleName();
    return "an object";
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
