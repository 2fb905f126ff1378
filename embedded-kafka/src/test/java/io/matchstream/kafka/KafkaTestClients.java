package io.matchstream.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/** Plain string clients against an embedded broker, and reading with a deadline. */
final class KafkaTestClients {

  static final Duration DEADLINE = Duration.ofSeconds(30);

  private KafkaTestClients() {
  }

  static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
  }

  static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka, String transactionalId) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
        // fail the test in seconds rather than hang for a minute if transactions do not work
        ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000"), new StringSerializer(), new StringSerializer());
  }

  /** A consumer without a group; read with {@link #readFromStart}. */
  static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka, String isolationLevel) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
  }

  /**
   * Reads every partition of the topic from the beginning until {@code done} holds for what was
   * read, or fails at the deadline with what was read so far.
   */
  static List<ConsumerRecord<String, String>> readFromStart(KafkaConsumer<String, String> consumer, String topic,
      Predicate<List<ConsumerRecord<String, String>>> done) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .collect(Collectors.toList());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try {
      await().atMost(DEADLINE).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
          .until(() -> {
            if (done.test(read)) return true;
            consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            return done.test(read);
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("gave up after " + DEADLINE + " on " + topic + "; read " + read.size()
          + " records: " + read);
    }
    return read;
  }

  static Predicate<List<ConsumerRecord<String, String>>> atLeast(int count) {
    return records -> records.size() >= count;
  }
}
