package io.matchstream.jobs.common;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
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
    return Inbound.of(deadLetter(value, topic, partition, offset, reason, job));
  }

  /**
   * A dead letter for a record read from {@code topic} at {@code partition}/{@code offset}: its raw
   * bytes (cut at {@link DeadLetter#MAX_RAW_BYTES}, with the original size), the reason and the
   * job that rejected it. Also for records rejected after parsing (e.g. a job's "late").
   */
  public static DeadLetter deadLetter(
      byte[] value, String topic, int partition, long offset, String reason, String job) {
    int size = value == null ? 0 : value.length;
    byte[] raw = DeadLetter.keptRaw(value);
    return new DeadLetter(
        DeadLetter.idOf(topic, partition, offset),
        System.currentTimeMillis(),
        SchemaVersion.CURRENT,
        topic,
        partition,
        offset,
        reason,
        job,
        raw,
        size);
  }

  @Override
  public TypeInformation<Inbound> getProducedType() {
    return TypeInformation.of(Inbound.class);
  }
}
