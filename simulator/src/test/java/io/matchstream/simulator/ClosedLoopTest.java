package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeReason;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.OutcomeTransitions;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.events.taxonomy.Taxonomy;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The closed loop, pure: four simulated days of Ningbo at a third of its volume, the stand-in
 * matcher's matches offered as they are found, every record checked as a consumer of the topics
 * would.
 */
class ClosedLoopTest {
  static final SimulatorConfig RUN =
      SimulatorConfig.builder().cities("ningbo").volumeScale(0.35).duration(Duration.ofDays(4)).build();

  static final List<SimEvent> events = new ArrayList<>();
  static ClosedLoopRun run;

  @BeforeAll
  static void play() throws Exception {
    run = ClosedLoopRun.run(RUN, true, events::add);
  }

  @Test
  void theSameSeedAndMatchesGiveByteIdenticalOutput() throws Exception {
    MessageDigest again = MessageDigest.getInstance("SHA-256");
    long[] n = {0};
    ClosedLoopRun.run(RUN, true, e -> {
      digest(again, e);
      n[0]++;
    });
    MessageDigest first = MessageDigest.getInstance("SHA-256");
    events.forEach(e -> digest(first, e));
    assertThat(n[0]).isEqualTo(events.size());
    assertThat(again.digest()).isEqualTo(first.digest());
  }

