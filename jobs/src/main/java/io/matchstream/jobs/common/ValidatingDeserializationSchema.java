package io.matchstream.jobs.common;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.DeadLetters;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record of {@code vacancies} or {@code candidates} into an {@link Inbound}: the
 * validated event, or a {@link DeadLetter} with topic, partition, offset, the reason and what
 * {@link DeadLetters} keeps of the record. Never throws, whatever the bytes: one bad record must
 * not restart the job.
 */
public final class ValidatingDeserializationSchema implements KafkaRecordDeserializationSchema<Inbound> {
  private static final long serialVersionUID = 1L;

  /** Which contract type the topic carries. */
  public enum Kind {
    VACANCY(VacancyEvent.class),
    CANDIDATE(CandidateEvent.class);

    /** The contract type, whose fields a dead letter keeps. */
    public final Class<?> contract;

    Kind(Class<?> contract) {
      this.contract = contract;
    }
  }

  private final Kind kind;
  private final String job;
  private final InputLimits limits;
  private transient EventValidator validator;

  /** With the default {@link InputLimits}. */
  public ValidatingDeserializationSchema(Kind kind, String job) {
    this(kind, job, InputLimits.defaults());
  }

  public ValidatingDeserializationSchema(Kind kind, String job, InputLimits limits) {
    this.kind = kind;
    this.job = job;
    this.limits = limits;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    validator = limits.validator();
  }

  /** The validator this schema applies (for events of other topics read by the same job). */
  public EventValidator validator() {
    if (validator == null) {
      validator = limits.validator();
    }
    return validator;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound> out) {
    out.collect(parse(record.value(), record.topic(), record.partition(), record.offset()));
  }

  /** The same decision outside Kafka (tests, replays). */
  public Inbound parse(byte[] value, String topic, int partition, long offset) {
    EventValidator validator = validator();
    if (kind == Kind.VACANCY) {
      ParseResult<io.matchstream.events.VacancyEvent> r = validator.parseVacancy(value);
      return r.isValid() ? Inbound.of(r.value()) : deadLetter(value, topic, partition, offset, r.reason());
    }
    ParseResult<io.matchstream.events.CandidateEvent> r = validator.parseCandidate(value);
    return r.isValid() ? Inbound.of(r.value()) : deadLetter(value, topic, partition, offset, r.reason());
  }

  private Inbound deadLetter(byte[] value, String topic, int partition, long offset, String reason) {
    return Inbound.of(deadLetter(value, topic, partition, offset, kind.contract, reason, job));
  }

  /**
   * A dead letter for a record read from {@code topic} at {@code partition}/{@code offset}, of the
   * {@code contract} type (null if none): see {@link DeadLetters} for what it keeps. Also for records
   * rejected after parsing (e.g. a job's "late").
   */
  public static DeadLetter deadLetter(
      byte[] value, String topic, int partition, long offset, Class<?> contract, String reason, String job) {
    return DeadLetters.of(topic, partition, offset, value, contract, reason, job, System.currentTimeMillis());
  }

  @Override
  public TypeInformation<Inbound> getProducedType() {
    return TypeInformation.of(Inbound.class);
  }
}
