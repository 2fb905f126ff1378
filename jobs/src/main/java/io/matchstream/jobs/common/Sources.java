package io.matchstream.jobs.common;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Kafka sources of input topics, in event time, with dead letters kept. */
public final class Sources {
  private Sources() {}

  /**
   * Adds a source reading {@code topic}; uid and name are {@code source-<topic>-<job>}.
   * Watermarks are per partition, by {@link InputWatermarks}; records are validated within the
   * {@link InputLimits} of the options.
   */
  public static DataStream<Inbound> kafka(
      StreamExecutionEnvironment env, Configuration conf, String topic,
      ValidatingDeserializationSchema.Kind kind, String job) {
    KafkaSourceBuilder<Inbound> builder = KafkaSource.<Inbound>builder()
        .setBootstrapServers(conf.get(JobOptions.BOOTSTRAP_SERVERS))
        .setTopics(topic)
        .setGroupId(conf.get(JobOptions.GROUP_ID_PREFIX) + "-" + job)
        // On a fresh start read everything; after a restore the checkpoint's offsets win.
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setProperty("isolation.level", "read_committed")
        .setDeserializer(new ValidatingDeserializationSchema(kind, job, InputLimits.from(conf)));
    if (conf.get(JobOptions.BOUNDED)) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    String uid = "source-" + topic + "-" + job;
    return env.fromSource(builder.build(), watermarks(conf), uid).uid(uid);
  }

  /** The shared {@link InputWatermarks} over {@link Inbound#eventTime()}. */
  public static WatermarkStrategy<Inbound> watermarks(Configuration conf) {
    return InputWatermarks.strategy(conf, (in, kafkaTs) -> in.eventTime());
  }
}
