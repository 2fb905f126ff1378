package io.matchstream.jobs.common;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.DeadLetters;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The input boundary of every job: turns a Kafka record into an {@link Inbound}, the event
 * validated by the contract's {@link EventValidator}, or a {@link DeadLetter} with topic,
 * partition, offset, the reason and what {@link DeadLetters} keeps of the record. Which contract
 * type a record is depends on its topic ({@link Kind}); a record of a topic the schema was not
 * given is dead-lettered as "unexpected topic". Never throws, whatever the bytes: one bad record
 * must not restart the job.
 */
public final class ValidatingDeserializationSchema implements KafkaRecordDeserializationSchema<Inbound> {
  private static final long serialVersionUID = 2L;

  /** Which contract type a topic carries. */
  public enum Kind {
    VACANCY(VacancyEvent.class),
    CANDIDATE(CandidateEvent.class),
    MATCH(Match.class),
    OUTCOME(MatchOutcome.class),
    SETTINGS(ScoreSettings.class);

    /** The contract type, whose fields a dead letter keeps. */
    public final Class<?> contract;

    Kind(Class<?> contract) {
      this.contract = contract;
    }
  }

  /** Null when every record is of {@link #only}. */
  private final Map<String, Kind> byTopic;
  private final Kind only;
  private final String job;
  private final InputLimits limits;
  private final boolean keepRecords;
  private transient EventValidator validator;

  /** Every record as {@code kind}, whatever its topic; with the default {@link InputLimits}. */
  public ValidatingDeserializationSchema(Kind kind, String job) {
    this(kind, job, InputLimits.defaults());
  }

  /** Every record as {@code kind}, whatever its topic. */
  public ValidatingDeserializationSchema(Kind kind, String job, InputLimits limits) {
    this(null, kind, job, limits, false);
  }

  /**
   * Records of each topic as its kind.
   *
   * @param keepRecords whether a valid record keeps its provenance and bytes ({@link Inbound#raw}),
   *     for a job that may refuse it later
   */
  public ValidatingDeserializationSchema(Map<String, Kind> byTopic, String job, InputLimits limits, boolean keepRecords) {
    this(Map.copyOf(byTopic), null, job, limits, keepRecords);
  }

  private ValidatingDeserializationSchema(Map<String, Kind> byTopic, Kind only, String job, InputLimits limits,
      boolean keepRecords) {
    this.byTopic = byTopic;
    this.only = only;
    this.job = job;
    this.limits = limits;
    this.keepRecords = keepRecords;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    validator = limits.validator();
  }

  private EventValidator validator() {
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
    Kind kind = only != null ? only : byTopic.get(topic);
    if (kind == null) {
      return Inbound.of(DeadLetterRouting.deadLetter(
          value, topic, partition, offset, null, "unexpected topic '" + topic + "'", job));
    }
    EventValidator v = validator();
    ParseResult<?> r = switch (kind) {
      case VACANCY -> v.parseVacancy(value);
      case CANDIDATE -> v.parseCandidate(value);
      case MATCH -> v.parseMatch(value);
      case OUTCOME -> v.parseOutcome(value);
      case SETTINGS -> v.parseSettings(value);
    };
    if (!r.isValid()) {
      return Inbound.of(DeadLetterRouting.deadLetter(value, topic, partition, offset, kind.contract, r.reason(), job));
    }
    Inbound in = switch (kind) {
      case VACANCY -> Inbound.of((VacancyEvent) r.value());
      case CANDIDATE -> Inbound.of((CandidateEvent) r.value());
      case MATCH -> Inbound.of((Match) r.value());
      case OUTCOME -> Inbound.of((MatchOutcome) r.value());
      case SETTINGS -> Inbound.of((ScoreSettings) r.value());
    };
    return keepRecords ? in.readAt(topic, partition, offset, value) : in;
  }

  @Override
  public TypeInformation<Inbound> getProducedType() {
    return TypeInformation.of(Inbound.class);
  }
}
