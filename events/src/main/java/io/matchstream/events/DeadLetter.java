package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * A rejected input record, on topic {@code dead-letters}: its raw bytes (base64 on the wire), where
 * it came from and why it was rejected. Nothing is lost: the record can be fixed and replayed.
 *
 * @param eventId {@code sourceTopic/partition/offset}: the same rejection twice has one id
 * @param eventTime when it was rejected (processing time), epoch milliseconds
 * @param schemaVersion version of this contract
 * @param sourceTopic topic the record was read from
 * @param partition partition it was read from
 * @param offset offset it was read at
 * @param reason why it was rejected, human-readable
 * @param job the job that rejected it
 * @param raw the record's value bytes, unchanged; only an oversized record is cut to its first
 *     {@link #MAX_RAW_BYTES} (base64 grows it by a third, and the dead letter itself must stay
 *     under the codec's 64 KiB limit)
 * @param rawSize the original value size, bytes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"eventId", "eventTime", "schemaVersion", "sourceTopic", "partition", "offset"})
public record DeadLetter(
    String eventId,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    String sourceTopic,
    int partition,
    long offset,
    String reason,
    String job,
    byte[] raw,
    int rawSize) {

  /** The most raw bytes a dead letter keeps; {@link #rawSize} tells the original size. */
  public static final int MAX_RAW_BYTES = 32 * 1024;

  /** The raw bytes a dead letter keeps of a record's value. */
  public static byte[] keptRaw(byte[] value) {
    if (value == null) {
      return new byte[0];
    }
    return value.length > MAX_RAW_BYTES ? Arrays.copyOf(value, MAX_RAW_BYTES) : value;
  }

  /** The id of a rejection: its provenance. */
  public static String idOf(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter d
        && eventTime == d.eventTime
        && schemaVersion == d.schemaVersion
        && partition == d.partition
        && offset == d.offset
        && rawSize == d.rawSize
        && Objects.equals(eventId, d.eventId)
        && Objects.equals(sourceTopic, d.sourceTopic)
        && Objects.equals(reason, d.reason)
        && Objects.equals(job, d.job)
        && Arrays.equals(raw, d.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, sourceTopic, partition, offset, reason) * 31 + Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "DeadLetter[" + eventId + ", reason=" + reason + ", rawSize=" + rawSize + "]";
  }
}
