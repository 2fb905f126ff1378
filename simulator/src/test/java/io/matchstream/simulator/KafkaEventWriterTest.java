package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.Topics;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaEventWriterTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private EmbeddedKafka kafka;

  /** A broker per test: the simulator's topic names are fixed, so each test gets fresh topics. */
  @BeforeEach
  void startBroker() {
    kafka = EmbeddedKafka.builder().topics(List.of(
        new TopicSpec(Topics.VACANCIES, 2, Map.of()), new TopicSpec(Topics.CANDIDATES, 2, Map.of()))).start();
  }

  @AfterEach
  void stopBroker() {
    if (kafka != null) kafka.close();
  }

  @Test
  void writesExactlyTheSimulatedEventsStampedWithTheTimeTheyWereSent() {
    long before = System.currentTimeMillis();
    SimulatorConfig config =
        SimulatorConfig.builder().cities("ningbo").volumeScale(0.05).maxEvents(2_000).poisonRate(0.02).build();
    List<SimEvent> expected = Simulator.stream(config).toList();

    KafkaEventWriter writer = new KafkaEventWriter(kafka.bootstrapServers(), Simulator.events(config), 0, 0, null);
    writer.run();
    assertThat(writer.sent()).isEqualTo(expected.size());

    List<ConsumerRecord<String, byte[]>> read = readAll(expected.size());
    assertThat(read).hasSize(expected.size());
    assertThat(read.stream().map(r -> r.topic() + "|" + r.key() + "|" + new String(r.value())))
        .containsExactlyInAnyOrderElementsOf(expected.stream()
            .map(e -> e.topic() + "|" + e.key() + "|" + e.valueAsString()).toList());
    // Not the simulated event time (months back, which retention would delete): the time of sending.
    assertThat(read).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(before));
  }

  @Test
  void stopEndsAnUnboundedRunAndFlushesWhatWasSent() throws Exception {
    SimulatorConfig unbounded = SimulatorConfig.builder().cities("xining").volumeScale(0.05).build();
    KafkaEventWriter writer = new KafkaEventWriter(kafka.bootstrapServers(), Simulator.events(unbounded), 144, 200, null);
    Thread t = new Thread(writer, "writer");
    t.start();
    await("50 events sent").atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> writer.sent() >= 50);
    writer.stop();
    t.join(DEADLINE.toMillis());
    assertThat(t.isAlive()).isFalse();
    assertThat(writer.failure()).isNull();
  }

  private List<ConsumerRecord<String, byte[]>> readAll(int atLeast) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "t-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(Topics.VACANCIES, Topics.CANDIDATES));
      try {
        await().atMost(DEADLINE).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
          c.poll(Duration.ofMillis(200)).forEach(out::add);
          return out.size() >= atLeast;
        });
      } catch (ConditionTimeoutException e) {
        // fewer than expected: the caller's assertion on what was read names the shortfall
      }
      // anything beyond the expected count would be a duplicate: give it a moment to show up
      c.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }
}
