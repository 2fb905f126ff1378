package io.matchstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.MatchJobRuns;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sinks;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.simulator.SimEvent;
import io.matchstream.testkit.kafka.Broker;
import io.matchstream.testkit.kafka.TopicDrain;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.testutils.junit.SharedObjectsExtension;
import org.apache.flink.testutils.junit.SharedReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The match pipeline on a mini cluster (parallelism 2) against a real broker, fed a seeded
 * simulator run; expected output comes from {@link MatchOracle}, which scores everything.
 */
class MatchJobKafkaTest {
  @RegisterExtension
  final SharedObjectsExtension sharedObjects = SharedObjectsExtension.create();

  @RegisterExtension
  static final Broker kafka = Broker.withoutTopics();

  @Test
  void matchesEqualTheBruteForceOracle() throws Exception {
    List<SimEvent> input = MatchJobRuns.twoCities(42, 0.0);
    Configuration conf = freshTopics();
    // What is matched is under test here, not the transactions (the next test): without a failure
    // at-least-once writes each match once, and does not depend on a final checkpoint completing.
    conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
    // No failure is planned: one must fail the test, not be retried into different output.
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    MatchJobRuns.produce(kafka.kafka(), conf, input);

    run(conf, null);

    Map<String, Double> expected = MatchOracle.matches(MatchJobRuns.valid(input), MatchSettings.from(conf));
    assertThat(expected).hasSizeGreaterThan(200);
    assertThat(readMatches(conf)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void exactlyOnceOutputSurvivesAFailureAfterACheckpoint() throws Exception {
    List<SimEvent> input = MatchJobRuns.twoCities(42, 0.0);
    Configuration conf = freshTopics();
    MatchJobRuns.produce(kafka.kafka(), conf, input);
    FailOnceAfterCheckpoint failure = new FailOnceAfterCheckpoint(sharedObjects);

    run(conf, failure);

    assertThat(failure.failed.get().get()).as("the planned failure happened").isTrue();
    Map<String, Double> expected = MatchOracle.matches(MatchJobRuns.valid(input), MatchSettings.from(conf));
    List<Match> committed = readAll(conf.get(JobOptions.TOPIC_MATCHES), Match.class);
    assertThat(committed).extracting(Match::matchId).doesNotHaveDuplicates();
    assertThat(toMap(committed)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void poisonGoesToDeadLettersOnceAndValidMatchesAreUnchanged() throws Exception {
    List<SimEvent> input = MatchJobRuns.twoCities(42, 0.03);
    Configuration conf = freshTopics();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
    Map<String, SimEvent> poisonByProvenance = MatchJobRuns.produce(kafka.kafka(), conf, input);

    run(conf, null);

    assertThat(poisonByProvenance).hasSizeGreaterThan(20);
    List<DeadLetter> dead = readAll(conf.get(JobOptions.TOPIC_DEAD_LETTERS), DeadLetter.class);
    assertThat(dead).extracting(DeadLetter::eventId).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(poisonByProvenance.keySet());
    for (DeadLetter d : dead) {
      SimEvent poison = poisonByProvenance.get(d.eventId());
      assertThat(d.reason()).as("reason for %s", poison.poison()).isNotBlank();
      assertThat(d.rawSize()).isEqualTo(poison.value().length);
      if (d.raw() != null) { // not a JSON object: its first bytes
        byte[] kept = Arrays.copyOf(poison.value(), Math.min(poison.value().length, DeadLetter.MAX_RAW_BYTES));
        assertThat(d.raw()).isEqualTo(kept);
      } else { // a JSON object: its contract fields, the others' names
        assertThat(d.record() != null || d.droppedFields() != null).as("what is kept of %s", poison.poison()).isTrue();
      }
      assertThat(d.job()).isEqualTo("match");
    }
    // The simulator draws poison from its own random stream: without it, the stream is the same.
    List<SimEvent> clean = MatchJobRuns.twoCities(42, 0.0);
    assertThat(MatchJobRuns.valid(input)).hasSameSizeAs(MatchJobRuns.valid(clean));
    Map<String, Double> withoutPoison = MatchOracle.matches(MatchJobRuns.valid(clean), MatchSettings.from(conf));
    assertThat(readMatches(conf)).containsExactlyInAnyOrderEntriesOf(withoutPoison);
  }

  /** Fresh topics of two partitions, read to their end at parallelism 2. */
  private static Configuration freshTopics() {
    Configuration conf = MatchJobRuns.freshTopics(kafka.kafka(), 2);
    conf.set(JobOptions.BOUNDED, true);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    return conf;
  }

  /** Runs the match job to the end of its bounded input, with {@code failure} on the vacancies unless null. */
  private static void run(Configuration conf, FailOnceAfterCheckpoint failure) throws Exception {
    boolean failOnce = failure != null;
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
          .map(failure).uid("fail-once").name("fail once");
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

  /**
   * Slows the input until the first checkpoint completes, then fails once, 50 records later. Its
   * flags are shared objects: the copies Flink deserializes into each subtask, and each restarted
   * one, see the same two flags as the test, and no other test's.
   */
  static final class FailOnceAfterCheckpoint implements MapFunction<Inbound, Inbound>, CheckpointListener {
    final SharedReference<AtomicBoolean> checkpointed;
    final SharedReference<AtomicBoolean> failed;
    private int seenSinceCheckpoint;

    FailOnceAfterCheckpoint(SharedObjectsExtension shared) {
      this.checkpointed = shared.add(new AtomicBoolean());
      this.failed = shared.add(new AtomicBoolean());
    }

    @Override
    public Inbound map(Inbound in) throws Exception {
      if (!checkpointed.get().get()) {
        // A throttle on the job under test, not a wait in the test: until a checkpoint completes,
        // each record takes 20 ms, so barriers pass and a checkpoint completes before the bounded
        // input ends (else the planned failure could never follow a checkpoint).
        Thread.sleep(20);
      } else if (!failed.get().get() && ++seenSinceCheckpoint > 50) {
        failed.get().set(true);
        throw new IllegalStateException("planned failure after a completed checkpoint");
      }
      return in;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed.get().set(true);
    }
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

  /** Every committed record of the topic, read once no transaction is open on it (the job has finished). */
  private static <T> List<T> readAll(String topic, Class<T> type) {
    // Dead letters too must fit the codec's limit (DeadLetters' bounds see to it).
    return TopicDrain.of(kafka.bootstrapServers()).onceTransactionsClosed().values(topic, b -> EventCodec.decode(b, type));
  }
}
