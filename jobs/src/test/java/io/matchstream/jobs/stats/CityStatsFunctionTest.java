package io.matchstream.jobs.stats;

import static io.matchstream.jobs.stats.Fixtures.DAY;
import static io.matchstream.jobs.stats.Fixtures.at;
import static io.matchstream.jobs.stats.Fixtures.match;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CityStats;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.jobs.stats.functions.CityStatsFunction;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CityStatsFunctionTest {
  private static final long INTERVAL = 1_000;
  private static final long LATENESS = 10 * 60_000;

  private KeyedOneInputStreamOperatorTestHarness<String, CityDelta, CityStats> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CityStatsFunction(Fixtures.settings(
            "stats.update-interval", "1 s", "stats.allowed-lateness", "10 min"))),
        d -> d.cityId, Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(CityDelta d) throws Exception {
    harness.processElement(d, d.time);
  }

  private void closeDayOf(String isoTime) throws Exception {
    harness.processWatermark(ShanghaiCalendar.end(ShanghaiCalendar.dayOf(at(isoTime))) + LATENESS);
  }

  private List<CityStats> finals() {
    return harness.extractOutputValues().stream().filter(CityStats::isFinal).toList();
  }

  @Test
  void anEventAtOneSecondToMidnightAndOneAtMidnightCountOnDifferentShanghaiDays() throws Exception {
    send(match("ningbo", at("2026-03-02T23:59:59+08:00")));
    send(match("ningbo", at("2026-03-03T00:00:00+08:00")));
    closeDayOf("2026-03-03T12:00:00+08:00");

    assertThat(finals()).extracting(CityStats::day, CityStats::matchesToday)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-03-02", 1L),
            org.assertj.core.groups.Tuple.tuple("2026-03-03", 1L));
    assertThat(finals().get(0).matchesByHour().get(23)).isEqualTo(1L);
    assertThat(finals().get(1).matchesByHour().get(0)).isEqualTo(1L);
  }

  @Test
  void aUtcMidnightDoesNotSplitAShanghaiDay() throws Exception {
    send(match("ningbo", at("2026-03-01T23:59:59Z")));
    send(match("ningbo", at("2026-03-02T00:00:00Z")));
    closeDayOf("2026-03-02T12:00:00+08:00");

    assertThat(finals()).singleElement().satisfies(s -> {
      assertThat(s.day()).isEqualTo("2026-03-02");
      assertThat(s.matchesToday()).isEqualTo(2);
      assertThat(s.matchesByHour().get(7)).isEqualTo(1L);
      assertThat(s.matchesByHour().get(8)).isEqualTo(1L);
    });
  }

  @Test
  void liveFiguresAppearBeforeTheDayClosesAndTheFinalRecordSumsTheDay() throws Exception {
    long morning = at("2026-03-02T09:15:00+08:00");
    send(match("ningbo", morning));
    send(match("ningbo", morning + 60_000));
    send(CityDelta.of("ningbo", morning, DeltaKind.NEW_VACANCY, 1));
    send(CityDelta.of("ningbo", morning, DeltaKind.OPEN_VACANCY, 1).withOccupation(Fixtures.LATHE).withDispatch(true));
    send(CityDelta.of("ningbo", morning, DeltaKind.OPEN_VACANCY, 1).withOccupation(Fixtures.LATHE));
    send(CityDelta.of("ningbo", morning, DeltaKind.AVAILABLE_CANDIDATE, 1));
    send(CityDelta.of("ningbo", morning, DeltaKind.SEEKING, 1).withOccupation(Fixtures.LATHE));
    harness.setProcessingTime(INTERVAL);

    assertThat(harness.extractOutputValues()).singleElement().satisfies(live -> {
      assertThat(live.isFinal()).isFalse();
      assertThat(live.day()).isEqualTo("2026-03-02");
      assertThat(live.revision()).isEqualTo(1);
      assertThat(live.matchesToday()).isEqualTo(2);
      assertThat(live.openVacancies()).isEqualTo(2);
      assertThat(live.vacancyToJobseekerRatio()).isEqualTo(2.0);
      assertThat(live.dispatchShare()).isEqualTo(0.5);
    });

    long evening = at("2026-03-02T21:40:00+08:00");
    send(match("ningbo", evening));
    send(CityDelta.of("ningbo", evening, DeltaKind.OPEN_VACANCY, -1).withOccupation(Fixtures.LATHE));
    send(CityDelta.of("ningbo", evening, DeltaKind.PLACEMENT, 1).withFillMillis(3 * DAY));
    send(match("ningbo", at("2026-03-03T00:05:00+08:00"))); // tomorrow: not in the final of today
    harness.setProcessingTime(2 * INTERVAL); // tomorrow's first live record
    closeDayOf("2026-03-02T12:00:00+08:00");

    CityStats fin = finals().get(0);
    assertThat(fin.day()).isEqualTo("2026-03-02");
    assertThat(fin.revision()).isEqualTo(2);
    assertThat(fin.eventId()).isEqualTo("ningbo/2026-03-02/2");
    assertThat(fin.eventTime()).isEqualTo(at("2026-03-03T00:00:00+08:00") - 1);
    assertThat(fin.matchesToday()).isEqualTo(3);
    assertThat(fin.matchesByHour().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    assertThat(fin.matchesByHour().get(9)).isEqualTo(2L);
    assertThat(fin.matchesByHour().get(21)).isEqualTo(1L);
    assertThat(fin.newVacancies()).isEqualTo(1);
    assertThat(fin.placements()).isEqualTo(1);
    assertThat(fin.openVacancies()).isEqualTo(1);
    assertThat(fin.availableCandidates()).isEqualTo(1);
    assertThat(fin.medianDaysToFill()).isEqualTo(3.0);
    assertThat(fin.occupations()).containsExactly(
        new CityStats.OccupationFigure(Fixtures.LATHE, 1, 1, 1.0, new CityStats.Stages(0, 0, 0, 0, 0)));
    assertThat(fin.trend()).containsExactly(new CityStats.DayCount("2026-03-02", 3));
    // After yesterday's final, today's live figures are sent again so they are the newest for the key.
    CityStats last = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
    assertThat(last.day()).isEqualTo("2026-03-03");
    assertThat(last.isFinal()).isFalse();
  }

  @Test
  void liveUpdatesComeAtMostOncePerInterval() throws Exception {
    long t = at("2026-03-02T10:00:00+08:00");
    for (int i = 0; i < 50; i++) {
      send(match("ningbo", t + i));
      harness.setProcessingTime(i * 10L); // 0.5 s of processing time in all
    }
    harness.setProcessingTime(INTERVAL);
    assertThat(harness.extractOutputValues()).singleElement().extracting(CityStats::matchesToday).isEqualTo(50L);
  }

  @Test
  void medianTimeToFillOverTheTrailingWindow() throws Exception {
    long old = at("2026-01-10T10:00:00+08:00"); // 51 days earlier: outside the 30-day window
    send(CityDelta.of("ningbo", old, DeltaKind.PLACEMENT, 1).withFillMillis(100 * DAY));
    closeDayOf("2026-01-10T10:00:00+08:00");
    long earlier = at("2026-02-20T10:00:00+08:00");
    send(CityDelta.of("ningbo", earlier, DeltaKind.PLACEMENT, 1).withFillMillis(2 * DAY));
    send(CityDelta.of("ningbo", earlier, DeltaKind.PLACEMENT, 1).withFillMillis(20 * DAY));
    closeDayOf("2026-02-20T10:00:00+08:00");
    long today = at("2026-03-02T10:00:00+08:00");
    send(CityDelta.of("ningbo", today, DeltaKind.PLACEMENT, 1).withFillMillis(5 * DAY));
    send(CityDelta.of("ningbo", today, DeltaKind.PLACEMENT, 1).withFillMillis(9 * DAY + DAY / 2));
    closeDayOf("2026-03-02T10:00:00+08:00");

    List<CityStats> f = finals();
    assertThat(f.get(0).medianDaysToFill()).isEqualTo(100.0);
    assertThat(f.get(1).medianDaysToFill()).isEqualTo(11.0); // {2, 20} (day 100 fell out)
    assertThat(f.get(2).medianDaysToFill()).isEqualTo(7.25); // {2, 5, 9.5, 20}
    assertThat(f.get(2).placements()).isEqualTo(2);
  }

  @Test
  void figuresOfAClosedDayDoNotIncludeLaterOpenings() throws Exception {
    send(CityDelta.of("ningbo", at("2026-03-02T10:00:00+08:00"), DeltaKind.OPEN_VACANCY, 1).withOccupation(Fixtures.LATHE));
    send(CityDelta.of("ningbo", at("2026-03-03T00:01:00+08:00"), DeltaKind.OPEN_VACANCY, 1).withOccupation(Fixtures.LATHE));
    closeDayOf("2026-03-02T10:00:00+08:00");
    assertThat(finals()).singleElement().extracting(CityStats::openVacancies).isEqualTo(1L);
    closeDayOf("2026-03-03T10:00:00+08:00");
    assertThat(finals().get(1).openVacancies()).isEqualTo(2L);
    assertThat(finals().get(1).trend()).extracting(CityStats.DayCount::day).containsExactly("2026-03-02", "2026-03-03");
  }

  @Test
  void aFinalShowsEachCohortAsOfItsDayWhileTheLiveRecordShowsItNow() throws Exception {
    long monday = ShanghaiCalendar.dayOf(at("2026-03-02T09:00:00+08:00"));
    send(match("ningbo", at("2026-03-02T09:00:00+08:00")).withOccupation(Fixtures.WELDER));
    send(match("ningbo", at("2026-03-02T10:00:00+08:00")).withOccupation(Fixtures.WELDER));
    send(CityDelta.reached("ningbo", at("2026-03-02T15:00:00+08:00"), Fixtures.WELDER, 1, monday, 0));
    send(CityDelta.of("ningbo", at("2026-03-02T16:00:00+08:00"), DeltaKind.PERSON_PLACED, 1));
    send(CityDelta.of("ningbo", at("2026-03-02T16:00:00+08:00"), DeltaKind.PERSON_PLACED, 1));
    // Tuesday, before Monday closes: the first match is hired 30 hours after it was made.
    for (int rank = 2; rank <= 4; rank++) {
      send(CityDelta.reached("ningbo", at("2026-03-03T15:00:00+08:00"), Fixtures.WELDER, rank, monday,
          rank == 4 ? 30 * 3_600_000L : 0));
    }
    send(CityDelta.of("ningbo", at("2026-03-03T16:00:00+08:00"), DeltaKind.ENDED, 1));
    harness.setProcessingTime(INTERVAL);
    CityStats live = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
    closeDayOf("2026-03-02T12:00:00+08:00");

    CityStats.Funnel mondayFinal = finals().get(0).funnel();
    assertThat(mondayFinal.today()).isEqualTo(new CityStats.Stages(2, 1, 0, 0, 0));
    assertThat(mondayFinal.peoplePlaced()).isEqualTo(2);
    assertThat(mondayFinal.matchShareOfPlacements()).isEqualTo(0.0);
    assertThat(mondayFinal.medianHoursToHire()).isNull();
    assertThat(mondayFinal.cohorts()).containsExactly(new CityStats.Cohort("2026-03-02", 2, 1, 0, 0, 0, 0.0));
    assertThat(finals().get(0).occupations()).singleElement()
        .satisfies(o -> assertThat(o.funnel()).isEqualTo(new CityStats.Stages(2, 1, 0, 0, 0)));

    assertThat(live.day()).isEqualTo("2026-03-03");
    assertThat(live.funnel().today()).isEqualTo(new CityStats.Stages(0, 0, 1, 1, 1));
    assertThat(live.funnel().ended()).isEqualTo(1);
    assertThat(live.funnel().matchShareOfPlacements()).as("no one placed on Tuesday").isNull();
    assertThat(live.funnel().medianHoursToHire()).isEqualTo(30.0);
    assertThat(live.funnel().cohorts()).containsExactly(
        new CityStats.Cohort("2026-03-02", 2, 1, 1, 1, 1, 0.5), new CityStats.Cohort("2026-03-03", 0, 0, 0, 0, 0, null));
  }
}
