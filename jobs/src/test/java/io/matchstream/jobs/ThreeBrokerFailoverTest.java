package io.matchstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.kafka.KafkaCluster;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.simulator.KafkaEventWriter;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import io.matchstream.testkit.kafka.TopicDrain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once match job on three KRaft brokers (replication 3, {@code min.insync.replicas} 2):
 * the simulator's producer (acks=all, idempotent) writes the input while one broker restarts, then
 * the leaders of an input partition and of a {@code matches} partition are stopped and restarted
 * while the job runs; once it has read everything it is stopped with a draining savepoint (what
 * the end of a bounded run does). The producer loses nothing, and the committed matches equal those of a run
 * without faults, none missing and none twice. Profile {@code faults}.
 */
@Tag("faults")
class ThreeBrokerFailoverTest {
  private static KafkaCluster kafka;

  @TempDir
  Path savepoints;

  @BeforeAll
  static void startCluster() {
    kafka = KafkaCluster.start(3);
  }

  @AfterAll
  static void stopCluster() {
    kafka.close();
  }

  @Test
  void committedMatchesSurviveLosingPartitionLeadersUnderTheJob() throws Exception {
    List<SimEvent> input = simulate();

    Configuration clean = topics("clean-");
    produce(clean, input);
    runToEnd(clean, null);
    Map<String, Double> expected = committedMatches(clean);
    assertThat(expected).hasSizeGreaterThan(200);

    // The simulator's own producer writes the default topics while a broker restarts.
    Configuration faulty = topics("");
    KafkaEventWriter writer = new KafkaEventWriter(kafka.bootstrapServers(), input.iterator(), 0, input.size() / 20.0, line -> { });
    CompletableFuture<Void> writing = CompletableFuture.runAsync(writer);
    await().atMost(Duration.ofMinutes(2)).until(() -> writer.sent() > input.size() / 3);
    int restarted = kafka.leaderOf(Topics.CANDIDATES, 0).orElseThrow();
    kafka.stopNode(restarted);
    await().atMost(Duration.ofMinutes(2)).until(() -> writer.sent() > 2L * input.size() / 3 || writing.isDone());
    kafka.startNode(restarted);
    writing.get(5, TimeUnit.MINUTES);
    assertThat(writer.failure()).isNull();
    assertThat(recordCount(faulty)).as("records the producer wrote").isEqualTo(input.size());

    // Unbounded, so the job is surely running while the leaders go; drained once it has read all.
    faulty.set(JobOptions.BOUNDED, false);
    List<Integer> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    runToEnd(faulty, job -> {
      awaitCommit(faulty, offsets -> !offsets.isEmpty());
      stopped.add(restartLeader(conf(faulty, JobOptions.TOPIC_MATCHES), 0));
      // Running, or restarting from its checkpoint if the fault failed a task: not over.
      assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job is over").isFalse();
      stopped.add(restartLeader(conf(faulty, JobOptions.TOPIC_VACANCIES), 0));
      assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job is over").isFalse();
      Map<TopicPartition, Long> end = inputEnd(faulty);
      awaitCommit(faulty, offsets -> offsets.equals(end));
      job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get(5, TimeUnit.MINUTES);
    });
    Map<String, Double> committed = committedMatches(faulty);
    assertThat(committed).containsExactlyInAnyOrderEntriesOf(expected);
    System.out.printf("three brokers: the simulator's producer wrote %d of %d records while node %d restarted;"
            + " the match job lost the leaders of %s-0 (node %d) and %s-0 (node %d): %d matches committed,"
            + " %d in the failure-free run, 0 lost, 0 twice%n", recordCount(faulty), input.size(), restarted,
        conf(faulty, JobOptions.TOPIC_MATCHES), stopped.get(0), conf(faulty, JobOptions.TOPIC_VACANCIES), stopped.get(1),
        committed.size(), expected.size());
  }

  private interface Faults {
    void inject(JobClient job) throws Exception;
  }

  private static String conf(Configuration c, org.apache.flink.configuration.ConfigOption<String> o) {
    return c.get(o);
  }

  /** Stops the partition's leader until another leads, starts it again until it is in sync; returns it. */
  private static int restartLeader(String topic, int partition) {
    int leader = kafka.leaderOf(topic, partition).orElseThrow();
    kafka.stopNode(leader);
    await().atMost(Duration.ofMinutes(1)).until(() -> kafka.leaderOf(topic, partition).filter(l -> l != leader).isPresent());
    kafka.startNode(leader);
    await().atMost(Duration.ofMinutes(2)).until(() -> kafka.inSyncReplicasOf(topic, partition).size() == 3);
    return leader;
  }

