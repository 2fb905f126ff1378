package io.matchstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.stats.CityStatsJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * Savepoints map state to operators by uid: a job whose operator lacks one would lose that state on
 * its next upgrade without a word. The strict environment refuses it when the job is submitted.
 */
class UidRequiredTest {
  private static StreamExecutionEnvironment strictEnv() {
    Configuration conf = new Configuration();
    conf.set(JobOptions.BOOTSTRAP_SERVERS, "127.0.0.1:9");
    return JobEnvironment.create(conf);
  }

  @Test
  void everyShippedJobHasAUidOnEveryOperator() {
    StreamExecutionEnvironment env = strictEnv();
    Configuration conf = new Configuration();
    conf.set(JobOptions.BOOTSTRAP_SERVERS, "127.0.0.1:9");
    JobsMain.JOBS.values().forEach(job -> job.accept(env, conf));
    assertThat(env.getStreamGraph().getJobGraph().getNumberOfVertices()).isPositive();
  }

  @Test
  void aJobWithAnOperatorWithoutAUidIsRefusedAtSubmit() {
    StreamExecutionEnvironment env = strictEnv();
    Configuration conf = new Configuration();
    conf.set(JobOptions.BOOTSTRAP_SERVERS, "127.0.0.1:9");
    CityStatsJob.wireKafka(env, conf);
    // An upgrade that adds a step and forgets its uid.
    Sources.kafka(env, conf, "vacancies", Kind.VACANCY, "audit")
        .filter(in -> in.vacancy() != null).name("filter without a uid")
        .sinkTo(new DiscardingSink<>()).uid("audit-discard");

    assertThatThrownBy(() -> env.executeAsync("missing uid"))
        .hasStackTraceContaining("filter without a uid")
        .hasStackTraceContaining("no UID");
  }
}
