package io.matchstream.jobs.stats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the tests: write records in order, read a topic to its end. */
final class KafkaIo {
  /** One record to write. */
  record Rec(String topic, String key, byte[] value) {}

  /** One record read, with its key. */
  record Keyed(String key, byte[] value) {}

  private KafkaIo() {}

  static void produce(String bootstrap, List<Rec> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (Rec r : records) {
        producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
      }
      producer.flush();
    }
  }

  /** Every record of a topic up to its end offsets now; committed records only if asked. */
  static List<byte[]> readAll(String bootstrap, String topic, boolean readCommitted) {
    return read(bootstrap, topic, readCommitted).stream().map(Keyed::value).toList();
  }

  /** As {@link #readAll}, uncommitted records included, with each record's key. */
  static List<Keyed> readAllKeyed(String bootstrap, String topic) {
    return read(bootstrap, topic, false);
  }

  private static List<Keyed> read(String bootstrap, String topic, boolean readCommitted) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<Keyed> out = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(new Keyed(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value()));
        }
      }
    }
    return out;
  }
}
