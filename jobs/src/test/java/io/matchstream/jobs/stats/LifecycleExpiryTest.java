package io.matchstream.jobs.stats;

import static io.matchstream.events.CandidateEventType.PLACED;
import static io.matchstream.events.CandidateEventType.REGISTERED;
import static io.matchstream.events.CandidateEventType.UPDATED;
import static io.matchstream.events.VacancyEventType.FILLED;
import static io.matchstream.events.VacancyEventType.OPENED;
import static io.matchstream.jobs.stats.Fixtures.DAY;
import static io.matchstream.jobs.stats.Fixtures.LATHE;
import static io.matchstream.jobs.stats.Fixtures.MONDAY_MORNING;
import static io.matchstream.jobs.stats.Fixtures.WELDER;
import static io.matchstream.jobs.stats.Fixtures.aCandidate;
import static io.matchstream.jobs.stats.Fixtures.aTechnicalPost;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.jobs.stats.functions.CandidateLifecycleFunction;
import io.matchstream.jobs.stats.functions.VacancyLifecycleFunction;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.VacancyChange;
import java.util.List;
import io.matchstream.jobs.stats.state.Shards;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Bounded state: a vacancy or candidate that falls silent leaves the counts and the state when its
 * age timer fires (90 / 60 days after its last event), and a closed one once its day is final.
 */
class LifecycleExpiryTest {
  static final StatsSettings SETTINGS = Fixtures.settings(
      "stats.vacancy-expiry", "90 d", "stats.candidate-expiry", "60 d", "stats.allowed-lateness", "10 min");

  private static KeyedOneInputStreamOperatorTestHarness<Integer, VacancyChange, CityDelta> vacancies() throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new VacancyLifecycleFunction(SETTINGS)), Shards.VACANCY, Types.INT);
    h.open();
    return h;
  }

  private static KeyedOneInputStreamOperatorTestHarness<Integer, CandidateChange, CityDelta> candidates()
      throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CandidateLifecycleFunction(SETTINGS)), Shards.CANDIDATE, Types.INT);
    h.open();
    return h;
  }

  private static long sum(List<CityDelta> out, DeltaKind kind) {
    return out.stream().filter(d -> d.kind == kind).mapToLong(d -> d.count).sum();
  }

  @Test
  void aSilentVacancyLeavesTheOpenCountAndTheStateNinetyDaysAfterItsLastEvent() throws Exception {
    try (var h = vacancies()) {
      long updated = MONDAY_MORNING + 10 * DAY;
      h.processElement(aTechnicalPost("vac-1", OPENED, MONDAY_MORNING, MONDAY_MORNING), MONDAY_MORNING);
      h.processElement(aTechnicalPost("vac-1", OPENED, updated, MONDAY_MORNING), updated); // a repeat, later
      h.processWatermark(updated + 90 * DAY - 1);
      assertThat(h.numKeyedStateEntries()).isPositive();
      assertThat(sum(h.extractOutputValues(), DeltaKind.OPEN_VACANCY)).isEqualTo(1);

      h.processWatermark(updated + 90 * DAY);

      assertThat(sum(h.extractOutputValues(), DeltaKind.OPEN_VACANCY)).isZero();
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aFilledVacancysStateGoesOnceTheFillsDayIsFinal() throws Exception {
    try (var h = vacancies()) {
      long filled = Fixtures.at("2026-03-05T15:00:00+08:00");
      h.processElement(aTechnicalPost("vac-2", OPENED, MONDAY_MORNING, MONDAY_MORNING), MONDAY_MORNING);
      h.processElement(aTechnicalPost("vac-2", FILLED, filled, MONDAY_MORNING), filled);

      h.processWatermark(Fixtures.at("2026-03-06T00:10:00+08:00"));

      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aSilentCandidateLeavesTheAvailableCountAndTheStateSixtyDaysAfterItsLastEvent() throws Exception {
    try (var h = candidates()) {
      long updated = MONDAY_MORNING + 5 * DAY;
      h.processElement(aCandidate("cand-1", REGISTERED, MONDAY_MORNING, LATHE, WELDER), MONDAY_MORNING);
      h.processElement(aCandidate("cand-1", UPDATED, updated, LATHE, WELDER), updated);
      h.processWatermark(updated + 60 * DAY - 1);
      assertThat(h.numKeyedStateEntries()).isPositive();
      assertThat(sum(h.extractOutputValues(), DeltaKind.AVAILABLE_CANDIDATE)).isEqualTo(1);
      assertThat(sum(h.extractOutputValues(), DeltaKind.SEEKING)).isEqualTo(2);

      h.processWatermark(updated + 60 * DAY);

      assertThat(sum(h.extractOutputValues(), DeltaKind.AVAILABLE_CANDIDATE)).isZero();
      assertThat(sum(h.extractOutputValues(), DeltaKind.SEEKING)).isZero();
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aPlacedCandidatesStateGoesOnceThePlacementsDayIsFinal() throws Exception {
    try (var h = candidates()) {
      long placed = Fixtures.at("2026-03-04T11:00:00+08:00");
      h.processElement(aCandidate("cand-2", REGISTERED, MONDAY_MORNING, LATHE), MONDAY_MORNING);
      h.processElement(aCandidate("cand-2", PLACED, placed, LATHE), placed);

      h.processWatermark(Fixtures.at("2026-03-05T00:10:00+08:00"));

      assertThat(sum(h.extractOutputValues(), DeltaKind.AVAILABLE_CANDIDATE)).isZero();
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }
}
