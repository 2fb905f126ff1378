package io.matchstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.common.Inbound;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of the routing state before shards (uid {@code route-vacancies-match-v2}: one key and
 * one membership per vacancy) does not restore into the job: it fails at start, saying which state
 * it cannot map, instead of starting with the routers' memory silently dropped.
 */
class MatchOldSavepointTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

  @TempDir Path savepoints;

  /** The v2 router's shape: keyed by vacancyId, a value state per vacancy. */
  static final class OldRouter extends KeyedProcessFunction<String, Long, Long> {
    private transient ValueState<Long> membership;

    @Override
    public void open(OpenContext ctx) {
      membership = getRuntimeContext().getState(new ValueStateDescriptor<>("membership", Types.LONG));
    }

    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) throws Exception {
      membership.update(v);
    }
  }

  @Test
  void aSavepointOfTheRoutersKeyedByEntityFailsAtStartNamingTheStateItCannotMap() throws Exception {
    String savepoint = oldSavepoint();

    Configuration envConf = new Configuration();
    envConf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(envConf);
    env.setParallelism(1);
    DataStream<Inbound> vacancies = env.fromSequence(0, Long.MAX_VALUE).uid("test-source")
        .map(MatchOldSavepointTest::aVacancy).returns(TypeInformation.of(Inbound.class)).uid("test-vacancies")
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Inbound>forMonotonousTimestamps()
            .withTimestampAssigner((in, ts) -> in.eventTime())).uid("test-watermarks");
    DataStream<Inbound> candidates = env.fromSequence(0, 0).uid("test-no-candidates")
        .filter(i -> false).uid("test-no-candidates-filter")
        .map(i -> Inbound.of(Fixtures.aWelder("cand-000001", Fixtures.MONDAY_9AM)))
        .returns(TypeInformation.of(Inbound.class)).uid("test-candidates");
    MatchJob.Outputs out = MatchJob.build(vacancies, candidates, MatchSettings.defaults());
    out.matches().sinkTo(new DiscardingSink<>()).uid("test-matches");
    out.deadLetters().sinkTo(new DiscardingSink<>()).uid("test-dead-letters");

    JobClient job = env.executeAsync("match-from-a-v2-savepoint");

    assertThatThrownBy(() -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS))
        .hasStackTraceContaining("Cannot map checkpoint/savepoint state for operator")
        .hasStackTraceContaining("allowNonRestoredState");
  }

  private static Inbound aVacancy(long i) {
    return Inbound.of(Fixtures.vacancy("vac-" + (100_000 + i % 10), VacancyEventType.OPENED, "ningbo",
        Fixtures.MONDAY_9AM, Fixtures.MONDAY_9AM, Fixtures.WELDING.essentialSkillIds(), null, null, 6000, 9000,
        null, null));
  }

  /** Runs the v2 shape until it has state, then stops it with a savepoint. */
  private String oldSavepoint() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromSequence(0, Long.MAX_VALUE).uid("test-source")
        .keyBy(v -> "vac-" + (100_000 + v % 10), Types.STRING)
        .process(new OldRouter()).uid("route-vacancies-" + MatchJob.NAME + "-v2")
        .sinkTo(new DiscardingSink<>()).uid("test-old-sink");
    JobClient job = env.executeAsync("match-routers-v2");
    AtomicReference<String> path = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
      path.set(job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
          .get(20, TimeUnit.SECONDS));
      return true;
    });
    assertThat(path.get()).isNotBlank();
    return path.get();
  }
}
