package io.matchstream.kafka;

import static io.matchstream.kafka.KafkaTestClients.atLeast;
import static io.matchstream.kafka.KafkaTestClients.readFromStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.matchstream.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker for the class; a fresh topic per test. */
class EmbeddedKafkaTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.builder().start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void bootstrapServersIsOnLoopback() {
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    assertThat(kafka.port()).isPositive();
  }

  @Test
  void producedRecordsComeBackWithKeysAndValuesIntact() throws Exception {
    String topic = freshTopic(3);
    try (KafkaProducer<String, String> producer = KafkaTestClients.producer(kafka)) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(topic, "vacancy-" + i, "{\"n\":" + i + ",\"city\":\"宁波\"}")).get();
      }
    }

    List<ConsumerRecord<String, String>> read;
    try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(kafka, "read_uncommitted")) {
      read = readFromStart(consumer, topic, atLeast(20));
    }

    assertThat(read)
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20)
            .mapToObj(i -> tuple("vacancy-" + i, "{\"n\":" + i + ",\"city\":\"宁波\"}"))
            .collect(Collectors.toList()));
    assertThat(read.stream().map(ConsumerRecord::partition).collect(Collectors.toSet()))
        .as("partitions the keys landed in").hasSizeGreaterThan(1);
  }

  @Test
  void recordsInSimulatedPastTimeAreStampedByTheBrokerSoRetentionKeepsThem() throws Exception {
    String topic = freshTopic(1);
    long march2020 = 1_583_020_800_000L;
    long before = System.currentTimeMillis();
    try (KafkaProducer<String, String> producer = KafkaTestClients.producer(kafka)) {
      producer.send(new ProducerRecord<>(topic, null, march2020, "k", "old event")).get();
    }
    List<ConsumerRecord<String, String>> read;
    try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(kafka, "read_uncommitted")) {
      read = readFromStart(consumer, topic, atLeast(1));
    }
    assertThat(read.get(0).timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
    assertThat(read.get(0).timestamp()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void readCommittedConsumerSeesOnlyCommittedTransactions() {
    String topic = freshTopic(1);
    try (KafkaProducer<String, String> producer = KafkaTestClients.transactionalProducer(kafka, "tx-" + topic)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "m1", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "m2", "committed-2"));
      producer.commitTransaction();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "m3", "aborted-1"));
      producer.send(new ProducerRecord<>(topic, "m4", "aborted-2"));
      producer.flush();
      producer.abortTransaction();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "m5", "committed-3"));
      producer.commitTransaction();
    }

    List<String> committed;
    try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(kafka, "read_committed")) {
      committed = values(readFromStart(consumer, topic, records -> values(records).contains("committed-3")));
    }
    List<String> everything;
    try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(kafka, "read_uncommitted")) {
      everything = values(readFromStart(consumer, topic, records -> values(records).contains("committed-3")));
    }

    assertThat(committed).containsExactly("committed-1", "committed-2", "committed-3");
    assertThat(everything).as("the aborted records were written, only hidden")
        .containsExactly("committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
  }

  @Test
  void createsEveryTopicOfTheDesignWithItsPartitionsAndCleanupPolicy() throws Exception {
    Set<String> names = TopicSpecs.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
    Map<String, TopicDescription> descriptions;
    Map<ConfigResource, Config> configs;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      descriptions = admin.describeTopics(names).allTopicNames().get();
      configs = admin.describeConfigs(names.stream()
          .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toList())).all().get();
    }
    Function<String, String> cleanupPolicy = name -> configs
        .get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();

    assertThat(descriptions).hasSize(12);
    assertThat(TopicSpecs.ALL).allSatisfy(spec ->
        assertThat(descriptions.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions()));
    assertThat(names).allSatisfy(name ->
        assertThat(cleanupPolicy.apply(name)).as(name)
            .isEqualTo(name.equals(Topics.CITY_STATS) || name.equals(Topics.SHORTAGE_RANKING) || name.equals(Topics.ALERTS)
                || name.equals(Topics.NOTIFICATIONS) || name.equals(Topics.MATCH_SETTINGS) ? "compact"
            : name.equals(Topics.CITY_DAYS) || name.equals(Topics.ALERT_LOG) ? "compact,delete" : "delete"));
    Config deadLetters = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEAD_LETTERS));
    assertThat(deadLetters.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(Long.toString(14L * 24 * 3600 * 1000));
    assertThat(deadLetters.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo(Long.toString(1L << 30));
    assertThat(TopicSpecs.ALL).extracting(TopicSpec::name, TopicSpec::partitions).containsExactly(
        tuple("vacancies", 4), tuple("candidates", 4), tuple("matches", 4), tuple("match-outcomes", 4),
        tuple("city-stats", 1), tuple("shortage-ranking", 1), tuple("alerts", 1), tuple("match-settings", 1),
        tuple("dead-letters", 1),
        tuple("notifications", 1), tuple("city-days", 1), tuple("alert-log", 1));
  }

  @Test
  void createTopicIsIdempotentButRefusesADifferentPartitionCount() {
    String topic = freshTopic(2);

    kafka.createTopic(TopicSpec.of(topic, 2));

    assertThatThrownBy(() -> kafka.createTopic(TopicSpec.of(topic, 5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exists with 2 partitions");
  }

  @Test
  void autoCreationIsOffSoTopicsMustBeDeclared() {
    try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(kafka, "read_uncommitted")) {
      assertThat(consumer.partitionsFor("never-created-" + UUID.randomUUID(), Duration.ofSeconds(5))).isEmpty();
    }
  }

  private static String freshTopic(int partitions) {
    String name = "test-" + UUID.randomUUID();
    kafka.createTopic(TopicSpec.of(name, partitions));
    return name;
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
  }
}
