package io.matchstream.jobs.stats.functions;

import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.MatchIds;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.jobs.stats.state.StateSerializers.MatchIdsSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the match id's shard ({@link Shards#MATCH}): passes the first MATCH delta of each smart
 * match and drops its repeats. The match job may write at-least-once (the local all-in-one does),
 * and matches are idempotent by matchId, so a repeat is the same match and must not count twice in
 * {@code matchesToday}.
 *
 * <p>A shard remembers its ids per Shanghai day of the first occurrence, as 64-bit hashes ({@link
 * MatchIds}), and forgets a day's ids at one timer per shard and day, {@code
 * stats.match-dedupe-horizon} after the day is final. Forgetting then is safe: a repeat carries the
 * match's own event time, and once that day is final {@link RouteInputFunction} dead-letters it as
 * late before it gets here. The horizon covers a repeat re-stamped a little later.
 */
public class MatchDedupeFunction extends KeyedProcessFunction<Integer, CityDelta, CityDelta> {
  private final StatsSettings settings;
  private transient MapState<Long, MatchIds> idsByDay;
  private transient Counter repeats;

  public MatchDedupeFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    idsByDay = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("match-ids", LongSerializer.INSTANCE, MatchIdsSerializer.INSTANCE));
    repeats = getRuntimeContext().getMetricGroup().counter("repeatedMatches");
  }

  @Override
  public void processElement(CityDelta match, Context ctx, Collector<CityDelta> out) throws Exception {
    long hash = MatchIds.hash(match.matchId);
    for (MatchIds ids : idsByDay.values()) {
      if (ids.contains(hash)) {
        repeats.inc();
        return;
      }
    }
    long day = ShanghaiCalendar.dayOf(match.time);
    MatchIds ids = idsByDay.get(day);
    if (ids == null) {
      ids = new MatchIds();
      ctx.timerService().registerEventTimeTimer(settings.forgetMatchAt(match.time));
    }
    ids.add(hash);
    idsByDay.put(day, ids);
    out.collect(match);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) throws Exception {
    List<Long> done = new ArrayList<>();
    for (Map.Entry<Long, MatchIds> e : idsByDay.entries()) {
      if (settings.forgetMatchAt(ShanghaiCalendar.start(e.getKey())) <= timestamp) {
        done.add(e.getKey());
      }
    }
    for (Long day : done) {
      idsByDay.remove(day);
    }
  }
}
