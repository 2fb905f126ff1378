package io.matchstream.bench.stats.baseline;

import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The implementation before compact state (kept for the footprint benchmark's "before" column).
 *
 * Keyed by matchId: passes the first MATCH delta of each smart match and drops its repeats. The
 * match job may write at-least-once (the local all-in-one does), and matches are idempotent by
 * matchId, so a repeat is the same match and must not count twice in {@code matchesToday}.
 *
 * <p>State is one timestamp per match id, removed by an event-time timer {@code
 * stats.match-dedupe-horizon} after the match's Shanghai day is final. Forgetting then is safe: a
 * repeat carries the match's own event time, and once that day is final {@code RouteInputFunction}
 * dead-letters it as late before it gets here. The horizon covers a repeat re-stamped a little later.
 */
public class OldMatchDedupeFunction extends KeyedProcessFunction<String, CityDelta, CityDelta> {
  private final StatsSettings settings;
  private transient ValueState<Long> forgetAt;
  private transient Counter repeats;

  public OldMatchDedupeFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Long.class));
    repeats = getRuntimeContext().getMetricGroup().counter("repeatedMatches");
  }

  @Override
  public void processElement(CityDelta match, Context ctx, Collector<CityDelta> out) throws Exception {
    if (forgetAt.value() != null) {
      repeats.inc();
      return;
    }
    long at = settings.forgetMatchAt(match.time);
    forgetAt.update(at);
    ctx.timerService().registerEventTimeTimer(at);
    out.collect(match);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) {
    forgetAt.clear();
  }
}