  @Test
  void everyOutcomeIsValidFollowsItsMatchAndStepsOnlyAsTransitionsAllow() throws Exception {
    EventValidator validator = new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(),
        Clock.fixed(RUN.end(), ZoneOffset.UTC), Duration.ofDays(1));
    ToyMatcher matcher = new ToyMatcher(ClosedLoopRun.TOY_THRESHOLD);
    Map<String, Match> matches = new HashMap<>();
    Map<String, OutcomeStage> last = new HashMap<>();
    Set<String> outcomeIds = new HashSet<>();
    Map<OutcomeStage, Integer> stages = new EnumMap<>(OutcomeStage.class);
    for (SimEvent e : events) {
      matcher.accept(e).forEach(m -> matches.put(m.matchId(), m));
      if (!e.topic().equals(Topics.MATCH_OUTCOMES)) continue;
      ParseResult<MatchOutcome> r = validator.parseOutcome(e.value());
      assertThat(r.isValid()).as("%s: %s", r.reason(), e.valueAsString()).isTrue();
      MatchOutcome o = r.value();
      assertThat(e.key()).isEqualTo(o.matchId());
      Match m = matches.get(o.matchId());
      assertThat(m).as("outcome of a match offered: %s", e.valueAsString()).isNotNull();
      assertThat(o.cityId()).isEqualTo(m.cityId());
      assertThat(o.eventTime()).isGreaterThanOrEqualTo(m.eventTime());
      assertThat(o.actor().mayRecord(o.stage())).isTrue();
      assertThat(o.reasonCode().fits(o.stage())).as(e.valueAsString()).isTrue();
      assertThat(OutcomeTransitions.check(last.get(o.matchId()), o.stage())).as(e.valueAsString()).isNull();
      assertThat(outcomeIds.add(o.outcomeId())).as("outcome ids are unique").isTrue();
      last.put(o.matchId(), o.stage());
      stages.merge(o.stage(), 1, Integer::sum);
    }
    // every kind of step happens, and endings name why
    assertThat(stages.keySet()).containsExactlyInAnyOrder(OutcomeStage.values());
    assertThat(events.stream().filter(e -> e.topic().equals(Topics.MATCH_OUTCOMES))
        .map(e -> decodeOutcome(e).reasonCode()).distinct())
        .contains(OutcomeReason.POST_FILLED, OutcomeReason.TOOK_OTHER_JOB, OutcomeReason.PAY, OutcomeReason.SKILLS);
  }

  @Test
  void aHireIsFollowedAtTheSameInstantByThePlacementAndTheFillOnceTheHeadcountIsUsed() throws Exception {
    ToyMatcher matcher = new ToyMatcher(ClosedLoopRun.TOY_THRESHOLD);
    Map<String, Match> matches = new HashMap<>();
    Map<String, Integer> headcount = new HashMap<>();
    Map<String, Integer> hiredThroughMatches = new HashMap<>();
    Set<String> placed = new HashSet<>();
    Set<String> filled = new HashSet<>();
    int hires = 0;
    for (int i = 0; i < events.size(); i++) {
      SimEvent e = events.get(i);
      matcher.accept(e).forEach(m -> matches.put(m.matchId(), m));
      if (e.topic().equals(Topics.VACANCIES)) {
        VacancyEvent v = EventCodec.decodeVacancy(e.value());
        assertThat(filled).as("nothing after FILLED of %s", v.vacancyId()).doesNotContain(v.vacancyId());
        if (v.type() == VacancyEventType.OPENED) headcount.put(v.vacancyId(), v.headcount());
        if (v.type() == VacancyEventType.FILLED) filled.add(v.vacancyId());
      } else if (e.topic().equals(Topics.CANDIDATES)) {
        CandidateEvent c = EventCodec.decodeCandidate(e.value());
        if (c.type() == CandidateEventType.PLACED) {
          assertThat(placed.add(c.candidateId())).as("placed once: %s", c.candidateId()).isTrue();
        }
      } else if (decodeOutcome(e).stage() == OutcomeStage.HIRED) {
        hires++;
        Match m = matches.get(e.key());
        SimEvent next = events.get(i + 1);
        CandidateEvent placement = EventCodec.decodeCandidate(next.value());
        assertThat(placement.type()).isEqualTo(CandidateEventType.PLACED);
        assertThat(placement.candidateId()).isEqualTo(m.candidateId());
        assertThat(placement.vacancyId()).isEqualTo(m.vacancyId());
        assertThat(next.emitTime()).isEqualTo(e.emitTime());
        int n = hiredThroughMatches.merge(m.vacancyId(), 1, Integer::sum);
        Integer wanted = headcount.get(m.vacancyId());
        if (wanted != null && n == wanted) {
          SimEvent fill = events.get(i + 2);
          VacancyEvent v = EventCodec.decodeVacancy(fill.value());
          assertThat(v.type()).isEqualTo(VacancyEventType.FILLED);
          assertThat(v.vacancyId()).isEqualTo(m.vacancyId());
          assertThat(v.candidateId()).isEqualTo(m.candidateId());
          assertThat(fill.emitTime()).isEqualTo(e.emitTime());
        } else if (i + 2 < events.size() && events.get(i + 2).topic().equals(Topics.VACANCIES)
            && events.get(i + 2).emitTime() == e.emitTime()) {
          assertThat(events.get(i + 2).key()).as("no FILLED before the headcount is used").isNotEqualTo(m.vacancyId());
        }
      }
    }
    assertThat(hires).isGreaterThan(20);
  }

  @Test
  void anOfferIsPlayedOnceAndOnlyForPostsAndCandidatesStillInTheRun() throws Exception {
    Simulator sim = Simulator.create(RUN.toBuilder().closedLoop(true).build());
    ToyMatcher matcher = new ToyMatcher(ClosedLoopRun.TOY_THRESHOLD);
    List<Match> found = new ArrayList<>();
    while (found.size() < 200 && sim.hasNext()) {
      found.addAll(matcher.accept(sim.next()));
    }
    Map<Simulator.Offer, Integer> results = new EnumMap<>(Simulator.Offer.class);
    Match played = null;
    for (Match m : found) {
      Simulator.Offer result = sim.offer(m, sim.now());
      results.merge(result, 1, Integer::sum);
      if (result == Simulator.Offer.PLAYED && played == null) played = m;
    }
    assertThat(played).as("some of %s played: %s", found.size(), results).isNotNull();
    assertThat(sim.offer(played, sim.now())).as("a repeated record").isEqualTo(Simulator.Offer.REPEATED);
    Match stranger = new Match("m-00000000000000000000", "m-00000000000000000000", sim.now(), 1, "vac-nobody",
        "cand-nobody", "ningbo", played.occupationCode(), "emp-x", 1, 1, 1, 1, 1, 1, List.of(), List.of(), null, null,
        sim.now(), sim.now());
    assertThat(sim.offer(stranger, sim.now())).isEqualTo(Simulator.Offer.GONE);
    assertThat(sim.offer(null, sim.now())).isEqualTo(Simulator.Offer.REJECTED);
    Match any = played;
    assertThatThrownBy(() -> Simulator.create(RUN).offer(any, 0)).isInstanceOf(IllegalStateException.class);
  }

  private static MatchOutcome decodeOutcome(SimEvent e) {
    try {
      return EventCodec.decodeOutcome(e.value());
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  private static void digest(MessageDigest d, SimEvent e) {
    d.update(e.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    d.update(e.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    d.update(e.value());
    d.update(Long.toString(e.emitTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
