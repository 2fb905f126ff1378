package io.matchstream.jobs.stats;

import static io.matchstream.events.VacancyEventType.FILLED;
import static io.matchstream.events.VacancyEventType.OPENED;
import static io.matchstream.jobs.stats.Fixtures.DAY;
import static io.matchstream.jobs.stats.Fixtures.MONDAY_MORNING;
import static io.matchstream.jobs.stats.Fixtures.aTechnicalPost;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.jobs.stats.functions.UnfilledPostAlertFunction;
import io.matchstream.jobs.stats.functions.VacancyLifecycleFunction;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.state.Shards;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Vacancies share a shard's map and its one timer: timers do not grow with open posts, each post
 * still leaves at its own instant, ids of any shape are exact, and a restore keeps all of it.
 */
class ShardedStateTest {
  static final StatsSettings SETTINGS = Fixtures.settings("stats.vacancy-expiry", "90 d");

  private static <O> KeyedOneInputStreamOperatorTestHarness<Integer, VacancyChange, O> harness(
      KeyedProcessFunction<Integer, VacancyChange, O> f, OperatorSubtaskState restore) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), Shards.VACANCY, Types.INT);
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  private static long open(List<CityDelta> out) {
    return out.stream().filter(d -> d.kind == DeltaKind.OPEN_VACANCY).mapToLong(d -> d.count).sum();
  }

  private static String anotherIdInTheShardOf(String id) {
    for (int i = 0; ; i++) {
      String other = "vac-" + String.format("%08d", i);
      if (!other.equals(id) && Shards.of(other) == Shards.of(id)) {
        return other;
      }
    }
  }

  @Test
  void timersDoNotGrowWithOpenPosts() throws Exception {
    try (var h = harness(new VacancyLifecycleFunction(SETTINGS), null)) {
      for (int i = 0; i < 5_000; i++) {
        h.processElement(aTechnicalPost("vac-" + String.format("%08d", i), OPENED, MONDAY_MORNING + i, MONDAY_MORNING),
            MONDAY_MORNING + i);
      }

      assertThat(open(h.extractOutputValues())).isEqualTo(5_000);
      assertThat(h.numEventTimeTimers()).isLessThanOrEqualTo(Shards.COUNT);
    }
  }

  @Test
  void postsOfOneShardEachLeaveAtTheirOwnInstant() throws Exception {
    String first = "vac-00000001";
    String second = anotherIdInTheShardOf(first);
    long later = MONDAY_MORNING + 3 * DAY;
    try (var h = harness(new VacancyLifecycleFunction(SETTINGS), null)) {
      h.processElement(aTechnicalPost(first, OPENED, MONDAY_MORNING, MONDAY_MORNING), MONDAY_MORNING);
      h.processElement(aTechnicalPost(second, OPENED, later, later), later);
      assertThat(h.numEventTimeTimers()).isEqualTo(1);

      h.processWatermark(MONDAY_MORNING + 90 * DAY);
      List<CityDelta> out = h.extractOutputValues();
      assertThat(open(out)).isEqualTo(1);
      assertThat(out).filteredOn(d -> d.count == -1).extracting(d -> d.time)
          .containsExactly(MONDAY_MORNING + 90 * DAY);

      h.processWatermark(later + 90 * DAY - 1);
      assertThat(open(h.extractOutputValues())).isEqualTo(1);
      h.processWatermark(later + 90 * DAY);
      assertThat(open(h.extractOutputValues())).isZero();
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void anIdOfAnotherShapeIsCountedAndLeavesLikeAnyOther() throws Exception {
    String odd = "vac-an-id-of-another-shape-0001";
    try (var h = harness(new VacancyLifecycleFunction(SETTINGS), null)) {
      h.processElement(aTechnicalPost(odd, OPENED, MONDAY_MORNING, MONDAY_MORNING), MONDAY_MORNING);
      h.processElement(aTechnicalPost(odd, OPENED, MONDAY_MORNING + DAY, MONDAY_MORNING), MONDAY_MORNING + DAY);
      assertThat(open(h.extractOutputValues())).isEqualTo(1);

      h.processElement(aTechnicalPost(odd, FILLED, MONDAY_MORNING + 2 * DAY, MONDAY_MORNING), MONDAY_MORNING + 2 * DAY);
      h.processWatermark(MONDAY_MORNING + 4 * DAY);

      assertThat(open(h.extractOutputValues())).isZero();
      assertThat(h.extractOutputValues()).filteredOn(d -> d.kind == DeltaKind.PLACEMENT).hasSize(1);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void aRestoredShardKeepsItsPostsAndTheirDeadlines() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(new UnfilledPostAlertFunction(SETTINGS), null)) {
      h.processElement(aTechnicalPost("vac-00000001", OPENED, MONDAY_MORNING, MONDAY_MORNING), MONDAY_MORNING);
      h.processElement(aTechnicalPost("vac-00000002", OPENED, MONDAY_MORNING, MONDAY_MORNING), MONDAY_MORNING);
      snapshot = h.snapshot(1L, MONDAY_MORNING);
    }
    try (var h = harness(new UnfilledPostAlertFunction(SETTINGS), snapshot)) {
      h.processWatermark(MONDAY_MORNING + 30 * DAY);
      h.processElement(aTechnicalPost("vac-00000002", FILLED, MONDAY_MORNING + 31 * DAY, MONDAY_MORNING),
          MONDAY_MORNING + 31 * DAY);

      List<Alert> alerts = h.extractOutputValues();
      assertThat(alerts).extracting(Alert::vacancyId, Alert::state).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("vac-00000001", AlertState.FIRING),
          org.assertj.core.groups.Tuple.tuple("vac-00000002", AlertState.FIRING),
          org.assertj.core.groups.Tuple.tuple("vac-00000002", AlertState.RESOLVED));
      assertThat(alerts).allSatisfy(a -> assertThat(a.employerId()).isEqualTo("emp-0042"));
    }
  }
}
