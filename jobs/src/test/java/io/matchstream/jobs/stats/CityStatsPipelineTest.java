package io.matchstream.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CityStats;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.jobs.stats.ranking.ShortageRanker;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.simulator.ClosedLoopEvents;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import io.matchstream.testkit.kafka.TopicDrain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real chain on the real broker and a mini cluster at parallelism 2: a seeded simulator run
 * (with poison) → {@code MatchJob} → its matches offered, each at its event time, to the same seeded
 * simulator with the closed loop on, which plays both sides (outcomes, hires through matches) → its
 * vacancies and candidates, the matches through a relay that repeats every fifth soon after it (as an
 * at-least-once writer would), and the loop's outcomes with repeats and refusable ones added ({@link
 * OutcomeFeed}) → {@code CityStatsJob}.
 * Every city's daily figures must equal what {@link Recount} computes from the input events and the
 * distinct matches, and every funnel what {@link FunnelRecount} computes.
 */
class CityStatsPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final int DAYS = 4;
  static final Duration THRESHOLD = Duration.ofDays(3);
  static final SimulatorConfig SIMULATION = SimulatorConfig.builder()
      .seed(42).duration(Duration.ofDays(DAYS)).cities("ningbo", "hangzhou", "wuhan")
      .volumeScale(0.04).poisonRate(0.01).build();

  static final String MATCH_JOB_OUTPUT = "matches-from-match-job";

  static EmbeddedKafka kafka;
  static List<SimEvent> input;
  static List<Match> matches;
  static List<MatchOutcome> outcomes;
  static Map<String, List<CityStats>> finals;
  static List<Alert> alerts;
  static List<DeadLetter> deadLetters;
  static Map<String, CityStats> cityDays;
  static List<Alert> alertLog;
  static List<ShortageRanking> rankings;

  @BeforeAll
  static void runTheSimulatorThroughBothJobs() throws Exception {
    kafka = EmbeddedKafka.builder().topics(List.of()).start();
    Configuration conf = freshTopics();
    // The match job reads the open loop's stream (its own topics) ...
    List<SimEvent> openLoop = Simulator.stream(SIMULATION).toList();
    KafkaIo.produce(kafka.bootstrapServers(), openLoop.stream()
        .map(e -> new KafkaIo.Rec("open-loop-" + e.topic(), e.key(), e.value())).toList());
    Configuration matchConf = new Configuration(conf);
    matchConf.set(JobOptions.TOPIC_VACANCIES, "open-loop-vacancies");
    matchConf.set(JobOptions.TOPIC_CANDIDATES, "open-loop-candidates");
    matchConf.set(JobOptions.TOPIC_MATCHES, MATCH_JOB_OUTPUT);
    StreamExecutionEnvironment matchEnv = StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.strict(conf));
    matchEnv.setParallelism(2);
    MatchJob.wireKafka(matchEnv, matchConf);
    matchEnv.execute("match-for-city-stats-it");
    TopicDrain drain = TopicDrain.of(kafka.bootstrapServers()).readUncommitted();
    List<byte[]> written = drain.records(MATCH_JOB_OUTPUT).stream().map(TopicDrain.Rec::value).toList();
    matches = written.stream().map(b -> decode(b, Match.class)).toList();

    // ... and its matches are offered, each at its event time, to the same simulator in a closed loop,
    // which plays both sides: outcomes, and the hires through matches as PLACED and FILLED.
    input = new ArrayList<>();
    List<MatchOutcome> played = new ArrayList<>();
    for (SimEvent e : closedLoop(matches)) {
      if (e.topic().equals(Topics.MATCH_OUTCOMES)) {
        played.add(decode(e.value(), MatchOutcome.class));
      } else {
        input.add(e);
      }
    }
    KafkaIo.produce(kafka.bootstrapServers(), input.stream()
        .map(e -> new KafkaIo.Rec(e.topic(), e.key(), e.value())).toList());

    // What an at-least-once writer leaves after a restart: a few records written again soon after,
    // the same match with the same id. Relay the match job's output with every fifth one repeated.
    List<KafkaIo.Rec> relayed = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      relayed.add(new KafkaIo.Rec("matches", matches.get(i).matchId(), written.get(i)));
      if (i % 5 == 4) {
        relayed.add(new KafkaIo.Rec("matches", matches.get(i - 2).matchId(), written.get(i - 2)));
      }
    }
    KafkaIo.produce(kafka.bootstrapServers(), relayed);
    // The loop's outcomes, with repeats and the kinds a real feed brings that must be refused.
    outcomes = OutcomeFeed.of(played, matches);
    KafkaIo.produce(kafka.bootstrapServers(), outcomes.stream()
        .map(o -> new KafkaIo.Rec("match-outcomes", o.matchId(), EventCodec.encode(o))).toList());

    Configuration statsConf = new Configuration(conf);
    statsConf.setString("stats.update-interval", "200 ms");
    statsConf.set(StatsOptions.UNFILLED_THRESHOLD, THRESHOLD);
    // The match job's two subtasks write one backlog into the same partitions at their own pace:
    // replayed at full speed, matches arrive hours of event time apart, unlike live — and on a loaded
    // machine one subtask can run more than a day ahead, so 1 d made this test flaky. The whole
    // simulated span is allowed: what is asserted here is the recount, not the live lateness bound.
    statsConf.set(JobOptions.MAX_OUT_OF_ORDERNESS, Duration.ofDays(DAYS));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CityStatsJob.wireKafka(env, statsConf);
    env.execute("city-stats-it");

    finals = drain.values("city-stats", b -> decode(b, CityStats.class)).stream()
        .filter(CityStats::isFinal)
        .collect(Collectors.groupingBy(CityStats::cityId));
    alerts = drain.values("alerts", b -> decode(b, Alert.class));
    cityDays = new TreeMap<>();
    for (TopicDrain.Rec r : drain.records("city-days")) {
      cityDays.put(r.key(), decode(r.value(), CityStats.class));
    }
    alertLog = drain.values("alert-log", b -> decode(b, Alert.class));
    rankings = drain.values("shortage-ranking", b -> decode(b, ShortageRanking.class));
    deadLetters = drain.values("dead-letters", CityStatsPipelineTest::deadLetter).stream()
        .filter(d -> d.job().equals("city-stats")).toList();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  /** The simulator's stream with the closed loop on, each match offered once the simulation reaches its time. */
  private static List<SimEvent> closedLoop(List<Match> found) {
    List<Match> byTime = new ArrayList<>(new LinkedHashMap<>(found.stream()
        .collect(Collectors.toMap(Match::matchId, m -> m, (a, b) -> a, LinkedHashMap::new))).values());
    byTime.sort(java.util.Comparator.comparingLong(Match::eventTime).thenComparing(Match::matchId));
    Simulator sim = Simulator.create(SIMULATION.toBuilder().closedLoop(true).build());
    int[] next = {0};
    ClosedLoopEvents events = new ClosedLoopEvents(sim, () ->
        next[0] < byTime.size() && byTime.get(next[0]).eventTime() <= sim.now() ? byTime.get(next[0]++) : null);
    List<SimEvent> out = new ArrayList<>();
    events.forEachRemaining(out::add);
    return out;
  }

  private static Configuration freshTopics() {
    for (String t : List.of("open-loop-vacancies", "open-loop-candidates", "vacancies", "candidates", MATCH_JOB_OUTPUT,
        "matches", "match-outcomes", "city-stats", "shortage-ranking",
        "alerts", "dead-letters", "city-days", "alert-log")) {
      kafka.createTopic(new TopicSpec(t, 2, Map.of()));
    }
    Configuration conf = new Configuration();
    conf.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    conf.set(JobOptions.BOUNDED, true);
    conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
    return conf;
  }

  @Test
  void everyFinalRecordReachesCityDaysKeyedByCityAndDay() {
    List<CityStats> allFinals = finals.values().stream().flatMap(List::stream).toList();
    assertThat(allFinals).isNotEmpty();
    assertThat(finals).containsKey(CityStats.NATIONAL);
    Map<String, CityStats> expected = new TreeMap<>();
    allFinals.forEach(f -> expected.put(f.cityId() + "/" + f.day(), f));
    assertThat(cityDays).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(cityDays.values()).allMatch(CityStats::isFinal);
  }

  @Test
  void everyAlertChangeReachesTheAlertLog() {
    assertThat(alerts).isNotEmpty();
    assertThat(alertLog).containsExactlyInAnyOrderElementsOf(alerts);
  }

  @Test
  void theSimulatedCitiesHadMatchesAndSomeWereWrittenTwice() {
    assertThat(matches).hasSizeGreaterThan(100);
    assertThat(matches).extracting(Match::cityId).contains("ningbo", "hangzhou", "wuhan");
  }

  @Test
  void everyCitysDailyFiguresEqualARecountOfTheInput() {
    Map<String, Map<String, long[]>> expected = new Recount(input, matches).byCityAndDay();
    assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    long lastDay = ShanghaiCalendar.dayOf(SIMULATION.start().toEpochMilli()) + DAYS;
    expected.forEach((city, days) -> {
      Map<String, long[]> actual = new TreeMap<>();
      for (CityStats s : finals.get(city)) {
        if (ShanghaiCalendar.parse(s.day()) >= lastDay) {
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
    assertThat(finals.get("ningbo")).hasSizeGreaterThanOrEqualTo(DAYS);
    for (CityStats s : finals.get("ningbo")) {
      assertThat(s.matchesByHour()).hasSize(24);
      assertThat(s.matchesByHour().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.matchesToday());
      assertThat(s.trend().get(s.trend().size() - 1)).isEqualTo(new CityStats.DayCount(s.day(), s.matchesToday()));
    }
  }

  @Test
  void theSimulatorsPoisonBecomesDeadLettersWithTheirReasonAndNothingIsLate() {
    long poison = input.stream().filter(SimEvent::isPoison).count();
    assertThat(poison).isPositive();
    assertThat(deadLetters).filteredOn(d -> !d.sourceTopic().equals("match-outcomes")).hasSize((int) poison)
        .allSatisfy(d -> assertThat(d.reason()).isNotBlank().isNotEqualTo(io.matchstream.jobs.stats.functions.RouteInputFunction.LATE));
  }

  @Test
  void technicalPostsOpenPastTheThresholdFireOnceEach() {
    long expectedFiring = new Recount(input, matches).technicalPostsOpenPast(THRESHOLD.toMillis());
    Map<String, Long> firingPerId = alerts.stream()
        .filter(a -> a.alertType() == AlertType.UNFILLED_TECHNICAL_POST && a.state() == AlertState.FIRING)
        .collect(Collectors.groupingBy(Alert::alertId, LinkedHashMap::new, Collectors.counting()));
    assertThat(expectedFiring).isPositive();
    assertThat(firingPerId).hasSize((int) expectedFiring).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void theClosedLoopHiredThroughMatchesAndTheFeedIncludesRepeatsAndEveryKindToRefuse() {
    assertThat(outcomes).extracting(MatchOutcome::stage).contains(io.matchstream.events.OutcomeStage.HIRED);
    assertThat((long) outcomes.size()).isGreaterThan(outcomes.stream().map(MatchOutcome::outcomeId).distinct().count());
    assertThat(new FunnelRecount(matches, outcomes, new Recount(input, matches)).refusals)
        .anyMatch(r -> r.startsWith("unknown match"))
        .anyMatch(r -> r.contains("is of city"))
        .anyMatch(r -> r.contains("is before its match's eventTime"))
        .anyMatch(r -> r.startsWith("stage "));
  }

  @Test
  void everyFunnelEqualsARecountOfTheMatchesAndOutcomesRepeatsIncluded() {
    FunnelRecount recount = new FunnelRecount(matches, outcomes, new Recount(input, matches));
    java.util.Comparator<Double> doubles = (a, b) -> a == null || b == null ? (a == b ? 0 : 1)
        : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? 0 : Double.compare(a, b);
    long hires = 0;
    for (var e : finals.entrySet()) {
      for (CityStats s : e.getValue()) {
        CityStats.Funnel f = s.funnel();
        assertThat(f).as("%s %s", s.cityId(), s.day()).isNotNull();
        assertThat(f.cohorts()).isNotEmpty().hasSizeLessThanOrEqualTo(14);
        assertThat(f.cohorts().get(f.cohorts().size() - 1).day()).isEqualTo(s.day());
        assertThat(f).as("%s %s", s.cityId(), s.day()).usingRecursiveComparison()
            .withComparatorForType(doubles, Double.class)
            .isEqualTo(recount.expected(s.cityId(), s.day(), f.cohorts()));
        Map<String, List<Long>> byOccupation = new TreeMap<>();
        for (CityStats.OccupationFigure o : s.occupations()) {
          CityStats.Stages st = o.funnel();
          if (st.matches() + st.contacted() + st.interviews() + st.offers() + st.hires() > 0) {
            byOccupation.put(o.occupationCode(),
                List.of(st.matches(), st.contacted(), st.interviews(), st.offers(), st.hires()));
          }
        }
        assertThat(byOccupation).as("per occupation, %s %s", s.cityId(), s.day())
            .containsExactlyInAnyOrderEntriesOf(recount.occupations(s.cityId(), s.day()));
        if (!s.cityId().equals(CityStats.NATIONAL)) {
          hires += f.today().hires();
        }
      }
    }
    assertThat(hires).as("hires through matches in all cities").isPositive();
    recount.daysWithSteps().forEach((key, days) -> assertThat(finals.get(key)).as(key)
        .extracting(CityStats::day).containsAll(days));
  }

  @Test
  void refusedOutcomesAreDeadLetteredWithTheirReasonAndRepeatsAreNot() {
    FunnelRecount recount = new FunnelRecount(matches, outcomes, new Recount(input, matches));
    assertThat(deadLetters).filteredOn(d -> d.sourceTopic().equals("match-outcomes")).extracting(DeadLetter::reason)
        .containsExactlyInAnyOrderElementsOf(recount.refusals);
  }

  /** Dead letters decode with the contract's codec: their raw bytes are capped to fit it. */
  private static DeadLetter deadLetter(byte[] bytes) {
    try {
      return EventCodec.decodeDeadLetter(bytes);
    } catch (Exception e) {
      throw new AssertionError("undecodable dead letter of " + bytes.length + " bytes", e);
    }
  }

  @Test
  void theFinalShortageRankingsAreTheCitysFinalFiguresRankedAndTheNationsFromThem() {
    Map<String, ShortageRanking> finalRankings = rankings.stream().filter(ShortageRanking::isFinal)
        .collect(Collectors.toMap(r -> r.cityId() + "/" + r.day(), r -> r, (a, b) -> b.revision() > a.revision() ? b : a));
    List<CityStats> cityFinals = finals.entrySet().stream().filter(e -> !e.getKey().equals(CityStats.NATIONAL))
        .flatMap(e -> e.getValue().stream()).toList();
    assertThat(cityFinals).isNotEmpty();
    for (CityStats f : cityFinals) {
      ShortageRanking r = finalRankings.get(f.cityId() + "/" + f.day());
      assertThat(r).as("final ranking of %s on %s", f.cityId(), f.day()).isNotNull();
      assertThat(r.entries()).extracting(ShortageRanking.Entry::occupationCode, ShortageRanking.Entry::gap)
          .as("%s on %s", f.cityId(), f.day())
          .containsExactlyElementsOf(ShortageRanker.cityTop(f.occupations()).stream()
              .map(l -> org.assertj.core.groups.Tuple.tuple(l.code(), l.gap())).toList());
    }
    List<String> days = cityFinals.stream().map(CityStats::day).distinct().sorted().toList();
    Map<String, Integer> previous = null;
    String previousDay = null;
    for (String day : days) {
      // Each city as it closed that day, or as it closed before (a city without events that day).
      Map<String, List<io.matchstream.jobs.stats.ranking.TopList.Line>> lists = new TreeMap<>();
      for (CityStats f : cityFinals) {
        if (f.day().compareTo(day) <= 0) {
          CityStats held = null;
          for (CityStats g : cityFinals) {
            if (g.cityId().equals(f.cityId()) && g.day().compareTo(day) <= 0
                && (held == null || g.day().compareTo(held.day()) > 0)) held = g;
          }
          lists.put(f.cityId(), ShortageRanker.cityTop(held.occupations()));
        }
      }
      ShortageRanking national = finalRankings.get(ShortageRanking.NATIONAL + "/" + day);
      assertThat(national).as("national final of %s", day).isNotNull();
      assertThat(national.citiesReporting()).isEqualTo(lists.size());
      assertThat(national.entries()).hasSizeLessThanOrEqualTo(ShortageRanking.NATIONAL_TOP)
          .extracting(ShortageRanking.Entry::occupationCode, ShortageRanking.Entry::cities, ShortageRanking.Entry::score)
          .containsExactlyElementsOf(ShortageRanker.national(lists).stream()
              .map(n -> org.assertj.core.groups.Tuple.tuple(n.line().code(), n.cities(), n.score())).toList());
      // Poison with odd dates leaves gaps between days: compare where yesterday had a final.
      if (previous != null && java.time.LocalDate.parse(previousDay).plusDays(1).toString().equals(day)) {
        Map<String, Integer> before = previous;
        assertThat(national.entries()).allSatisfy(e ->
            assertThat(e.rankYesterday()).as(e.occupationCode()).isEqualTo(before.get(e.occupationCode())));
      }
      previousDay = day;
      previous = ShortageRanker.ranks(national.entries().stream()
          .map(e -> new io.matchstream.jobs.stats.ranking.TopList.Line(e.occupationCode(), 0, 0)).toList());
    }
  }

  private static <T> T decode(byte[] bytes, Class<T> type) {
    try {
      return EventCodec.decode(bytes, type);
    } catch (Exception e) {
      throw new AssertionError("undecodable " + type.getSimpleName() + " of " + bytes.length + " bytes", e);
    }
  }
}
