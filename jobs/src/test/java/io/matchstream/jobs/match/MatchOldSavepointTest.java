package io.matchstream.jobs.match;

import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.OldSavepoints;
import io.matchstream.jobs.common.Inbound;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
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

  @Test
  void aSavepointOfTheRoutersKeyedByEntityFailsAtStartNamingTheStateItCannotMap() throws Exception {
    String savepoint = OldSavepoints.oneValuePerVacancy(savepoints, "route-vacancies-" + MatchJob.NAME + "-v2",
        "membership");

    StreamExecutionEnvironment env = OldSavepoints.restoringFrom(savepoint);
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

    OldSavepoints.assertRefusedAtStart(job);
  }

  private static Inbound aVacancy(long i) {
    return Inbound.of(Fixtures.vacancy("vac-" + (100_000 + i % 10), VacancyEventType.OPENED, "ningbo",
        Fixtures.MONDAY_9AM, Fixtures.MONDAY_9AM, Fixtures.WELDING.essentialSkillIds(), null, null, 6000, 9000,
        null, null));
  }
}
