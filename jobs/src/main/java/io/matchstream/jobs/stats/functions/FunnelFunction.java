package io.matchstream.jobs.stats.functions;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Ids;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.OutcomeTransitions;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.jobs.common.DeadLetterRouting;
import io.matchstream.jobs.common.state.DueTimer;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.MatchIds;
import io.matchstream.jobs.stats.records.OutcomeChange;
import io.matchstream.jobs.stats.records.TrackedMatches;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.jobs.stats.state.TrackedMatchesSerializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by the match id's shard ({@link Shards#MATCH}, outcomes by the same rule on their matchId):
 * follows each smart match from its first (deduplicated) record through its outcomes and emits the
 * funnel's deltas — REACHED once per progress stage a match reaches (skipped stages included), ENDED
 * for DECLINED and NO_SHOW — in the match's city, on the outcome's event time.
 *
 * <p>Outcomes come on their own topic and may be read before their match, so each is held until the
 * watermark passes its event time and then decided in event-time order: by then every match made
 * before it has been read (a match that itself arrives behind the watermark is the exception, and
 * the outcome is refused as for an unknown match). An outcome is dead-lettered, with a reason naming
 * the problem, when its match is unknown or more than {@code stats.funnel-window} older, of another
 * city, made after the outcome, or when {@link OutcomeTransitions} refuses the step. A repeated
 * outcomeId of an accepted outcome is dropped (metric {@code repeatedOutcomes}).
 *
 * <p>State per shard: the matches of each Shanghai day in one compact {@link TrackedMatches} (~50
 * bytes of heap a match with its outcome ids, measured; sealed once the day has closed), forgotten
 * {@code stats.funnel-window} after the day ends; the outcomes not yet decided; one event-time timer
 * ({@link DueTimer}) at the earliest of the next outcome to decide and the next day to forget.
 */
