package io.matchstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.Match;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.simulator.SimEvent;
import io.matchstream.testkit.kafka.Broker;
import io.matchstream.testkit.kafka.TopicDrain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading and rescaling the match job keeps its pools: the input in three parts, the job stopped
 * with a savepoint after each part, restarted from it as a changed job (an added stateful operator,
 * changed options) at another parallelism (2, then 4, then 1). Its matches must be exactly those of
 * a run that read everything at parallelism 2 without stopping, and some of the matches made after
 * a restore must pair entities that only the restored pools held.
 *
 * <p>Written against the job's wiring ({@link MatchJob#wireKafka}) and the shared sources, not its
 * operators, so it holds whatever the pools look like inside. Minutes long: profile {@code faults}.
 */
@Tag("faults")
class UpgradeAndRescaleTest {
  @RegisterExtension
  static final Broker kafka = Broker.withoutTopics();

  @TempDir
  Path savepoints;

  @Test
  void aChangedJobRestoredAtParallelism4ThenAt1MatchesLikeOneThatNeverStopped() throws Exception {
    List<SimEvent> input = MatchJobRuns.twoCities(7, 0.0);
    int third = input.size() / 3;
    List<List<SimEvent>> parts = List.of(input.subList(0, third), input.subList(third, 2 * third),
        input.subList(2 * third, input.size()));

    Configuration baseline = freshTopics();
    MatchJobRuns.produce(kafka.kafka(), baseline, input);
    baseline.set(JobOptions.BOUNDED, true);
    StreamExecutionEnvironment env = env(baseline, 2, null);
    MatchJob.wireKafka(env, baseline);
    env.execute("never stopped");
    Set<String> expected = matchIds(baseline);
    assertThat(expected).hasSizeGreaterThan(200);

    Configuration v1 = freshTopics();
    MatchJobRuns.produce(kafka.kafka(), v1, parts.get(0));
    String first = runUntilConsumedThenSavepoint(v1, 2, null, false, false);
    Set<String> beforeRestore = matchIds(v1);

    Configuration v2 = new Configuration(v1);
    v2.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(700));
    v2.set(JobOptions.IDLE_TIMEOUT, Duration.ofMinutes(15));
    MatchJobRuns.produce(kafka.kafka(), v2, parts.get(1));
    String second = runUntilConsumedThenSavepoint(v2, 4, first, true, false);
    MatchJobRuns.produce(kafka.kafka(), v2, parts.get(2));
    runUntilConsumedThenSavepoint(v2, 1, second, true, true);

    List<Match> written = matches(v2);
    assertThat(written.stream().map(Match::matchId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(expected);
    Set<String> onlyFirstPart = entitiesOnlyIn(parts.get(0), input);
    long fromRestoredPools = written.stream()
        .filter(m -> !beforeRestore.contains(m.matchId()))
        .filter(m -> onlyFirstPart.contains(m.vacancyId()) || onlyFirstPart.contains(m.candidateId()))
        .map(Match::matchId).distinct().count();
    assertThat(fromRestoredPools).as("matches after a restore with an entity only the restored pools held")
        .isPositive();
  }

  /**
   * Runs the match job (plus, when {@code changed}, an added stateful operator) from {@code restore}
   * until its consumer group has committed the end of both inputs, then stops it with a savepoint;
   * with {@code drain}, the savepoint first advances event time to the end, as the end of a
   * bounded run does.
   */
  private String runUntilConsumedThenSavepoint(Configuration conf, int parallelism, String restore, boolean changed,
      boolean drain) throws Exception {
    StreamExecutionEnvironment env = env(conf, parallelism, restore);
    MatchJob.wireKafka(env, conf);
    if (changed) {
      Sources.kafka(env, conf, conf.get(JobOptions.TOPIC_VACANCIES), Kind.VACANCY, "audit")
          .keyBy(UpgradeAndRescaleTest::cityOf)
          .process(new CountPerCity()).uid("audit-vacancies-per-city").name("added: vacancies per city")
          .sinkTo(new DiscardingSink<>()).uid("audit-discard").name("added: discard");
    }
    JobClient job = env.executeAsync("match p=" + parallelism);
    try {
      Map<TopicPartition, Long> end = endOffsets(conf);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .until(() -> committed(conf).equals(end));
      return job.stopWithSavepoint(drain, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
          .get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      job.cancel();
      throw e;
    }
  }

  private static String cityOf(Inbound in) {
    return in.vacancy() != null ? in.vacancy().cityId() : "";
  }

  /** The operator an upgrade adds: keyed state that the savepoint knows nothing of. */
  static final class CountPerCity extends KeyedProcessFunction<String, Inbound, Long> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(Inbound in, Context ctx, Collector<Long> out) throws Exception {
      long n = count.value() == null ? 1 : count.value() + 1;
      count.update(n);
      out.collect(n);
    }
  }

  private static StreamExecutionEnvironment env(Configuration conf, int parallelism, String restore) {
    Configuration c = new Configuration(conf);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    if (restore != null) {
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
    }
    return JobEnvironment.create(c);
  }

  /** Fresh topics of four partitions (room to rescale to 4), written at least once. */
  private static Configuration freshTopics() {
    Configuration conf = MatchJobRuns.freshTopics(kafka.kafka(), 4);
    conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
    return conf;
  }

  private static List<TopicPartition> inputs(Configuration conf) {
    List<TopicPartition> parts = new ArrayList<>();
    for (String t : List.of(conf.get(JobOptions.TOPIC_VACANCIES), conf.get(JobOptions.TOPIC_CANDIDATES))) {
      for (int i = 0; i < 4; i++) {
        parts.add(new TopicPartition(t, i));
      }
    }
    return parts;
  }

  private static Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  private static Map<TopicPartition, Long> endOffsets(Configuration conf) throws Exception {
    try (Admin admin = admin()) {
      return admin.listOffsets(inputs(conf).stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
          .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
  }

  /** What the job's source has committed (on each completed checkpoint), partitions without a commit at 0. */
  private static Map<TopicPartition, Long> committed(Configuration conf) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin
          .listConsumerGroupOffsets(conf.get(JobOptions.GROUP_ID_PREFIX) + "-" + MatchJob.NAME)
          .partitionsToOffsetAndMetadata().get();
      return inputs(conf).stream().collect(Collectors.toMap(tp -> tp,
          tp -> offsets.get(tp) == null ? 0L : offsets.get(tp).offset()));
    }
  }

  private static List<Match> matches(Configuration conf) {
    return TopicDrain.of(kafka.bootstrapServers()).readUncommitted()
        .values(conf.get(JobOptions.TOPIC_MATCHES), EventCodec::decodeMatch);
  }

  /** Match ids (at-least-once may write one twice after a stop: the id is the match). */
  private static Set<String> matchIds(Configuration conf) throws Exception {
    return matches(conf).stream().map(Match::matchId).collect(Collectors.toSet());
  }

  /** Vacancy and candidate ids with events in {@code part} and nowhere after it. */
  private static Set<String> entitiesOnlyIn(List<SimEvent> part, List<SimEvent> all) {
    Set<String> in = part.stream().map(SimEvent::key).collect(Collectors.toSet());
    Set<String> later = new HashSet<>(all.subList(part.size(), all.size()).stream().map(SimEvent::key).toList());
    in.removeAll(later);
    return in;
  }
}
