package io.matchstream.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.matchstream.jobs.stats.records.StatsInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * A savepoint of the state format before compact state (one key per vacancy under uid {@code
 * stats-vacancy-lifecycle}) does not restore into the job: it fails at start, saying which state
 * it cannot map, instead of starting with part of its state silently dropped.
 */
class OldSavepointTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

  @TempDir Path savepoints;

  /** The old operator's shape: keyed by vacancyId, a value state per vacancy. */
  static final class OldLifecycle extends KeyedProcessFunction<String, Long, Long> {
    private transient ValueState<Long> post;

    @Override
    public void open(OpenContext ctx) {
      post = getRuntimeContext().getState(new ValueStateDescriptor<>("post", Types.LONG));
    }

    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) throws Exception {
      post.update(v);
    }
  }

  @Test
  void aSavepointOfTheOldStateFormatFailsAtStartNamingTheStateItCannotMap() throws Exception {
    String savepoint = oldSavepoint();

    Configuration envConf = new Configuration();
    envConf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(envConf);
    env.setParallelism(1);
    StatsSettings settings = StatsSettings.defaults();
    DataStream<StatsInput> input = env.fromSequence(0, Long.MAX_VALUE).uid("test-source")
        .map(OldSavepointTest::aVacancy).returns(TypeInformation.of(StatsInput.class)).uid("test-input")
        .assignTimestampsAndWatermarks(CityStatsJob.watermarks(new Configuration())).uid("test-watermarks");
    CityStatsJob.Outputs out = CityStatsJob.build(input, settings);
    out.cityStats().sinkTo(new DiscardingSink<>()).uid("test-stats");
    out.alerts().sinkTo(new DiscardingSink<>()).uid("test-alerts");
    out.deadLetters().sinkTo(new DiscardingSink<>()).uid("test-dead-letters");

    JobClient job = env.executeAsync("city-stats-from-an-old-savepoint");

    assertThatThrownBy(() -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS))
        .hasStackTraceContaining("Cannot map checkpoint/savepoint state for operator")
        .hasStackTraceContaining("allowNonRestoredState");
  }

  private static StatsInput aVacancy(long i) {
    StatsInput in = new StatsInput();
    in.vacancy = Fixtures.aTechnicalPost("vac-" + (100_000 + i % 10), io.matchstream.events.VacancyEventType.OPENED,
        Fixtures.MONDAY_MORNING, Fixtures.MONDAY_MORNING);
    in.eventTime = in.vacancy.eventTime;
    return in;
  }

  /** Runs the old shape until it has state, then stops it with a savepoint. */
  private String oldSavepoint() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromSequence(0, Long.MAX_VALUE).uid("test-source")
        .keyBy(v -> "vac-" + (100_000 + v % 10), Types.STRING)
        .process(new OldLifecycle()).uid("stats-vacancy-lifecycle")
        .sinkTo(new DiscardingSink<>()).uid("test-old-sink");
    JobClient job = env.executeAsync("city-stats-old-format");
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
