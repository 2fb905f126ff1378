package io.matchstream.jobs.match;

import static io.matchstream.jobs.match.Fixtures.LUNCHTIME;
import static io.matchstream.jobs.match.Fixtures.MONDAY_9AM;
import static io.matchstream.jobs.match.Fixtures.ONE_HOUR;
import static io.matchstream.jobs.match.Fixtures.aWelder;
import static io.matchstream.jobs.match.Fixtures.aWelderVacancy;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Ids;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.common.Inbound;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MatchFunctionTest {

  private KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> harness(
      MatchSettings settings) throws Exception {
    var h = new KeyedTwoInputStreamOperatorTestHarness<>(
        new CoBroadcastWithKeyedOperator<>(new MatchFunction(settings), java.util.List.of(MatchFunction.SETTINGS)),
        PoolInput::poolKey, null, Types.STRING);
    h.open();
    return h;
  }

  private static void send(KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> h,
      VacancyEvent v) throws Exception {
    h.processElement1(new StreamRecord<>(PoolInput.of(new RoutedVacancy(PoolKey.of(v), v)), v.eventTime()));
  }

  /** Routes the candidate to every pool it belongs to, as the job does. */
  private static void send(KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> h,
      CandidateEvent c) throws Exception {
    for (String key : PoolKey.of(c)) {
      h.processElement1(new StreamRecord<>(PoolInput.of(new RoutedCandidate(key, c)), c.eventTime()));
    }
  }

  private static List<Match> matches(KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> h) {
    return h.extractOutputValues();
  }

  private static double scoreOf(VacancyEvent v, CandidateEvent c) {
    MatchScorer s = new MatchScorer(MatchSettings.defaults(), Fixtures.TAXONOMY);
    return s.score(s.vacancy(v), s.candidate(c), v.cityId());
  }

  @Test
  void emitsAMatchWhenTheScoreReachesTheThreshold() throws Exception {
    VacancyEvent v = aWelderVacancy("vac-000001", MONDAY_9AM);
    CandidateEvent c = aWelder("cand-000001", LUNCHTIME);
    double score = scoreOf(v, c);
    var h = harness(MatchSettings.defaults().withThreshold(score));
    send(h, v);
    send(h, c);
    h.processBothWatermarks(new Watermark(LUNCHTIME));

    assertThat(matches(h)).singleElement().satisfies(m -> {
      assertThat(m.matchId()).isEqualTo(Ids.matchId("vac-000001", "cand-000001"));
      assertThat(m.score()).isEqualTo(score).isBetween(0.0, 1.0);
      assertThat(m.vacancyEventTime()).isEqualTo(MONDAY_9AM);
      assertThat(m.candidateEventTime()).isEqualTo(LUNCHTIME);
      assertThat(m.eventTime()).isEqualTo(LUNCHTIME);
      assertThat(m.skillsMet()).containsExactlyInAnyOrderElementsOf(Fixtures.WELDING.essentialSkillIds());
      assertThat(m.essentialSkillsMissing()).isEmpty();
    });
  }

  @Test
  void emitsNothingWhenTheScoreIsJustBelowTheThreshold() throws Exception {
    VacancyEvent v = aWelderVacancy("vac-000001", MONDAY_9AM);
    CandidateEvent c = aWelder("cand-000001", LUNCHTIME);
    var h = harness(MatchSettings.defaults().withThreshold(Math.nextUp(scoreOf(v, c))));
    send(h, v);
    send(h, c);
    h.processBothWatermarks(new Watermark(LUNCHTIME));

    assertThat(matches(h)).isEmpty();
  }

  @Test
  void neverEmitsThePairTwiceEvenWhenBothSidesAreUpdated() throws Exception {
    VacancyEvent v = aWelderVacancy("vac-000001", MONDAY_9AM);
    CandidateEvent c = aWelder("cand-000001", LUNCHTIME);
    var h = harness(MatchSettings.defaults().withThreshold(0.5));
    send(h, v);
    send(h, c);
    h.processBothWatermarks(new Watermark(LUNCHTIME));
    VacancyEvent updated = Fixtures.vacancy("vac-000001", VacancyEventType.UPDATED, "ningbo",
        LUNCHTIME + ONE_HOUR, MONDAY_9AM, v.essentialSkills(), v.optionalSkills(), v.certificateLevel(),
        6500, 9500, v.employmentType(), null);
    send(h, updated);
    send(h, Fixtures.candidate("cand-000001", io.matchstream.events.CandidateEventType.UPDATED,
        LUNCHTIME + 2 * ONE_HOUR, LUNCHTIME, c.skills(), c.certificateLevel(), 7000, null));
    h.processBothWatermarks(new Watermark(LUNCHTIME + 3 * ONE_HOUR));

    assertThat(matches(h)).extracting(Match::matchId).containsExactly(Ids.matchId("vac-000001", "cand-000001"));
  }

  @Test
  void filledVacanciesAndPlacedCandidatesLeaveEveryPool() throws Exception {
    var h = harness(MatchSettings.defaults().withThreshold(0.5));
    CandidateEvent c = aWelder("cand-000001", MONDAY_9AM);
    VacancyEvent v = aWelderVacancy("vac-000001", MONDAY_9AM);
    send(h, c);
    send(h, v);
    h.processBothWatermarks(new Watermark(MONDAY_9AM));
    assertThat(matches(h)).hasSize(1);
    // The candidate sits in Ningbo's and Hangzhou's welding pools.
    assertThat(PoolKey.of(c)).hasSize(2);

    send(h, Fixtures.placed(c, "vac-000001", LUNCHTIME));
    send(h, Fixtures.filled(v, "cand-000001", LUNCHTIME));
    h.processBothWatermarks(new Watermark(LUNCHTIME));
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();

    // Neither is there any more for a newcomer to match in either city.
    send(h, aWelderVacancy("vac-000002", LUNCHTIME + ONE_HOUR));
    VacancyEvent hangzhou = Fixtures.vacancy("vac-000003", VacancyEventType.OPENED, "hangzhou",
        LUNCHTIME + ONE_HOUR, LUNCHTIME, v.essentialSkills(), v.optionalSkills(), v.certificateLevel(),
        6000, 9000, v.employmentType(), null);
    send(h, hangzhou);
    send(h, aWelder("cand-000002", LUNCHTIME + 2 * ONE_HOUR));
    h.processBothWatermarks(new Watermark(LUNCHTIME + 2 * ONE_HOUR));
    assertThat(matches(h)).extracting(Match::candidateId).containsOnly("cand-000001", "cand-000002");
    assertThat(matches(h)).filteredOn(m -> m.candidateId().equals("cand-000001")).hasSize(1);
  }

  @Test
  void expiryLeavesNoStateAndNoTimers() throws Exception {
    MatchSettings settings = MatchSettings.defaults().withThreshold(0.5)
        .withMaxAges(Duration.ofDays(3), Duration.ofDays(2));
    var h = harness(settings);
    send(h, aWelderVacancy("vac-000001", MONDAY_9AM));
    send(h, aWelder("cand-000001", MONDAY_9AM + ONE_HOUR));
    h.processBothWatermarks(new Watermark(MONDAY_9AM + ONE_HOUR));
    assertThat(matches(h)).hasSize(1);
    assertThat(h.numKeyedStateEntries()).isPositive();

    h.processBothWatermarks(new Watermark(MONDAY_9AM + Duration.ofDays(3).toMillis()));

    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void arrivalsAreMatchedInEventTimeOrderWhateverOrderTheyArriveIn() throws Exception {
    // The vacancy is withdrawn before the candidate registers, but the withdrawal arrives last.
    var h = harness(MatchSettings.defaults().withThreshold(0.5));
    VacancyEvent v = aWelderVacancy("vac-000001", MONDAY_9AM);
    send(h, v);
    send(h, aWelder("cand-000001", LUNCHTIME));
    send(h, Fixtures.vacancy("vac-000001", VacancyEventType.WITHDRAWN, "ningbo", MONDAY_9AM + ONE_HOUR,
        MONDAY_9AM, null, null, null, 0, 0, null, null));
    h.processBothWatermarks(new Watermark(LUNCHTIME));

    assertThat(matches(h)).isEmpty();
  }
}
