package io.matchstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.testkit.fixtures.Candidates;
import io.matchstream.testkit.fixtures.Vacancies;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The compact pool state through checkpoints and backends: the same input gives the same matches
 * on the heap backend, on embedded RocksDB (incremental), and across a snapshot and restore (the
 * index rebuilt from the restored entries), with pairs remembered and entries updated and closed.
 */
class MatchStateTest {
  private static final MatchSettings SETTINGS = MatchSettings.defaults().withThreshold(0.55).withTopK(3);
  private static final long MINUTE = 60_000;

  @Test
  void rocksDbAndARestoreInTheMiddleGiveTheSameMatchesAsOneRunOnTheHeap() throws Exception {
    List<Object> events = events(new Random(11), 1500);
    int half = events.size() / 2;

    List<Match> heap = new ArrayList<>();
    try (var h = harness(false, null)) {
      feed(h, events, heap);
    }
    assertThat(heap).as("the comparison must involve real matches").hasSizeGreaterThan(100);

    List<Match> rocks = new ArrayList<>();
    try (var h = harness(true, null)) {
      feed(h, events, rocks);
    }
    // The output is a set: keys whose timers fire at one instant may take turns differently per backend.
    assertThat(rocks).containsExactlyInAnyOrderElementsOf(heap);

    for (boolean rocksDb : new boolean[] {false, true}) {
      List<Match> resumed = new ArrayList<>();
      OperatorSubtaskState snapshot;
      try (var h = harness(rocksDb, null)) {
        feed(h, events.subList(0, half), resumed);
        snapshot = h.snapshot(1, time(events.get(half - 1)));
      }
      try (var h = harness(rocksDb, snapshot)) {
        feed(h, events.subList(half, events.size()), resumed);
      }
      assertThat(resumed).as(rocksDb ? "rocksdb" : "heap").containsExactlyInAnyOrderElementsOf(heap);
    }
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> harness(
      boolean rocksDb, OperatorSubtaskState restoreFrom) throws Exception {
    var h = new KeyedTwoInputStreamOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(new MatchFunction(SETTINGS), java.util.List.of(MatchFunction.SETTINGS)),
        PoolInput::poolKey, null, Types.STRING);
    if (rocksDb) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
    }
    if (restoreFrom != null) {
      h.initializeState(restoreFrom);
    }
    h.open();
    return h;
  }

  /** Feeds events in order, a watermark after each, and collects what comes out. */
  private static void feed(KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> h,
      List<Object> events, List<Match> out) throws Exception {
    for (Object e : events) {
      if (e instanceof VacancyEvent v) {
        h.processElement1(new StreamRecord<>(PoolInput.of(new RoutedVacancy(PoolKey.of(v), v)), v.eventTime()));
      } else {
        CandidateEvent c = (CandidateEvent) e;
        for (String key : PoolKey.of(c)) {
          h.processElement1(new StreamRecord<>(PoolInput.of(new RoutedCandidate(key, c)), c.eventTime()));
        }
      }
      h.processBothWatermarks(new Watermark(time(e)));
      out.addAll(h.extractOutputValues());
      h.getOutput().clear();
    }
  }

  /** Openings, registrations, updates of both and closings, one minute apart, in two cities. */
  private static List<Object> events(Random rnd, int n) {
    List<Object> out = new ArrayList<>();
    List<VacancyEvent> open = new ArrayList<>();
    List<CandidateEvent> available = new ArrayList<>();
    long t = Fixtures.LUNCHTIME;
    for (int i = 0; i < n; i++) {
      t += MINUTE;
      int what = rnd.nextInt(10);
      if (what < 4 || open.isEmpty() || available.isEmpty()) {
        if (rnd.nextBoolean()) {
          VacancyEvent v = at(PoolIndexTest.randomVacancy(rnd, i), t, rnd.nextBoolean() ? "ningbo" : "hangzhou");
          open.add(v);
          out.add(v);
        } else {
          CandidateEvent c = at(PoolIndexTest.randomCandidate(rnd, i), t);
          available.add(c);
          out.add(c);
        }
      } else if (what < 7) {
        VacancyEvent v = open.get(rnd.nextInt(open.size()));
        VacancyEvent again = at(PoolIndexTest.randomVacancy(rnd, i), t, v.cityId());
        out.add(Vacancies.from(again).at(t).type(VacancyEventType.UPDATED).vacancyId(v.vacancyId())
            .occupation(v.occupationCode()).posted(v.postedTime()).candidate(null).build());
      } else if (what < 9) {
        CandidateEvent c = available.remove(rnd.nextInt(available.size()));
        out.add(Candidates.from(c).eventId("ev-placed-" + c.candidateId()).at(t).type(CandidateEventType.PLACED)
            .skills(null).level(null).education(null).expectedSalary(null).employmentTypes(null)
            .vacancy("vac-00000001").build());
      } else {
        VacancyEvent v = open.remove(rnd.nextInt(open.size()));
        out.add(Vacancies.lifecycle(VacancyEventType.FILLED, v.vacancyId()).eventId("ev-filled-" + v.vacancyId()).at(t)
            .schemaVersion(v.schemaVersion()).city(v.cityId()).occupation(v.occupationCode()).employer(v.employerId())
            .posted(v.postedTime()).candidate("cand-00000001").build());
      }
    }
    return out;
  }

  /** The post at {@code t} in {@code city}, filed under the family its skills come from. */
  private static VacancyEvent at(VacancyEvent v, long t, String city) {
    return Vacancies.from(v).eventId(v.eventId() + "-" + t).at(t).city(city).occupation("6-18-01-01").posted(t)
        .candidate(null).build();
  }

  private static CandidateEvent at(CandidateEvent c, long t) {
    return Candidates.from(c).eventId(c.eventId() + "-" + t).at(t).type(CandidateEventType.REGISTERED)
        .accepts(List.of("ningbo", "hangzhou")).availableFrom(t).registered(t).vacancy(null).build();
  }

  private static long time(Object e) {
    return e instanceof VacancyEvent v ? v.eventTime() : ((CandidateEvent) e).eventTime();
  }
}
