package io.matchstream.jobs.stats;

import static io.matchstream.jobs.stats.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.stats.functions.RouteInputFunction;
import io.matchstream.jobs.stats.records.CityDelta;
import java.nio.charset.StandardCharsets;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RouteInputFunctionTest {
  /** A match as the city-stats boundary reads it from {@code matches}, partition 1, at {@code offset}. */
  private static Inbound aMatchAt(long time, long offset) {
    Inbound in = CityStatsJob.boundary(new Configuration()).parse(aMatchRecord(time, offset), "matches", 1, offset);
    assertThat(in.match()).as("%s", in).isNotNull();
    return in;
  }

  private static byte[] aMatchRecord(long time, long offset) {
    return ("{\"matchId\":\"m-" + offset + "\",\"eventTime\":\"" + IsoTime.format(time)
        + "\",\"schemaVersion\":1,\"cityId\":\"ningbo\",\"score\":0.95,\"skillScore\":1,\"levelScore\":1,"
        + "\"salaryScore\":1,\"employmentScore\":1,\"locationScore\":1}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEventWhoseDayClosedGoesToDeadLettersAsLateAndAnOnTimeOneCounts() throws Exception {
    try (var harness = new OneInputStreamOperatorTestHarness<Inbound, CityDelta>(
        new ProcessOperator<>(new RouteInputFunction(Fixtures.settings("stats.allowed-lateness", "10 min"))))) {
      harness.open();
      // Monday closes at Tuesday 00:10; the watermark is there.
      harness.processWatermark(at("2026-03-03T00:10:00+08:00"));
      harness.processElement(new StreamRecord<>(aMatchAt(at("2026-03-02T23:59:59+08:00"), 7)));
      harness.processElement(new StreamRecord<>(aMatchAt(at("2026-03-03T00:00:01+08:00"), 8)));

      assertThat(harness.extractOutputValues()).singleElement()
          .satisfies(d -> assertThat(d.time).isEqualTo(at("2026-03-03T00:00:01+08:00")));
      DeadLetter late = harness.getSideOutput(RouteInputFunction.DEAD_LETTERS).poll().getValue();
      assertThat(late.reason()).isEqualTo("late");
      assertThat(late.eventId()).isEqualTo("matches/1/7");
      assertThat(late.record()).as("the record as read")
          .isEqualTo(new String(aMatchRecord(at("2026-03-02T23:59:59+08:00"), 7), StandardCharsets.UTF_8));
      assertThat(harness.getSideOutput(RouteInputFunction.DEAD_LETTERS)).isEmpty();
    }
  }

  @Test
  void anEventWithinTheAllowedLatenessStillCounts() throws Exception {
    try (var harness = new OneInputStreamOperatorTestHarness<Inbound, CityDelta>(
        new ProcessOperator<>(new RouteInputFunction(Fixtures.settings("stats.allowed-lateness", "10 min"))))) {
      harness.open();
      harness.processWatermark(at("2026-03-03T00:09:59.999+08:00"));
      harness.processElement(new StreamRecord<>(aMatchAt(at("2026-03-02T23:59:59+08:00"), 7)));
      assertThat(harness.extractOutputValues()).hasSize(1);
      assertThat(harness.getSideOutput(RouteInputFunction.DEAD_LETTERS)).isNull();
    }
  }
}
