package io.matchstream.kafka;

import static io.matchstream.kafka.KafkaTestClients.atLeast;
import static io.matchstream.kafka.KafkaTestClients.readFromStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop and restart: each test runs its own brokers. */
class EmbeddedKafkaLifecycleTest {

  @Test
  void restartOnTheSameDataDirectoryKeepsRecords(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).start();
        KafkaProducer<String, String> producer = KafkaTestClients.producer(kafka)) {
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(Topics.VACANCIES, "v-" + i, "opened-" + i)).get();
      }
    }
    assertThat(dir).as("data kept after close").isNotEmptyDirectory();

    List<ConsumerRecord<String, String>> read;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).start();
        KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(kafka, "read_committed")) {
      read = readFromStart(consumer, Topics.VACANCIES, atLeast(3));
    }

    assertThat(read).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactlyInAnyOrder(
        tuple("v-0", "opened-0"),
        tuple("v-1", "opened-1"),
        tuple("v-2", "opened-2"));
  }

  @Test
  void closeFreesThePort() throws IOException {
    int port;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().topics(List.of()).start()) {
      port = kafka.port();
      assertThat(canBind(port)).as("port in use while running").isFalse();
    }

    assertThat(canBind(port)).as("port free after close").isTrue();
  }

  @Test
  void restartsOnTheSameFixedPort() throws IOException {
    int port = freePort();
    for (int run = 0; run < 2; run++) {
      try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).topics(List.of()).start()) {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      }
    }
  }

  @Test
  void closeLeavesNoThreadsBehindThatWouldKeepTheJvmAlive() throws InterruptedException {
    Set<Thread> before = liveNonDaemonThreads();

    EmbeddedKafka.builder().topics(List.of(TopicSpec.compacted("t", 1))).start().close();

    await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
        assertThat(lingering(before).stream().map(Thread::getName).collect(Collectors.toList())).isEmpty());
  }

  @Test
  void temporaryDataDirectoryIsDeletedOnClose() {
    Path dir;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().topics(List.of()).start()) {
      dir = kafka.dataDir();
      assertThat(dir).isNotEmptyDirectory();
    }

    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void closeTwiceIsHarmless() {
    EmbeddedKafka kafka = EmbeddedKafka.builder().topics(List.of()).start();
    kafka.close();
    kafka.close();
    assertThat(Files.exists(kafka.dataDir())).isFalse();
  }

  private static Set<Thread> lingering(Set<Thread> before) {
    Set<Thread> now = liveNonDaemonThreads();
    now.removeAll(before);
    return now;
  }

  private static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }

  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
