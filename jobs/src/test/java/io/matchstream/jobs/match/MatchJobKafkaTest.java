package io.matchstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sinks;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The match pipeline on a mini cluster (parallelism 2) against a real broker. */
class MatchJobKafkaTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.builder().topics(List.of()).start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void matchesEqualTheBruteForceOracle() throws Exception {
    List<SeededInput.Rec> input = SeededInput.generate(42, 3000, 0.0);
    Configuration conf = freshTopics();
    produce(conf, input);

    run(conf, false);

    Map<String, Double> expected = MatchOracle.matches(valid(input), MatchSettings.from(conf));
    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(readMatches(conf)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void exactlyOnceOutputSurvivesAFailureAfterACheckpoint() throws Exception {
    List<SeededInput.Rec> input = SeededInput.generate(7, 3000, 0.0);
    Configuration conf = freshTopics();
    produce(conf, input);
    FailOnceAfterCheckpoint.reset();

    run(conf, true);

    assertThat(FailOnceAfterCheckpoint.FAILED.get()).as("the planned failure happened").isTrue();
    Map<String, Double> expected = MatchOracle.matches(valid(input), MatchSettings.from(conf));
    List<Match> committed = readAll(conf.get(JobOptions.TOPIC_MATCHES), Match.class);
    assertThat(committed).extracting(Match::matchId).doesNotHaveDuplicates();
    assertThat(toMap(committed)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void poisonGoesToDeadLettersOnceAndValidMatchesAreUnchanged() throws Exception {
    List<SeededInput.Rec> input = SeededInput.generate(42, 3000, 0.05);
    Configuration conf = freshTopics();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    Map<String, SeededInput.Rec> poisonByProvenance = produce(conf, input);

    run(conf, false);

    assertThat(poisonByProvenance).hasSizeGreaterThan(20);
    List<DeadLetter> dead = readAll(conf.get(JobOptions.TOPIC_DEAD_LETTERS), DeadLetter.class);
    assertThat(dead).extracting(DeadLetter::eventId).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(poisonByProvenance.keySet());
    for (DeadLetter d : dead) {
      assertThat(d.reason()).isNotBlank();
      assertThat(d.raw()).isEqualTo(poisonByProvenance.get(d.eventId()).value());
      assertThat(d.job()).isEqualTo("match");
    }
    Map<String, Double> withoutPoison = MatchOracle.matches(valid(SeededInput.generate(42, 3000, 0.0)),
        MatchSettings.from(conf));
    assertThat(readMatches(conf)).containsExactlyInAnyOrderEntriesOf(withoutPoison);
  }

  private static Configuration freshTopics() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Configuration conf = new Configuration();
    conf.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    conf.set(JobOptions.BOUNDED, true);
    conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(300));
    conf.set(JobOptions.TRANSACTIONAL_ID_PREFIX, "test-" + run);
    conf.set(JobOptions.GROUP_ID_PREFIX, "test-" + run);
    conf.set(JobOptions.TOPIC_VACANCIES, "vacancies-" + run);
    conf.set(JobOptions.TOPIC_CANDIDATES, "candidates-" + run);
    conf.set(JobOptions.TOPIC_MATCHES, "matches-" + run);
    conf.set(JobOptions.TOPIC_DEAD_LETTERS, "dead-letters-" + run);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    for (var t : List.of(JobOptions.TOPIC_VACANCIES, JobOptions.TOPIC_CANDIDATES, JobOptions.TOPIC_MATCHES,
        JobOptions.TOPIC_DEAD_LETTERS)) {
      kafka.createTopic(new TopicSpec(conf.get(t), 2, Map.of()));
    }
    return conf;
  }

  /** Produces the input; returns the poison records by their provenance id. */
  private static Map<String, SeededInput.Rec> produce(Configuration conf, List<SeededInput.Rec> input)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("enable.idempotence", "true");
    Map<String, SeededInput.Rec> poison = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (SeededInput.Rec r : input) {
        String topic = conf.get(r.vacancyTopic() ? JobOptions.TOPIC_VACANCIES : JobOptions.TOPIC_CANDIDATES);
        var md = producer.send(new ProducerRecord<>(topic, r.key().getBytes(), r.value())).get();
        if (r.event() == null) {
          poison.put(DeadLetter.idOf(topic, md.partition(), md.offset()), r);
        }
      }
    }
    return poison;
  }

  private static void run(Configuration conf, boolean failOnce) throws Exception {
    Configuration envConf = new Configuration(conf);
    if (failOnce) {
      envConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      envConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
      envConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    }
    StreamExecutionEnvironment env = JobEnvironment.create(envConf);
    if (!failOnce) {
      MatchJob.wireKafka(env, conf);
    } else {
      // The same pipeline, with a planned failure on the vacancy input after a completed checkpoint.
      DataStream<Inbound> vacancies = Sources.kafka(env, conf, conf.get(JobOptions.TOPIC_VACANCIES), Kind.VACANCY, "match")
          .map(new FailOnceAfterCheckpoint()).uid("fail-once").name("fail once");
      DataStream<Inbound> candidates =
          Sources.kafka(env, conf, conf.get(JobOptions.TOPIC_CANDIDATES), Kind.CANDIDATE, "match");
      MatchJob.Outputs out = MatchJob.build(vacancies, candidates, MatchSettings.from(conf));
      out.matches().sinkTo(Sinks.json(conf, conf.get(JobOptions.TOPIC_MATCHES), Match.class, Match::matchId, "m"))
          .uid("sink-matches").name("matches");
      out.deadLetters().sinkTo(Sinks.json(conf, conf.get(JobOptions.TOPIC_DEAD_LETTERS), DeadLetter.class, d -> null, "d"))
          .uid("sink-dead").name("dead letters");
    }
    env.execute("match test");
  }

  /** Slows the input until the first checkpoint completes, then fails once, 200 records later. */
  static final class FailOnceAfterCheckpoint implements MapFunction<Inbound, Inbound>, CheckpointListener {
    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    private int seenSinceCheckpoint;

    static void reset() {
      CHECKPOINTED.set(false);
      FAILED.set(false);
    }

    @Override
    public Inbound map(Inbound in) throws Exception {
      if (!CHECKPOINTED.get()) {
        // Leaves room for barriers between records, so a checkpoint completes before the input ends.
        Thread.sleep(2);
      } else if (!FAILED.get() && ++seenSinceCheckpoint > 200) {
        FAILED.set(true);
        throw new IllegalStateException("planned failure after a completed checkpoint");
      }
      return in;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.set(true);
    }
  }

  private static List<Object> valid(List<SeededInput.Rec> input) {
    List<Object> events = new ArrayList<>();
    for (SeededInput.Rec r : input) {
      if (r.event() != null) {
        events.add(r.event());
      }
    }
    return events;
  }

  private static Map<String, Double> readMatches(Configuration conf) throws Exception {
    List<Match> matches = readAll(conf.get(JobOptions.TOPIC_MATCHES), Match.class);
    assertThat(matches).extracting(Match::matchId).doesNotHaveDuplicates();
    return toMap(matches);
  }

  private static Map<String, Double> toMap(List<Match> matches) {
    Map<String, Double> m = new HashMap<>();
    matches.forEach(x -> m.put(x.matchId(), x.score()));
    return m;
  }

  /** Every committed record of the topic, read up to the end offsets (the job has finished). */
  private static <T> List<T> readAll(String topic, Class<T> type) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("read %s before the deadline", topic).isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(EventCodec.decode(r.value(), type));
        }
      }
    }
    return out;
  }
}
