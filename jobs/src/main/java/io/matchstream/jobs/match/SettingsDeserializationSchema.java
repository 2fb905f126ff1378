package io.matchstream.jobs.match;

import io.matchstream.events.ScoreSettings;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.jobs.common.InputLimits;
import io.matchstream.jobs.common.DeadLetterRouting;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code match-settings}: each record becomes a validated {@link ScoreSettings} or a dead
 * letter with the reason (naming the field). Never throws.
 */
public final class SettingsDeserializationSchema implements KafkaRecordDeserializationSchema<SettingsInbound> {
  private static final long serialVersionUID = 1L;

  private final String job;
  private final InputLimits limits;
  private transient EventValidator validator;

  public SettingsDeserializationSchema(String job, InputLimits limits) {
    this.job = job;
    this.limits = limits;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    validator = limits.validator();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SettingsInbound> out) {
    out.collect(parse(record.value(), record.topic(), record.partition(), record.offset()));
  }

  /** The same decision outside Kafka (tests). */
  public SettingsInbound parse(byte[] value, String topic, int partition, long offset) {
    if (validator == null) {
      validator = limits.validator();
    }
    ParseResult<ScoreSettings> r = validator.parseSettings(value);
    if (r.isValid()) {
      return SettingsInbound.of(r.value(), topic, partition, offset);
    }
    return SettingsInbound.of(DeadLetterRouting.deadLetter(
        value, topic, partition, offset, ScoreSettings.class, r.reason(), job));
  }

  @Override
  public TypeInformation<SettingsInbound> getProducedType() {
    return TypeInformation.of(SettingsInbound.class);
  }
}
