package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.DeadLetters;
import io.matchstream.events.codec.IsoTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A rejected input record, on topic {@code dead-letters}: where it came from, why it was rejected,
 * and what of it an operator needs to diagnose, fix and replay it, without the fields outside the
 * contract, where personal data would be (built by {@link DeadLetters}).
 *
 * <ul>
 *   <li>A record that is a JSON object keeps its contract fields in {@link #record} (so it can be
 *       fixed and sent again); fields outside the contract keep only their names, in {@link
 *       #droppedFields}, never their values.
 *   <li>A record that is not a JSON object at all keeps its first {@link #MAX_RAW_BYTES} bytes in
 *       {@link #raw}: enough to see what kind of bytes arrived, bounded.
 * </ul>
 *
 * @param eventId {@code sourceTopic/partition/offset}: the same rejection twice has one id (each
 *     job that reads the topic writes its own dead letter; {@link #job} tells them apart)
 * @param eventTime when it was rejected (processing time), epoch milliseconds
 * @param schemaVersion version of this contract
 * @param sourceTopic topic the record was read from
 * @param partition partition it was read from
 * @param offset offset it was read at
 * @param reason why it was rejected, human-readable
 * @param job the job that rejected it
 * @param record the record's contract fields as a JSON object (embedded as JSON on the wire); null
 *     if the record is not a JSON object; as much as could be read of a broken one
 * @param droppedFields names of fields whose values were not kept: outside the contract, or of a
 *     size or shape no contract field has; names clipped, at most {@link DeadLetters#MAX_DROPPED}
 * @param raw the first bytes of a record that is not a JSON object (base64 on the wire); null
 *     otherwise
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
    @JsonRawValue @JsonDeserialize(using = DeadLetters.RawJsonDeserializer.class) String record,
    List<String> droppedFields,
    byte[] raw,
    int rawSize) {

  /** The most bytes a dead letter keeps of a record that is not a JSON object. */
  public static final int MAX_RAW_BYTES = 256;

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
        && Objects.equals(record, d.record)
        && Objects.equals(droppedFields, d.droppedFields)
        && Arrays.equals(raw, d.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, sourceTopic, partition, offset, reason, record) * 31 + Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "DeadLetter[" + eventId + ", job=" + job + ", reason=" + reason + ", rawSize=" + rawSize + "]";
  }
}
