package io.matchstream.events.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.SchemaVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds {@link DeadLetter}s that keep what an operator needs and nothing a stranger put outside
 * the contract. A rejected record that is a JSON object is read leniently, field by field, as far
 * as it goes (a duplicate key, trailing content or a truncation do not stop it): a field of the
 * contract keeps its value if it has a shape and size some contract field could have; any other
 * field keeps only its name. A record that is not a JSON object keeps its first {@link
 * DeadLetter#MAX_RAW_BYTES} bytes. So a record carrying a name, a phone or an ID number under
 * fields of its own leaves them behind.
 */
public final class DeadLetters {
  /** The most field names a dead letter lists as dropped. */
  public static final int MAX_DROPPED = 32;
  /** A kept record larger than this, as JSON, is not kept (the dead letter must fit the codec). */
  public static final int MAX_KEPT_BYTES = 16 * 1024;
  /** No contract string is nearly this long; a longer value is not kept. */
  static final int MAX_KEPT_STRING = 256;
  /** No contract list is nearly this long; a longer one is not kept. */
  static final int MAX_KEPT_ARRAY = 200;

  private static final ObjectMapper LENIENT =
      new ObjectMapper(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(32).maxStringLength(EventCodec.MAX_RECORD_BYTES).build())
          .build());

  private static final ClassValue<Set<String>> FIELDS = new ClassValue<>() {
    @Override
    protected Set<String> computeValue(Class<?> type) {
      Set<String> names = new LinkedHashSet<>();
      if (type.isRecord()) {
        Arrays.stream(type.getRecordComponents()).forEach(c -> names.add(c.getName()));
      }
      return Set.copyOf(names);
    }
  };

  private DeadLetters() {}

  /**
   * The dead letter of the record {@code value} read from {@code topic} at {@code
   * partition}/{@code offset}.
   *
   * @param contract the event type the topic carries (its record components are the contract's
   *     fields), or null if none: then no field's value is kept
   * @param rejectedAt when it was rejected, epoch milliseconds
   */
  public static DeadLetter of(String topic, int partition, long offset, byte[] value, Class<?> contract,
      String reason, String job, long rejectedAt) {
    int size = value == null ? 0 : value.length;
    Kept kept = keep(value == null ? new byte[0] : value, contract == null ? Set.of() : FIELDS.get(contract));
    return new DeadLetter(DeadLetter.idOf(topic, partition, offset), rejectedAt, SchemaVersion.CURRENT, topic,
        partition, offset, reason, job, kept.record, kept.dropped.isEmpty() ? null : kept.dropped, kept.raw, size);
  }

  private record Kept(String record, List<String> dropped, byte[] raw) {}

  private static Kept keep(byte[] value, Set<String> contract) {
    if (firstNonBlank(value) != '{') {
      return new Kept(null, List.of(), Arrays.copyOf(value, Math.min(value.length, DeadLetter.MAX_RAW_BYTES)));
    }
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    Set<String> dropped = new LinkedHashSet<>();
    try (JsonParser p = LENIENT.createParser(value)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (contract.contains(name)) {
          JsonNode v = LENIENT.readTree(p);
          if (keepable(v)) {
            record.set(name, v);
            dropped.remove(name);
          } else {
            record.remove(name);
            dropped.add(name);
          }
        } else {
          p.skipChildren();
          dropped.add(name);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Broken JSON: what was read before the defect is kept, the rest is not.
    }
    List<String> names = new ArrayList<>();
    for (String name : dropped) {
      if (names.size() == MAX_DROPPED) {
        break;
      }
      names.add(Reasons.clip(name));
    }
    String json = record.toString();
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_KEPT_BYTES) {
      return new Kept(null, names, null);
    }
    return new Kept(json, names, null);
  }

  private static boolean keepable(JsonNode v) {
    if (v.isArray()) {
      if (v.size() > MAX_KEPT_ARRAY) {
        return false;
      }
      for (JsonNode e : v) {
        if (!scalar(e)) {
          return false;
        }
      }
      return true;
    }
    return scalar(v);
  }

  private static boolean scalar(JsonNode v) {
    if (v.isTextual()) {
      return v.textValue().length() <= MAX_KEPT_STRING;
    }
    if (v.isFloatingPointNumber()) {
      return Double.isFinite(v.doubleValue()); // 1e400 reads as Infinity, which is not JSON
    }
    return v.isNumber() || v.isBoolean() || v.isNull();
  }

  private static int firstNonBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
    }
    return -1;
  }

  /** Reads the embedded {@code record} object of a dead letter back into its JSON text. */
  public static final class RawJsonDeserializer extends StdDeserializer<String> {
    public RawJsonDeserializer() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      if (!node.isObject()) {
        throw new InvalidEventException("field 'record' has the wrong type: expected an object");
      }
      return node.toString();
    }
  }
}
