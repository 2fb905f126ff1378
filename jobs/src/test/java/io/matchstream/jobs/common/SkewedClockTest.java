package io.matchstream.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Education;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.functions.RouteInputFunction;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.testkit.fixtures.Candidates;
import io.matchstream.testkit.fixtures.Vacancies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.testutils.junit.SharedObjectsExtension;
import org.apache.flink.testutils.junit.SharedReference;
import org.apache.flink.util.clock.SystemClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One producer with a clock a day fast must not close the day for the nation: a valid event 23 h
 * ahead of the wall clock (inside the 1-day skew allowance) is accepted, but the watermark does not
 * follow it, so on-time events sent after it are matched and counted, not late.
 */
class SkewedClockTest {
  @RegisterExtension
  final SharedObjectsExtension sharedObjects = SharedObjectsExtension.create();

  private static final Duration AHEAD = Duration.ofHours(23);
  private static final Duration LEAD = JobOptions.WATERMARK_MAX_LEAD.defaultValue();

  /** Collects what a watermark generator emits. */
  private static final class Emitted implements WatermarkOutput {
    long last = Long.MIN_VALUE;

    @Override
    public void emitWatermark(Watermark watermark) {
      last = Math.max(last, watermark.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }

  /** A strategy's generator and timestamps, fed one record at a time as a source split would. */
  private static final class Split<T> {
    final WatermarkGenerator<T> generator;
    final TimestampAssigner<T> timestamps;
    final Emitted out = new Emitted();

    Split(WatermarkStrategy<T> strategy) {
      generator = strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
        @Override
        public org.apache.flink.metrics.MetricGroup getMetricGroup() {
          return new UnregisteredMetricsGroup();
        }

        @Override
        public org.apache.flink.util.clock.RelativeClock getInputActivityClock() {
          return SystemClock.getInstance();
        }
      });
      timestamps = strategy.createTimestampAssigner(UnregisteredMetricsGroup::new);
    }

    long read(T record) {
      generator.onEvent(record, timestamps.extractTimestamp(record, Long.MIN_VALUE), out);
      generator.onPeriodicEmit(out);
      return out.last;
    }
  }

  private static VacancyEvent aVacancyAt(long time, String id) {
    return Vacancies.opened(id).eventId("ev-" + id).at(time).employer("emp-geely01").essential(List.of("sk-9a0c82fbd6"))
        .education(Education.VOCATIONAL_SECONDARY).salary(7000, 9500).shift(ShiftPattern.TWO_SHIFTS).build();
  }

  private static CandidateEvent aCandidateAt(long time, String id) {
    return Candidates.registered(id).eventId("ev-" + id).at(time).skills(List.of("sk-9a0c82fbd6"))
        .education(Education.VOCATIONAL_SECONDARY).build();
  }

  @Test
  void theMatchJobsWatermarkStaysAtTheWallClockWhenOneEventIsADayAhead() {
    ValidatingDeserializationSchema vacancies =
        new ValidatingDeserializationSchema(ValidatingDeserializationSchema.Kind.VACANCY, "match");
    Split<Inbound> partition = new Split<>(Sources.watermarks(new Configuration()));
    long now = System.currentTimeMillis();

    Inbound ahead = vacancies.parse(EventCodec.encode(aVacancyAt(now + AHEAD.toMillis(), "vac-ahead00001")), "vacancies", 0, 0);
    assertThat(ahead.vacancy()).as("a day's skew is accepted: %s", ahead.deadLetter()).isNotNull();
    long watermark = partition.read(ahead);
    assertThat(watermark).isLessThanOrEqualTo(System.currentTimeMillis() + LEAD.toMillis());

    long sent = System.currentTimeMillis();
    Inbound onTime = vacancies.parse(EventCodec.encode(aVacancyAt(sent, "vac-ontime0001")), "vacancies", 0, 1);
    assertThat(partition.read(onTime)).as("the watermark is behind an event sent at the wall clock")
        .isLessThan(sent);
  }

  /** The city-stats job's boundary (the shared one over its four topics) within {@code limits}. */
  static ValidatingDeserializationSchema statsBoundary(InputLimits limits) {
    return new ValidatingDeserializationSchema(
        CityStatsJob.inputTopics(new Configuration()), CityStatsJob.NAME, limits, true);
  }

  @Test
  void cityStatsCountsAPairSentAtTheWallClockAfterAnEventADayAhead() throws Exception {
    ValidatingDeserializationSchema boundary = statsBoundary(InputLimits.defaults());
    Split<Inbound> partition = new Split<>(Sources.watermarks(new Configuration()));
    try (var route = new OneInputStreamOperatorTestHarness<Inbound, CityDelta>(
        new ProcessOperator<>(new RouteInputFunction(StatsSettings.defaults())))) {
      route.open();
      long now = System.currentTimeMillis();
      List<Inbound> records = new ArrayList<>();
      records.add(boundary.parse(EventCodec.encode(aVacancyAt(now + AHEAD.toMillis(), "vac-ahead00001")), "vacancies", 0, 0));
      records.add(boundary.parse(EventCodec.encode(aVacancyAt(now, "vac-ontime0001")), "vacancies", 0, 1));
      records.add(boundary.parse(EventCodec.encode(aCandidateAt(now, "cand-ontime0001")), "candidates", 0, 0));
      for (Inbound in : records) {
        assertThat(in.isRejected()).as("%s", in).isFalse();
        route.processElement(new StreamRecord<>(in, in.eventTime()));
        route.processWatermark(partition.read(in));
      }
      assertThat(route.getSideOutput(RouteInputFunction.DEAD_LETTERS)).as("dead letters").isNull();
      assertThat(route.getSideOutput(RouteInputFunction.VACANCIES)).hasSize(2);
      assertThat(route.getSideOutput(RouteInputFunction.CANDIDATES)).hasSize(1);
    }
  }

  @Test
  void theWatermarkFollowsTheClockUpToTheSkewedEventAndNeverBeyondIt() {
    AtomicLong wallClock = new AtomicLong(1_780_000_000_000L);
    // The strategy is serialisable: it reads the test's clock through a shared reference.
    SharedReference<AtomicLong> wall = sharedObjects.add(wallClock);
    Duration disorder = Duration.ofMinutes(2);
    Split<Long> partition = new Split<>(
        InputWatermarks.strategy(disorder, Duration.ofMinutes(30), LEAD, (t, ts) -> t, () -> wall.get().get()));
    long ahead = wallClock.get() + AHEAD.toMillis();

    assertThat(partition.read(ahead)).isEqualTo(wallClock.get() + LEAD.toMillis() - disorder.toMillis() - 1);
    wallClock.addAndGet(Duration.ofHours(1).toMillis());
    assertThat(partition.read(wallClock.get())).isEqualTo(wallClock.get() + LEAD.toMillis() - disorder.toMillis() - 1);
    wallClock.addAndGet(Duration.ofDays(1).toMillis());
    assertThat(partition.read(wallClock.get() - Duration.ofHours(5).toMillis()))
        .as("once the clock has passed it, the skewed event is just the newest")
        .isEqualTo(ahead - disorder.toMillis() - 1);
    wallClock.addAndGet(-Duration.ofDays(2).toMillis());
    assertThat(partition.read(wallClock.get())).as("a clock stepped back moves no watermark back")
        .isEqualTo(ahead - disorder.toMillis() - 1);
  }

}