  private void runToEnd(Configuration conf, Faults faults) throws Exception {
    Configuration c = new Configuration(conf);
    c.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    StreamExecutionEnvironment env = JobEnvironment.create(c);
    MatchJob.wireKafka(env, c);
    JobClient job = env.executeAsync("match on three brokers");
    try {
      if (faults != null) {
        faults.inject(job);
      }
      job.getJobExecutionResult().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      job.cancel();
      throw e;
    }
  }

  /** Waits until the offsets the job committed (on completed checkpoints) satisfy {@code done}. */
  private static void awaitCommit(Configuration conf, java.util.function.Predicate<Map<TopicPartition, Long>> done) {
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(conf.get(JobOptions.GROUP_ID_PREFIX) + "-" + MatchJob.NAME)
            .partitionsToOffsetAndMetadata().get().forEach((tp, o) -> offsets.put(tp, o.offset()));
        return done.test(offsets);
      }
    });
  }

  private static Map<TopicPartition, Long> inputEnd(Configuration conf) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String t : List.of(conf.get(JobOptions.TOPIC_VACANCIES), conf.get(JobOptions.TOPIC_CANDIDATES))) {
        for (int i = 0; i < 2; i++) {
          latest.put(new TopicPartition(t, i), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, r) -> end.put(tp, r.offset()));
      return end;
    }
  }

  private static List<SimEvent> simulate() {
    SimulatorConfig config = SimulatorConfig.builder()
        .seed(42).cities("ningbo", "hangzhou").duration(Duration.ofHours(36)).volumeScale(0.04).build();
    List<SimEvent> events = new ArrayList<>();
    Simulator.events(config).forEachRemaining(events::add);
    return events;
  }

  private static Configuration topics(String prefix) {
    Configuration conf = new Configuration();
    conf.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    conf.set(JobOptions.BOUNDED, true);
    conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.EXACTLY_ONCE);
    conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
    conf.set(JobOptions.MAX_OUT_OF_ORDERNESS, Simulator.MAX_DISORDER);
    conf.set(JobOptions.IDLE_TIMEOUT, Duration.ofMinutes(10));
    conf.set(JobOptions.TRANSACTIONAL_ID_PREFIX, prefix + "three-brokers");
    conf.set(JobOptions.GROUP_ID_PREFIX, prefix + "three-brokers");
    conf.set(JobOptions.TOPIC_VACANCIES, prefix + Topics.VACANCIES);
    conf.set(JobOptions.TOPIC_CANDIDATES, prefix + Topics.CANDIDATES);
    conf.set(JobOptions.TOPIC_MATCHES, prefix + "matches");
    conf.set(JobOptions.TOPIC_DEAD_LETTERS, prefix + "dead-letters");
    for (var t : List.of(JobOptions.TOPIC_VACANCIES, JobOptions.TOPIC_CANDIDATES, JobOptions.TOPIC_MATCHES,
        JobOptions.TOPIC_DEAD_LETTERS)) {
      kafka.createTopic(new TopicSpec(conf.get(t), 2, Map.of("min.insync.replicas", "2")));
    }
    return conf;
  }

  private static void produce(Configuration conf, List<SimEvent> input) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (SimEvent e : input) {
        String topic = conf.get(e.topic().equals(Topics.VACANCIES) ? JobOptions.TOPIC_VACANCIES : JobOptions.TOPIC_CANDIDATES);
        producer.send(new ProducerRecord<>(topic, e.key().getBytes(StandardCharsets.UTF_8), e.value()));
      }
      producer.flush();
    }
  }

  private static long recordCount(Configuration conf) throws Exception {
    return inputEnd(conf).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The committed matches by id with their score; a match twice fails the test. */
  private static Map<String, Double> committedMatches(Configuration conf) {
    // The sink may commit its last transaction just after the job reports finished.
    List<Match> out = TopicDrain.of(kafka.bootstrapServers()).onceTransactionsClosed()
        .values(conf.get(JobOptions.TOPIC_MATCHES), EventCodec::decodeMatch);
    assertThat(out).extracting(Match::matchId).as("matches committed twice").doesNotHaveDuplicates();
    return out.stream().collect(Collectors.toMap(Match::matchId, Match::score));
  }
}