public class FunnelFunction extends KeyedCoProcessFunction<Integer, CityDelta, OutcomeChange, CityDelta> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetterRouting.DEAD_LETTERS;

  private final StatsSettings settings;
  private transient MapState<Long, TrackedMatches> byDay;
  private transient ListState<OutcomeChange> pending;
  private transient DueTimer due;
  private transient Counter repeats;
  private transient Counter refused;

  public FunnelFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    var rc = getRuntimeContext();
    byDay = rc.getMapState(
        new MapStateDescriptor<>("funnel-matches", LongSerializer.INSTANCE, TrackedMatchesSerializer.INSTANCE));
    pending = rc.getListState(
        new ListStateDescriptor<>("funnel-pending-outcomes", TypeInformation.of(OutcomeChange.class)));
    due = new DueTimer(rc);
    repeats = rc.getMetricGroup().counter("repeatedOutcomes");
    refused = rc.getMetricGroup().counter("refusedOutcomes");
  }

  /** A smart match, first of its id (repeats were dropped before): followed from now on. */
  @Override
  public void processElement1(CityDelta match, Context ctx, Collector<CityDelta> out) throws Exception {
    if (match.kind != DeltaKind.MATCH || !Ids.isMatchId(match.matchId)) {
      return; // no outcome can name an id of another shape: nothing to follow
    }
    long day = ShanghaiCalendar.dayOf(match.time);
    TrackedMatches t = byDay.get(day);
    if (t == null) {
      t = new TrackedMatches();
      due.noLaterThan(ctx.timerService(), settings.forgetFunnelDayAt(day));
    }
    if (t.add(TrackedMatches.low(match.matchId), TrackedMatches.high(match.matchId), Codes.of(match.cityId),
        Codes.of(match.occupationCode), (int) (match.time - ShanghaiCalendar.start(day)))) {
      byDay.put(day, t);
    }
  }

  /** An outcome: decided once the watermark has passed its event time. */
  @Override
  public void processElement2(OutcomeChange o, Context ctx, Collector<CityDelta> out) throws Exception {
    if (o.eventTime <= ctx.timerService().currentWatermark()) {
      // Everything due before it has been decided already, so deciding now keeps event-time order.
      decide(o, ctx, out);
      return;
    }
    pending.add(o);
    due.noLaterThan(ctx.timerService(), o.eventTime);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    List<OutcomeChange> now = new ArrayList<>();
    List<OutcomeChange> later = new ArrayList<>();
    long earliest = Long.MAX_VALUE;
    Iterable<OutcomeChange> held = pending.get();
    if (held != null) {
      for (OutcomeChange o : held) {
        if (o.eventTime <= watermark) {
          now.add(o);
        } else {
          later.add(o);
          earliest = Math.min(earliest, o.eventTime);
        }
      }
    }
    now.sort(Comparator.comparingLong(o -> o.eventTime)); // stable: ties keep their arrival order
    for (OutcomeChange o : now) {
      decide(o, ctx, out);
    }
    if (!now.isEmpty()) {
      pending.update(later);
    }
    List<Long> forget = new ArrayList<>();
    List<Long> seal = new ArrayList<>();
    for (Map.Entry<Long, TrackedMatches> e : byDay.entries()) {
      long at = settings.forgetFunnelDayAt(e.getKey());
      if (at <= watermark) {
        forget.add(e.getKey());
      } else {
        earliest = Math.min(earliest, at);
        if (!e.getValue().isSealed() && settings.isClosed(e.getKey(), watermark)) {
          seal.add(e.getKey());
        }
      }
    }
    for (Long day : forget) {
      byDay.remove(day);
    }
    for (Long day : seal) {
      TrackedMatches t = byDay.get(day);
      t.seal();
      byDay.put(day, t);
    }
    if (later.isEmpty()) {
      pending.clear();
    }
    due.reset(ctx.timerService(), earliest);
  }

  private void decide(OutcomeChange o, Context ctx, Collector<CityDelta> out) throws Exception {
    long low = TrackedMatches.low(o.matchId);
    int high = TrackedMatches.high(o.matchId);
    TrackedMatches table = null;
    long day = 0;
    int slot = -1;
    long watermark = ctx.timerService().currentWatermark();
    List<Long> toSeal = new ArrayList<>();
    for (Map.Entry<Long, TrackedMatches> e : byDay.entries()) {
      if (!e.getValue().isSealed() && settings.isClosed(e.getKey(), watermark)) {
        toSeal.add(e.getKey());
      }
      if (table == null) {
        slot = e.getValue().find(low, high);
        if (slot >= 0) {
          table = e.getValue();
          day = e.getKey();
        }
      }
    }
    for (Long closed : toSeal) {
      // No match of a closed day can come any more: its table drops its free slots.
      TrackedMatches t = byDay.get(closed);
      t.seal();
      byDay.put(closed, t);
    }
    if (table != null) {
      slot = table.find(low, high); // sealing moves slots
    }
    long matchTime = table == null ? 0 : ShanghaiCalendar.start(day) + table.millisOfDay(slot);
    if (table == null || o.eventTime - matchTime >= settings.funnelWindowMillis()) {
      refuse(o, ctx, unknownMatch(o.matchId, settings.funnelWindowMillis()));
      return;
    }
    long outcomeHash = MatchIds.hash(o.outcomeId);
    if (table.hasOutcome(outcomeHash)) {
      repeats.inc();
      return;
    }
    String city = Codes.code(table.city(slot));
    if (!city.equals(o.cityId)) {
      refuse(o, ctx, "match '" + o.matchId + "' is of city '" + city + "', not '" + o.cityId + "'");
      return;
    }
    if (o.eventTime < matchTime) {
      refuse(o, ctx, "eventTime " + IsoTime.format(o.eventTime) + " is before its match's eventTime "
          + IsoTime.format(matchTime));
      return;
    }
    OutcomeStage last = table.lastStage(slot);
    String step = OutcomeTransitions.check(last, o.stage);
    if (step != null) {
      refuse(o, ctx, step);
      return;
    }
    table.addOutcome(outcomeHash);
    int furthest = table.furthest(slot);
    String occupation = Codes.code(table.occupation(slot));
    if (o.stage.isProgress()) {
      for (int rank = furthest + 1; rank <= o.stage.rank(); rank++) {
        out.collect(CityDelta.reached(city, o.eventTime, occupation, rank, day,
            rank == OutcomeStage.HIRED.rank() ? o.eventTime - matchTime : 0));
      }
      furthest = Math.max(furthest, o.stage.rank());
    } else {
      out.collect(CityDelta.of(city, o.eventTime, DeltaKind.ENDED, 1).withOccupation(occupation));
    }
    table.setStage(slot, o.stage, furthest);
    byDay.put(day, table);
  }

  /** The reason for an outcome whose match is not (or no longer) followed. */
  public static String unknownMatch(String matchId, long windowMillis) {
    return "unknown match '" + matchId + "', or one made more than " + days(windowMillis)
        + " before the outcome";
  }

  private static String days(long millis) {
    long d = millis / ShanghaiCalendar.DAY_MILLIS;
    return millis % ShanghaiCalendar.DAY_MILLIS == 0 ? d + (d == 1 ? " day" : " days") : (millis / 3_600_000L) + " hours";
  }

  private void refuse(OutcomeChange o, Context ctx, String reason) {
    refused.inc();
    ctx.output(DEAD_LETTERS, DeadLetterRouting.deadLetter(
        o.raw, o.sourceTopic, o.partition, o.offset, MatchOutcome.class, reason, CityStatsJob.NAME));
  }

}
