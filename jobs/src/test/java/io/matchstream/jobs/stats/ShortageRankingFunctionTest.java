package io.matchstream.jobs.stats;

import static io.matchstream.jobs.stats.Fixtures.LATHE;
import static io.matchstream.jobs.stats.Fixtures.WELDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.matchstream.events.CityStats;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.ShortageRanking;
import io.matchstream.jobs.stats.functions.ShortageRankingFunction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShortageRankingFunctionTest {
  private static final String CNC = "6-18-01-07";
  private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");
  private static final long INTERVAL = 1_000;
  private static final long LATENESS = 10 * 60_000;

  private KeyedOneInputStreamOperatorTestHarness<String, CityStats, ShortageRanking> harness;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, CityStats, ShortageRanking> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ShortageRankingFunction(Fixtures.settings(
            "stats.update-interval", "1 s", "stats.allowed-lateness", "10 min"))),
        ShortageRankingFunction.ONE_KEY, Types.STRING);
  }

  /** A city's figures on a day: {@code code, open vacancies, seekers} triples. */
  private static CityStats figures(String city, LocalDate day, boolean isFinal, Object... occupations) {
    long dayNumber = day.toEpochDay();
    long asOf = isFinal ? ShanghaiCalendar.end(dayNumber) - 1 : ShanghaiCalendar.start(dayNumber) + 10 * 3_600_000L;
    List<CityStats.OccupationFigure> occ = new ArrayList<>();
    for (int i = 0; i < occupations.length; i += 3) {
      long demand = ((Number) occupations[i + 1]).longValue();
      long seekers = ((Number) occupations[i + 2]).longValue();
      occ.add(new CityStats.OccupationFigure((String) occupations[i], demand, seekers,
          seekers == 0 ? null : (double) demand / seekers));
    }
    return new CityStats(city, city + "/" + day + "/1", asOf, SchemaVersion.CURRENT, day.toString(), 1, isFinal,
        0, 0, 0, 0, 0, 0, null, null, null, 0, null, null, occ);
  }

  private void send(CityStats s) throws Exception {
    harness.processElement(s, s.eventTime());
  }

  private void closeDay(LocalDate day) throws Exception {
    harness.processWatermark(ShanghaiCalendar.end(day.toEpochDay()) + LATENESS);
  }

  private List<ShortageRanking> out(String key) {
    return harness.extractOutputValues().stream().filter(r -> r.cityId().equals(key)).toList();
  }

  private ShortageRanking last(String key) {
    List<ShortageRanking> all = out(key);
    return all.get(all.size() - 1);
  }

  @Test
  void aCityRanksWithEachOfItsFiguresAndTheNationOncePerInterval() throws Exception {
    send(figures("ningbo", MONDAY, false, WELDER, 420, 150, LATHE, 100, 120));
    send(figures("suzhou", MONDAY, false, WELDER, 200, 100, CNC, 90, 10));

    assertThat(out("ningbo")).singleElement().satisfies(r -> {
      assertThat(r.isFinal()).isFalse();
      assertThat(r.day()).isEqualTo("2026-03-02");
      assertThat(r.entries()).extracting(ShortageRanking.Entry::occupationCode, ShortageRanking.Entry::gap)
          .containsExactly(tuple(WELDER, 270L));
    });
    assertThat(out(ShortageRanking.NATIONAL)).as("before the interval").isEmpty();

    harness.setProcessingTime(INTERVAL);

    assertThat(out(ShortageRanking.NATIONAL)).singleElement().satisfies(r -> {
      assertThat(r.citiesReporting()).isEqualTo(2);
      // Welders: gap 370 in 2 cities = 740; CNC: gap 80 in one.
      assertThat(r.entries()).extracting(ShortageRanking.Entry::occupationCode, ShortageRanking.Entry::cities,
              ShortageRanking.Entry::score, ShortageRanking.Entry::typicalCities)
          .containsExactly(tuple(WELDER, 2, 740L, List.of("ningbo", "suzhou")), tuple(CNC, 1, 80L, List.of("suzhou")));
      assertThat(r.yesterday()).isNull();
    });
  }

  @Test
  void rankChangesCompareWithTheFinalsOfYesterdayAndOfLastWeek() throws Exception {
    LocalDate weekAgo = MONDAY.minusDays(7);
    LocalDate yesterday = MONDAY.minusDays(1);
    send(figures("ningbo", weekAgo, true, LATHE, 300, 0, WELDER, 200, 0, CNC, 100, 0));
    closeDay(weekAgo);
    send(figures("ningbo", yesterday, true, WELDER, 300, 0, LATHE, 200, 0));
    closeDay(yesterday);
    send(figures("ningbo", MONDAY, false, CNC, 400, 0, WELDER, 300, 0, LATHE, 200, 0));

    ShortageRanking today = last("ningbo");
    assertThat(today.yesterday()).isEqualTo("2026-03-01");
    assertThat(today.lastWeek()).isEqualTo("2026-02-23");
    assertThat(today.entries()).extracting(ShortageRanking.Entry::occupationCode,
            ShortageRanking.Entry::rankYesterday, ShortageRanking.Entry::rankLastWeek)
        .containsExactly(tuple(CNC, null, 3), tuple(WELDER, 1, 2), tuple(LATHE, 2, 1));

    send(figures("ningbo", MONDAY, true, CNC, 400, 0, WELDER, 300, 0, LATHE, 200, 0));
    closeDay(MONDAY);
    // The nation's final of Monday compares with the nation's finals likewise.
    ShortageRanking nationalFinal = out(ShortageRanking.NATIONAL).stream().filter(ShortageRanking::isFinal)
        .filter(r -> r.day().equals("2026-03-02")).findFirst().orElseThrow();
    assertThat(nationalFinal.entries()).extracting(ShortageRanking.Entry::occupationCode,
            ShortageRanking.Entry::rankYesterday, ShortageRanking.Entry::rankLastWeek)
        .containsExactly(tuple(CNC, null, 3), tuple(WELDER, 1, 2), tuple(LATHE, 2, 1));
  }

  @Test
  void theNationalFinalTakesACityWithoutEventsThatDayAsItClosedBefore() throws Exception {
    send(figures("suzhou", MONDAY.minusDays(2), true, WELDER, 500, 100));
    closeDay(MONDAY.minusDays(2));
    send(figures("ningbo", MONDAY, true, LATHE, 150, 50));
    closeDay(MONDAY);

    ShortageRanking monday = last(ShortageRanking.NATIONAL);
    assertThat(monday.isFinal()).isTrue();
    assertThat(monday.day()).isEqualTo("2026-03-02");
    assertThat(monday.citiesReporting()).isEqualTo(2);
    assertThat(monday.entries()).extracting(ShortageRanking.Entry::occupationCode, ShortageRanking.Entry::typicalCities)
        .containsExactly(tuple(WELDER, List.of("suzhou")), tuple(LATHE, List.of("ningbo")));
  }

  @Test
  void aReplaysLastWatermarkStillGivesEveryDayItsNationalFinal() throws Exception {
    // A bounded replay ends with one watermark at the end of time: every city final of every day
    // arrives before the first of the nation's finals is made.
    LocalDate first = MONDAY.minusDays(30);
    for (LocalDate d = first; d.isBefore(MONDAY); d = d.plusDays(1)) {
      send(figures("ningbo", d, true, WELDER, 300 + d.getDayOfMonth(), 0));
    }
    harness.processWatermark(Long.MAX_VALUE);

    List<ShortageRanking> nationalFinals = out(ShortageRanking.NATIONAL).stream().filter(ShortageRanking::isFinal).toList();
    assertThat(nationalFinals).hasSize(30);
    assertThat(nationalFinals).allSatisfy(r -> assertThat(r.entries()).extracting(ShortageRanking.Entry::occupationCode)
        .containsExactly(WELDER));
    assertThat(nationalFinals.get(29).entries().get(0).rankYesterday()).isEqualTo(1);
  }

  @Test
  void earlierRanksSurviveARestoreFromASnapshot() throws Exception {
    send(figures("ningbo", MONDAY.minusDays(1), true, WELDER, 300, 0, LATHE, 200, 0));
    closeDay(MONDAY.minusDays(1));
    OperatorSubtaskState snapshot = harness.snapshot(1, 2);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(figures("ningbo", MONDAY, false, LATHE, 400, 0, WELDER, 300, 0));

    assertThat(last("ningbo").entries()).extracting(ShortageRanking.Entry::occupationCode,
            ShortageRanking.Entry::rankYesterday)
        .containsExactly(tuple(LATHE, 2), tuple(WELDER, 1));
  }

  @Test
  void keepsFinalsForFifteenDaysOnly() throws Exception {
    LocalDate day = MONDAY.minusDays(60);
    for (int i = 0; i < 20; i++, day = day.plusDays(1)) {
      closeWithFinals(day);
    }
    long after20Days = harness.snapshot(1, 2).getStateSize();
    for (int i = 0; i < 20; i++, day = day.plusDays(1)) {
      closeWithFinals(day);
    }
    long after40Days = harness.snapshot(2, 3).getStateSize();

    // Forgetting nothing, the state would grow by ~half; kept days only, it stays put.
    assertThat(after40Days).isLessThanOrEqualTo(after20Days + after20Days / 20);
    send(figures("ningbo", day, false, WELDER, 300, 0));
    assertThat(last("ningbo").entries().get(0).rankLastWeek()).isEqualTo(1);
  }

  private void closeWithFinals(LocalDate day) throws Exception {
    send(figures("ningbo", day, true, WELDER, 300, 0, LATHE, 200, 10, CNC, 100, 5));
    send(figures("suzhou", day, true, WELDER, 200, 0, CNC, 300, 5));
    closeDay(day);
  }
}
