package io.matchstream.jobs.stats;

import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.OldSavepoints;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.Sources;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
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
 * A savepoint of the state format before compact state (one key per vacancy under uid {@code
 * stats-vacancy-lifecycle}) does not restore into the job: it fails at start, saying which state
 * it cannot map, instead of starting with part of its state silently dropped.
 */
class OldSavepointTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

  @TempDir Path savepoints;

  @Test
  void aSavepointOfTheOldStateFormatFailsAtStartNamingTheStateItCannotMap() throws Exception {
    String savepoint = OldSavepoints.oneValuePerVacancy(savepoints, "stats-vacancy-lifecycle", "post");

    StreamExecutionEnvironment env = OldSavepoints.restoringFrom(savepoint);
    StatsSettings settings = StatsSettings.defaults();
    DataStream<Inbound> input = env.fromSequence(0, Long.MAX_VALUE).uid("test-source")
        .map(OldSavepointTest::aVacancy).returns(TypeInformation.of(Inbound.class)).uid("test-input")
        .assignTimestampsAndWatermarks(Sources.watermarks(new Configuration())).uid("test-watermarks");
    CityStatsJob.Outputs out = CityStatsJob.build(input, settings);
    out.cityStats().sinkTo(new DiscardingSink<>()).uid("test-stats");
    out.alerts().sinkTo(new DiscardingSink<>()).uid("test-alerts");
    out.deadLetters().sinkTo(new DiscardingSink<>()).uid("test-dead-letters");

    JobClient job = env.executeAsync("city-stats-from-an-old-savepoint");

    OldSavepoints.assertRefusedAtStart(job);
  }

  private static Inbound aVacancy(long i) {
    String id = "vac-" + (100_000 + i % 10);
    long t = Fixtures.MONDAY_MORNING;
    return Inbound.of(new VacancyEvent("ev-" + id + "-" + i, t, SchemaVersion.CURRENT, VacancyEventType.OPENED, id,
        "ningbo", "6-18-02-04", "emp-geely01", t, List.of("sk-9a0c82fbd6"), List.of(), CertificateLevel.LEVEL_4,
        Education.VOCATIONAL_SECONDARY, 7000, 9500, EmploymentType.DIRECT, ShiftPattern.TWO_SHIFTS, 1, true, null));
  }
}
