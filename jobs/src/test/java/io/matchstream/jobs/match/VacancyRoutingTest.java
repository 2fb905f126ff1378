package io.matchstream.jobs.match;

import static io.matchstream.jobs.match.Fixtures.LUNCHTIME;
import static io.matchstream.jobs.match.Fixtures.MONDAY_9AM;
import static io.matchstream.jobs.match.Fixtures.ONE_HOUR;
import static io.matchstream.jobs.match.Fixtures.WELDER;
import static io.matchstream.jobs.match.Fixtures.WELDING;
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
import io.matchstream.testkit.fixtures.Vacancies;
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

/** A post that moves (another city, another occupation family) leaves its old pool. */
class VacancyRoutingTest {
  private static final MatchSettings SETTINGS = MatchSettings.defaults().withThreshold(0.5);
  /** A welding post re-filed under another family (6-18-01, not welding's 6-18-02). */
  private static final String OTHER_FAMILY_OCCUPATION = "6-18-01-01";

  private KeyedOneInputStreamOperatorTestHarness<Integer, VacancyEvent, RoutedVacancy> router;
  private KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> pools;
  private int forwarded;
  /** false: vacancies go straight to PoolKey.of(event), as the job did before the router. */
  private boolean routed = true;

  @BeforeEach
  void wire() throws Exception {
    router = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new VacancyRouting(SETTINGS.vacancyMaxAgeMillis())),
        RouterShards.VACANCY, Types.INT);
    router.open();
    pools = new KeyedTwoInputStreamOperatorTestHarness<>(
        new CoBroadcastWithKeyedOperator<>(new MatchFunction(SETTINGS), java.util.List.of(MatchFunction.SETTINGS)),
        PoolInput::poolKey, null, Types.STRING);
    pools.open();
    forwarded = 0;
  }

  @Test
  void aPostUpdatedToAnotherCityIsNoLongerMatchedInTheOldOne() throws Exception {
    send(post("vac-000001", VacancyEventType.OPENED, "fuzhou", WELDER, MONDAY_9AM));
    send(post("vac-000001", VacancyEventType.UPDATED, "hangzhou", WELDER, MONDAY_9AM + ONE_HOUR));
    send(welder("cand-fuzhou", "fuzhou", LUNCHTIME));
    send(welder("cand-hangzhou", "hangzhou", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(pools.extractOutputValues()).extracting(Match::matchId)
        .containsExactly(Ids.matchId("vac-000001", "cand-hangzhou"));
    assertThat(pools.extractOutputValues()).extracting(Match::cityId).containsOnly("hangzhou");
  }

  @Test
  void withoutTheRouterTheOldPoolKeepsTheMovedPost() throws Exception {
    // The wiring before the router: the defect this class exists for.
    routed = false;
    send(post("vac-000001", VacancyEventType.OPENED, "fuzhou", WELDER, MONDAY_9AM));
    send(post("vac-000001", VacancyEventType.UPDATED, "hangzhou", WELDER, MONDAY_9AM + ONE_HOUR));
    send(welder("cand-fuzhou", "fuzhou", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(pools.extractOutputValues()).extracting(Match::candidateId).containsExactly("cand-fuzhou");
  }

  @Test
  void aPostReFiledUnderAnotherOccupationFamilyLeavesTheOldFamilysPool() throws Exception {
    send(post("vac-000001", VacancyEventType.OPENED, "fuzhou", WELDER, MONDAY_9AM));
    send(post("vac-000001", VacancyEventType.UPDATED, "fuzhou", OTHER_FAMILY_OCCUPATION, MONDAY_9AM + ONE_HOUR));
    send(welder("cand-fuzhou", "fuzhou", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(pools.extractOutputValues()).isEmpty();
  }

  @Test
  void aFilledPostEmptiesEveryPoolItWasEverInAndTheRouterForgetsIt() throws Exception {
    VacancyEvent opened = post("vac-000001", VacancyEventType.OPENED, "fuzhou", WELDER, MONDAY_9AM);
    send(opened);
    send(post("vac-000001", VacancyEventType.UPDATED, "hangzhou", WELDER, MONDAY_9AM + ONE_HOUR));
    // The closing event names the first city: it must still reach the pool the post is in now.
    send(Fixtures.vacancy("vac-000001", VacancyEventType.FILLED, "fuzhou", LUNCHTIME, MONDAY_9AM, null, null,
        null, 0, 0, null, "cand-000009"));
    watermark(LUNCHTIME);

    assertThat(pools.numKeyedStateEntries()).as("no pool holds the post").isZero();
    assertThat(pools.numEventTimeTimers()).isZero();
    assertThat(router.numKeyedStateEntries()).isZero();
    assertThat(router.numEventTimeTimers()).isZero();

    send(welder("cand-fuzhou", "fuzhou", LUNCHTIME + ONE_HOUR));
    send(welder("cand-hangzhou", "hangzhou", LUNCHTIME + ONE_HOUR));
    watermark(LUNCHTIME + ONE_HOUR);
    assertThat(pools.extractOutputValues()).isEmpty();
  }

  @Test
  void aLateOlderEventDoesNotBringThePostBackToTheCityItLeft() throws Exception {
    VacancyEvent opened = post("vac-000001", VacancyEventType.OPENED, "fuzhou", WELDER, MONDAY_9AM);
    // The move overtakes the opening it follows.
    send(post("vac-000001", VacancyEventType.UPDATED, "hangzhou", WELDER, MONDAY_9AM + 60_000));
    send(opened);
    send(welder("cand-fuzhou", "fuzhou", LUNCHTIME));
    watermark(LUNCHTIME);

    assertThat(pools.extractOutputValues()).isEmpty();
  }

  private void send(VacancyEvent v) throws Exception {
    if (routed) {
      router.processElement(new StreamRecord<>(v, v.eventTime()));
      forward();
    } else {
      pools.processElement1(new StreamRecord<>(PoolInput.of(new RoutedVacancy(PoolKey.of(v), v)), v.eventTime()));
    }
  }

  /** Candidates go straight to their pools: their own router is under test elsewhere. */
  private void send(CandidateEvent c) throws Exception {
    for (String key : PoolKey.of(c)) {
      pools.processElement1(new StreamRecord<>(PoolInput.of(new RoutedCandidate(key, c)), c.eventTime()));
    }
  }

  private void watermark(long ts) throws Exception {
    router.processWatermark(new Watermark(ts));
    forward();
    pools.processBothWatermarks(new Watermark(ts));
  }

  private void forward() throws Exception {
    List<RoutedVacancy> out = router.extractOutputValues();
    for (RoutedVacancy r : out.subList(forwarded, out.size())) {
      pools.processElement1(new StreamRecord<>(PoolInput.of(r), r.event().eventTime()));
    }
    forwarded = out.size();
  }

  private static VacancyEvent post(String id, VacancyEventType type, String city, String occupation, long at) {
    VacancyEvent v = Fixtures.vacancy(id, type, city, at, MONDAY_9AM, WELDING.essentialSkillIds(),
        WELDING.optionalSkillIds(), CertificateLevel.LEVEL_4, 6000, 9000, EmploymentType.DIRECT, null);
    return Vacancies.from(v).occupation(occupation).build();
  }

  /** A welder living in {@code city}, accepting no other. */
  private static CandidateEvent welder(String id, String city, long at) {
    CandidateEvent c = Fixtures.candidate(id, CandidateEventType.REGISTERED, at, at, WELDING.essentialSkillIds(),
        CertificateLevel.LEVEL_4, 8000, null);
    return Candidates.from(c).city(city).accepts(List.of()).vacancy(null).build();
  }
}
