package io.matchstream.jobs.match;

import static io.matchstream.jobs.match.Fixtures.LUNCHTIME;
import static io.matchstream.jobs.match.Fixtures.MONDAY_9AM;
import static io.matchstream.jobs.match.Fixtures.ONE_HOUR;
import static io.matchstream.jobs.match.Fixtures.WELDING;
import static io.matchstream.jobs.match.Fixtures.aWelder;
import static io.matchstream.jobs.match.Fixtures.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.Ids;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.testkit.fixtures.Candidates;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The candidate router and the pools together, wired as in the job. */
class CandidateRoutingTest {
  private static final MatchSettings SETTINGS = MatchSettings.defaults().withThreshold(0.5);

  private KeyedOneInputStreamOperatorTestHarness<Integer, CandidateEvent, RoutedCandidate> router;
  private KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> pools;
  private int forwarded;

  @BeforeEach
  void wire() throws Exception {
    router = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CandidateRouting(SETTINGS.candidateMaxAgeMillis())),
        RouterShards.CANDIDATE, Types.INT);
    router.open();
    pools = new KeyedTwoInputStreamOperatorTestHarness<>(
        new CoBroadcastWithKeyedOperator<>(new MatchFunction(SETTINGS), java.util.List.of(MatchFunction.SETTINGS)),
        PoolInput::poolKey, null, Types.STRING);
    pools.open();
    forwarded = 0;
  }

  @Test
  void anUpdateThatDropsACityTakesTheCandidateOutOfThatCitysPool() throws Exception {
    CandidateEvent registered = aWelder("cand-000001", MONDAY_9AM);
    send(registered);
    send(withAcceptedCities(registered, List.of(), MONDAY_9AM + ONE_HOUR));
    send(welderPost("vac-hangzhou", "hangzhou", LUNCHTIME));
    send(welderPost("vac-ningbo", "ningbo", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(pools.extractOutputValues()).extracting(Match::matchId)
        .containsExactly(Ids.matchId("vac-ningbo", "cand-000001"));
  }

  @Test
  void withoutTheUpdateTheSameCandidateIsMatchedInBothCities() throws Exception {
    send(aWelder("cand-000001", MONDAY_9AM));
    send(welderPost("vac-hangzhou", "hangzhou", LUNCHTIME));
    send(welderPost("vac-ningbo", "ningbo", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(pools.extractOutputValues()).extracting(Match::matchId).containsExactlyInAnyOrder(
        Ids.matchId("vac-ningbo", "cand-000001"), Ids.matchId("vac-hangzhou", "cand-000001"));
  }

  @Test
  void aLateOlderEventLeavesThePoolsTheNewerOneDropped() throws Exception {
    CandidateEvent registered = aWelder("cand-000001", MONDAY_9AM);
    // The update overtakes the registration it follows.
    send(withAcceptedCities(registered, List.of(), MONDAY_9AM + 60_000));
    send(registered);
    send(welderPost("vac-hangzhou", "hangzhou", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(pools.extractOutputValues()).isEmpty();
  }

  @Test
  void routingStateAndTimerAreGoneWhenTheCandidateIsPlaced() throws Exception {
    CandidateEvent registered = aWelder("cand-000001", MONDAY_9AM);
    send(registered);
    // Its shard's membership map and the shard's next-sweep instant, and the sweep timer.
    assertThat(router.numKeyedStateEntries()).isEqualTo(2);
    assertThat(router.numEventTimeTimers()).isEqualTo(1);

    send(placed(registered, "vac-000009", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(router.numKeyedStateEntries()).isZero();
    assertThat(router.numEventTimeTimers()).isZero();
    assertThat(pools.numKeyedStateEntries()).as("both pools are empty").isZero();
  }

  @Test
  void routingStateIsGoneAtTheCandidatesAgeLimit() throws Exception {
    send(aWelder("cand-000001", MONDAY_9AM));
    watermark(MONDAY_9AM + SETTINGS.candidateMaxAgeMillis() + Duration.ofDays(1).toMillis());

    assertThat(router.numKeyedStateEntries()).isZero();
    assertThat(router.numEventTimeTimers()).isZero();
    assertThat(pools.numKeyedStateEntries()).isZero();
  }

  private void send(CandidateEvent c) throws Exception {
    router.processElement(new StreamRecord<>(c, c.eventTime()));
    forward();
  }

  private void send(VacancyEvent v) throws Exception {
    pools.processElement1(new StreamRecord<>(PoolInput.of(new RoutedVacancy(PoolKey.of(v), v)), v.eventTime()));
  }

  private void watermark(long ts) throws Exception {
    router.processWatermark(new Watermark(ts));
    forward();
    pools.processBothWatermarks(new Watermark(ts));
  }

  /** Hands the router's new output to the pools, as the keyBy between them does. */
  private void forward() throws Exception {
    List<RoutedCandidate> out = router.extractOutputValues();
    for (RoutedCandidate r : out.subList(forwarded, out.size())) {
      pools.processElement1(new StreamRecord<>(PoolInput.of(r), r.event().eventTime()));
    }
    forwarded = out.size();
  }

  private static VacancyEvent welderPost(String id, String city, long at) {
    return Fixtures.vacancy(id, VacancyEventType.OPENED, city, at, at, WELDING.essentialSkillIds(),
        WELDING.optionalSkillIds(), CertificateLevel.LEVEL_4, 6000, 9000, EmploymentType.DIRECT, null);
  }

  private static CandidateEvent withAcceptedCities(CandidateEvent c, List<String> cities, long at) {
    return Candidates.from(c).eventId("ev-" + c.candidateId() + "-UPDATED-" + at).at(at)
        .type(CandidateEventType.UPDATED).accepts(cities).vacancy(null).build();
  }
}
