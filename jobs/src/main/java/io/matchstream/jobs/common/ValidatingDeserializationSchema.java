package io.matchstream.jobs.common;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import java.util.Arrays;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record of {@code vacancies} or {@code candidates} into an {@link Inbound}: the
 * validated event, or a {@link DeadLetter} carrying the raw bytes, topic, partition, offset and the
 * reason. Never throws, whatever the bytes: one bad record must not restart the job.
 */
public final class ValidatingDeserializationSchema implements KafkaRecordDeserializationSchema<Inbound> {
  private static final long serialVersionUID = 1L;

  /** Which contract type the topic carries. */
  public enum Kind {
    VACANCY,
    CANDIDATE
  }

  private final Kind kind;
  private final String job;
  private transient EventValidator validator;

  public ValidatingDeserializationSchema(Kind kind, String job) {
    this.kind = kind;
    this.job = job;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    validator = EventValidator.withDefaults();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound> out) {
    out.collect(parse(record.value(), record.topic(), record.partition(), record.offset()));
  }

  /** The same decision outside Kafka (tests, replays). */
  public Inbound parse(byte[] value, String topic, int partition, long offset) {
    if (validator == null) {
      validator = EventValidator.withDefaults();
    }
    if (kind == Kind.VACANCY) {
      ParseResult<io.matchstream.events.VacancyEvent> r = validator.parseVacancy(value);
      return r.isValid() ? Inbound.of(r.value()) : deadLetter(value, topic, partition, offset, r.reason());
    }
    ParseResult<io.matchstream.events.CandidateEvent> r = validator.parseCandidate(value);
    return r.isValid() ? Inbound.of(r.value()) : deadLetter(value, topic, partition, offset, r.reason());
  }

  private Inbound deadLetter(byte[] value, String topic, int partition, long offset, String reason) {
    byte[] raw = value == null ? new byte[0] : value;
    int size = raw.length;
    if (size > EventCodec.MAX_RECORD_BYTES) {
      raw = Arrays.copyOf(raw, EventCodec.MAX_RECORD_BYTES);
    }
    return Inbound.of(new DeadLetter(
        DeadLetter.idOf(topic, partition, offset),
        System.currentTimeMillis(),
        SchemaVersion.CURRENT,
        topic,
        partition,
        offset,
        reason,
        job,
        raw,
        size));
  }

  @Override
  public TypeInformation<Inbound> getProducedType() {
    return TypeInformation.of(Inbound.class);
  }
}
