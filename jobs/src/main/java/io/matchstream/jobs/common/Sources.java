package io.matchstream.jobs.common;

import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import java.time.Duration;
import java.util.ArrayList;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Kafka sources of input topics for every job: in event time ({@link InputWatermarks}, per
 * partition), each record through the one boundary ({@link ValidatingDeserializationSchema}),
 * dead letters kept.
 */
public final class Sources {
  private Sources() {}

  /** A source reading {@code topic} as {@code kind}; uid and name are {@code source-<topic>-<job>}. */
  public static DataStreamSource<Inbound> kafka(
      StreamExecutionEnvironment env, Configuration conf, String topic, Kind kind, String job) {
    String uid = "source-" + topic + "-" + job;
    return kafka(env, conf, job, uid,
        new ValidatingDeserializationSchema(kind, job, InputLimits.from(conf)), topic);
  }

  /** A source reading {@code topics} through {@code schema}, with the given uid. */
  public static DataStreamSource<Inbound> kafka(StreamExecutionEnvironment env, Configuration conf, String job,
      String uid, ValidatingDeserializationSchema schema, String... topics) {
    return kafka(env, conf, job, uid, schema, conf.get(JobOptions.IDLE_TIMEOUT), topics);
  }

  /**
   * As {@link #kafka(StreamExecutionEnvironment, Configuration, String, String,
   * ValidatingDeserializationSchema, String...)}, the source counting as idle after {@code idleTimeout}
   * without records instead of {@code source.idle-timeout}.
   */
  public static DataStreamSource<Inbound> kafka(StreamExecutionEnvironment env, Configuration conf, String job,
      String uid, ValidatingDeserializationSchema schema, Duration idleTimeout, String... topics) {
    KafkaSourceBuilder<Inbound> builder = KafkaSource.<Inbound>builder()
        .setBootstrapServers(conf.get(JobOptions.BOOTSTRAP_SERVERS))
        .setTopics(new ArrayList<>(java.util.List.of(topics)))
        .setGroupId(conf.get(JobOptions.GROUP_ID_PREFIX) + "-" + job)
        // On a fresh start read everything; after a restore the checkpoint's offsets win.
        .setStartingOffsets(OffsetsInitializer.earliest())
        // Producers may write in transactions (the match job's matches): never read an aborted one.
        .setProperty("isolation.level", "read_committed")
        .setDeserializer(schema);
    if (conf.get(JobOptions.BOUNDED)) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    DataStreamSource<Inbound> source = env.fromSource(builder.build(), watermarks(conf, idleTimeout), uid);
    source.uid(uid);
    return source;
  }

  /** The shared {@link InputWatermarks} over {@link Inbound#eventTime()}: one strategy for every job's input. */
  public static WatermarkStrategy<Inbound> watermarks(Configuration conf) {
    return watermarks(conf, conf.get(JobOptions.IDLE_TIMEOUT));
  }

  private static WatermarkStrategy<Inbound> watermarks(Configuration conf, Duration idleTimeout) {
    return InputWatermarks.strategy(conf.get(JobOptions.MAX_OUT_OF_ORDERNESS), idleTimeout,
        conf.get(JobOptions.WATERMARK_MAX_LEAD), (in, kafkaTs) -> in.eventTime(), InputWatermarks.WallClock.SYSTEM);
  }
}
