package io.matchstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * Savepoints of an earlier state layout, for the tests that a job refuses them at start: an
 * operator of the old shape (keyed by vacancy id, one value per vacancy) under the old uid, run
 * until it has state and stopped with a savepoint; and the check that a job started from it fails
 * naming the state it cannot map.
 */
public final class OldSavepoints {
  private OldSavepoints() {}

  /** The old shape: keyed by vacancyId, one value state per vacancy. */
  static final class OneValuePerVacancy extends KeyedProcessFunction<String, Long, Long> {
    private final String stateName;
    private transient ValueState<Long> value;

    OneValuePerVacancy(String stateName) {
      this.stateName = stateName;
    }

    @Override
    public void open(OpenContext ctx) {
      value = getRuntimeContext().getState(new ValueStateDescriptor<>(stateName, Types.LONG));
    }

    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) throws Exception {
      value.update(v);
    }
  }

  /** A savepoint, in {@code dir}, of the old shape under {@code uid} with a state named {@code stateName}. */
  public static String oneValuePerVacancy(Path dir, String uid, String stateName) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromSequence(0, Long.MAX_VALUE).uid("test-source")
        .keyBy(v -> "vac-" + (100_000 + v % 10), Types.STRING)
        .process(new OneValuePerVacancy(stateName)).uid(uid)
        .sinkTo(new DiscardingSink<>()).uid("test-old-sink");
    JobClient job = env.executeAsync("old-layout-" + uid);
    AtomicReference<String> path = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
      path.set(job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
          .get(20, TimeUnit.SECONDS));
      return true;
    });
    assertThat(path.get()).isNotBlank();
    return path.get();
  }

  /** An environment of parallelism 1 that starts from {@code savepoint}. */
  public static StreamExecutionEnvironment restoringFrom(String savepoint) {
    Configuration conf = new Configuration();
    conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    return env;
  }

  /** The job fails at start, naming the state it cannot map and how to drop it knowingly. */
  public static void assertRefusedAtStart(JobClient job) {
    assertThatThrownBy(() -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS))
        .hasStackTraceContaining("Cannot map checkpoint/savepoint state for operator")
        .hasStackTraceContaining("allowNonRestoredState");
  }
}
