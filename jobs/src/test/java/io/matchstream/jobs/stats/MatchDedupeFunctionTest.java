package io.matchstream.jobs.stats;

import static io.matchstream.jobs.stats.Fixtures.DAY;
import static io.matchstream.jobs.stats.Fixtures.MONDAY_MORNING;
import static io.matchstream.jobs.stats.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.jobs.stats.functions.MatchDedupeFunction;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.state.Shards;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MatchDedupeFunctionTest {
  /** Monday's final record is due at Tuesday 00:10 (10 min lateness); ids are kept 2 days more. */
  static final long MONDAY_FINAL = at("2026-03-03T00:10:00+08:00");

  private KeyedOneInputStreamOperatorTestHarness<Integer, CityDelta, CityDelta> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new MatchDedupeFunction(
            Fixtures.settings("stats.allowed-lateness", "10 min", "stats.match-dedupe-horizon", "2 d"))),
        Shards.MATCH, Types.INT);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static CityDelta aMatch(String id, long time) {
    return CityDelta.of("ningbo", time, DeltaKind.MATCH, 1).withMatchId(id);
  }

  private void send(CityDelta d) throws Exception {
    harness.processElement(new StreamRecord<>(d, d.time));
  }

  @Test
  void aMatchWrittenTwiceCountsOnceAndAnotherMatchStillCounts() throws Exception {
    send(aMatch("m-1", MONDAY_MORNING));
    send(aMatch("m-1", MONDAY_MORNING));
    send(aMatch("m-2", MONDAY_MORNING + 60_000));
    send(aMatch("m-1", MONDAY_MORNING + 3_600_000)); // a repeat re-stamped an hour later

    assertThat(harness.extractOutputValues()).extracting(d -> d.matchId).containsExactly("m-1", "m-2");
  }

  @Test
  void aMatchIdIsForgottenTwoDaysAfterItsDayIsFinalAndNotBefore() throws Exception {
    send(aMatch("m-1", MONDAY_MORNING));
    send(aMatch("m-2", MONDAY_MORNING + DAY)); // Tuesday: kept a day longer
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

    harness.processWatermark(MONDAY_FINAL + 2 * DAY - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    harness.processWatermark(MONDAY_FINAL + 2 * DAY);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    harness.processWatermark(MONDAY_FINAL + 3 * DAY);

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
