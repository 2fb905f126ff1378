package io.matchstream.bench.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the job benchmarks share: timing a bounded job, the pass-through's sink, counting output. */
public final class BenchFlink {
  private BenchFlink() {}

  /** Runs the bounded job to its end; returns the wall-clock seconds from submit to finish. */
  public static double timed(StreamExecutionEnvironment env, String name) throws Exception {
    long t0 = System.nanoTime();
    env.execute(name);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The pass-through's sink: already-serialised values, no key, at-least-once. */
  public static KafkaSink<byte[]> bytesSink(String bootstrap, String topic) {
    return KafkaSink.<byte[]>builder().setBootstrapServers(bootstrap)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer((KafkaRecordSerializationSchema<byte[]>) (v, c, t) -> new ProducerRecord<>(topic, null, v))
        .build();
  }

  /**
   * Committed records in {@code topic} (read_committed, so an exactly-once sink's aborted or open
   * transactions do not count), read to the end offsets seen at the start, within {@code timeout}.
   */
  public static long countCommitted(String bootstrap, String topic, Duration timeout) {
    return committed(bootstrap, topic, timeout).count();
  }

  /**
   * What a topic holds, committed: how many records, and the first and last broker append times
   * (the topic must have {@code message.timestamp.type=LogAppendTime}, see {@link #APPEND_TIME}).
   */
  public record Committed(long count, long firstMillis, long lastMillis) {
    /** Seconds from the first record out to the last. */
    public double spanSeconds() {
      return (lastMillis - firstMillis) / 1e3;
    }
  }

  /** Topic config stamping each record with the broker's time: when it came out of the job. */
  public static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

  /** Like {@link #countCommitted}, with the first and last record's timestamps. */
  public static Committed committed(String bootstrap, String topic, Duration timeout) {
    Properties p = new Properties();
    p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long n = 0;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
        }
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          n++;
          first = Math.min(first, r.timestamp());
          last = Math.max(last, r.timestamp());
        }
      }
      return new Committed(n, first, last);
    }
  }
}
