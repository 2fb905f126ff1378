package io.matchstream.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CityStats;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.kafka.EmbeddedKafka;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A seeded week through the real broker and a mini cluster at parallelism 2, checked by recount. */
class CityStatsPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final long START = IsoTime.parse("2026-03-02T00:00:00+08:00");
  static final long THRESHOLD = 3 * ShanghaiDays.DAY_MILLIS;

  static EmbeddedKafka kafka;
  static SeededWeek week;
  static Map<String, List<CityStats>> finals;
  static List<Alert> alerts;
  static List<DeadLetter> deadLetters;

  @BeforeAll
  static void runTheJobOverASeededWeek() throws Exception {
    kafka = EmbeddedKafka.builder().start();
    week = new SeededWeek(42, START, 7, 6);
    KafkaIo.produce(kafka.bootstrapServers(), week.records);

    Configuration conf = new Configuration();
    conf.set(StatsOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    conf.set(StatsOptions.BOUNDED, true);
    conf.set(StatsOptions.DELIVERY_GUARANTEE, "at-least-once");
    conf.setString("stats.update-interval", "200 ms");
    conf.setString("alerts.unfilled.threshold", "3 d");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CityStatsJob.wireKafka(env, conf);
    env.execute("city-stats-it");

    finals = KafkaIo.readAll(kafka.bootstrapServers(), CityStatsJob.CITY_STATS, false).stream()
        .map(r -> decode(r, CityStats.class)).filter(CityStats::isFinal)
        .collect(Collectors.groupingBy(CityStats::cityId));
    alerts = KafkaIo.readAll(kafka.bootstrapServers(), CityStatsJob.ALERTS, false).stream()
        .map(r -> decode(r, Alert.class)).toList();
    deadLetters = KafkaIo.readAll(kafka.bootstrapServers(), CityStatsJob.DEAD_LETTERS, false).stream()
        .map(r -> decode(r, DeadLetter.class)).toList();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void everyCitysDailyFiguresEqualARecountOfTheInput() {
    Map<String, Map<String, long[]>> expected = recount();
    assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((city, days) -> {
      Map<String, long[]> actual = new TreeMap<>();
      for (CityStats s : finals.get(city)) {
        if (ShanghaiDays.parse(s.day()) >= ShanghaiDays.dayOf(START) + 7) {
          continue; // after the input: expiries and alerts fired when the bounded input ended
        }
        actual.put(s.day(), new long[] {s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(),
            s.openVacancies(), s.availableCandidates()});
      }
      assertThat(actual.keySet()).as(city).containsExactlyElementsOf(days.keySet());
      days.forEach((day, figures) ->
          assertThat(actual.get(day)).as(city + " " + day + " [matches, new vac, new cand, placements, open, available]")
              .containsExactly(figures));
    });
  }

  @Test
  void everyFinalRecordCarriesTheHourlyBreakdownAndTheTrend() {
    for (CityStats s : finals.get("ningbo")) {
      assertThat(s.matchesByHour()).hasSize(24);
      assertThat(s.matchesByHour().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.matchesToday());
      assertThat(s.trend().get(s.trend().size() - 1)).isEqualTo(new CityStats.DayCount(s.day(), s.matchesToday()));
    }
  }

  @Test
  void poisonRecordsBecomeDeadLettersWithTheirReason() {
    assertThat(week.poison).isPositive();
    assertThat(deadLetters).hasSize(week.poison)
        .allSatisfy(d -> assertThat(d.reason()).isNotBlank().isNotEqualTo("late"));
  }

  @Test
  void technicalPostsOpenPastTheThresholdFireOnceEach() {
    Map<String, List<VacancyEvent>> byPost = week.vacancies.stream()
        .collect(Collectors.groupingBy(VacancyEvent::vacancyId));
    long expectedFiring = byPost.values().stream().filter(events -> {
      VacancyEvent opened = events.stream().filter(e -> e.type() == VacancyEventType.OPENED).findFirst().orElseThrow();
      long closed = events.stream().filter(e -> !e.carriesPost()).mapToLong(VacancyEvent::eventTime)
          .min().orElse(Long.MAX_VALUE);
      return Boolean.TRUE.equals(opened.technical()) && closed >= opened.postedTime() + THRESHOLD;
    }).count();
    Map<String, Long> firingPerId = alerts.stream()
        .filter(a -> a.alertType() == AlertType.UNFILLED_TECHNICAL_POST && a.state() == AlertState.FIRING)
        .collect(Collectors.groupingBy(Alert::alertId, Collectors.counting()));
    assertThat(expectedFiring).isPositive();
    assertThat(firingPerId).hasSize((int) expectedFiring).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
  }

  /** city -> day -> [matches, new vacancies, new candidates, placements, open at day end, available at day end]. */
  private static Map<String, Map<String, long[]>> recount() {
    Map<String, Map<String, long[]>> out = new TreeMap<>();
    for (Match m : week.matches) {
      figures(out, m.cityId(), m.eventTime())[0]++;
    }
    Map<String, Long> vacClosed = new HashMap<>();
    Map<String, Long> candClosed = new HashMap<>();
    week.vacancies.stream().filter(v -> !v.carriesPost()).forEach(v -> vacClosed.merge(v.vacancyId(), v.eventTime(), Math::min));
    week.candidates.stream().filter(c -> !c.carriesProfile()).forEach(c -> candClosed.merge(c.candidateId(), c.eventTime(), Math::min));
    for (VacancyEvent v : week.vacancies) {
      if (v.type() == VacancyEventType.OPENED) figures(out, v.cityId(), v.eventTime())[1]++;
      if (v.type() == VacancyEventType.FILLED) figures(out, v.cityId(), v.eventTime())[3]++;
    }
    for (CandidateEvent c : week.candidates) {
      if (c.type() == CandidateEventType.REGISTERED) figures(out, c.cityId(), c.eventTime())[2]++;
      else figures(out, c.cityId(), c.eventTime()); // a day with only placements still has a record
    }
    week.vacancies.stream().filter(v -> !v.carriesPost()).forEach(v -> figures(out, v.cityId(), v.eventTime()));
    // Gauges at each day's end, from the lifecycles.
    out.forEach((city, days) -> days.forEach((day, f) -> {
      long end = ShanghaiDays.end(ShanghaiDays.parse(day));
      f[4] = week.vacancies.stream().filter(v -> v.type() == VacancyEventType.OPENED && v.cityId().equals(city)
          && v.eventTime() < end && vacClosed.getOrDefault(v.vacancyId(), Long.MAX_VALUE) >= end).count();
      f[5] = week.candidates.stream().filter(c -> c.type() == CandidateEventType.REGISTERED && c.cityId().equals(city)
          && c.eventTime() < end && candClosed.getOrDefault(c.candidateId(), Long.MAX_VALUE) >= end).count();
    }));
    Map<String, long[]> national = new TreeMap<>();
    out.values().forEach(days -> days.forEach((day, f) -> {
      long[] n = national.computeIfAbsent(day, d -> new long[6]);
      for (int i = 0; i < 6; i++) n[i] += f[i];
    }));
    out.put(CityStats.NATIONAL, national);
    return out;
  }

  private static long[] figures(Map<String, Map<String, long[]>> out, String city, long time) {
    return out.computeIfAbsent(city, c -> new TreeMap<>())
        .computeIfAbsent(ShanghaiDays.format(ShanghaiDays.dayOf(time)), d -> new long[6]);
  }

  private static <T> T decode(byte[] bytes, Class<T> type) {
    try {
      return EventCodec.decode(bytes, type);
    } catch (Exception e) {
      throw new AssertionError("undecodable output: " + new String(bytes), e);
    }
  }
}
