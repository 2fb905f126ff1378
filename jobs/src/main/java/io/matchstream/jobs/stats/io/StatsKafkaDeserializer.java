package io.matchstream.jobs.stats.io;

import io.matchstream.jobs.stats.records.StatsInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses in the source so the watermark can follow each partition's event times (a subtask reading
 * several partitions at different speeds would otherwise make on-time events look late).
 */
public final class StatsKafkaDeserializer implements KafkaRecordDeserializationSchema<StatsInput> {
  private static final long serialVersionUID = 1L;
  private final StatsInputParser parser;

  public StatsKafkaDeserializer(StatsInputParser parser) {
    this.parser = parser;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<StatsInput> out) {
    out.collect(parser.parse(record.topic(), record.partition(), record.offset(), record.value()));
  }

  @Override
  public TypeInformation<StatsInput> getProducedType() {
    return TypeInformation.of(StatsInput.class);
  }
}
