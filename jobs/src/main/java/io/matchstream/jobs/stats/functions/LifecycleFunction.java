package io.matchstream.jobs.stats.functions;

import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.jobs.common.state.DueTimer;
import io.matchstream.jobs.common.state.EntityMap;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The one lifecycle state machine of the stats job, for vacancies ({@link VacancyLifecycleFunction})
 * and candidates ({@link CandidateLifecycleFunction}) alike. Keyed by the entity's shard, it turns an
 * entity's events into city deltas: a "new" count on its first announcing event (OPENED,
 * REGISTERED), +1 to its presence counts (open, available) from when it opened and −1 when it
 * closes (FILLED/PLACED/WITHDRAWN), moves the +1 back when an earlier event arrives after a later
 * one, moves the counts when an UPDATED changes what they are counted under, and counts an
 * announcement that arrives after its close for the interval it stood for.
 *
 * <p>Every delta carries the event time of the change it stands for, so the city figures are right
 * whatever order the events arrive in. State goes when the entity closes (after a short tombstone,
 * once the close's day is final: anything arriving later would be late anyway) or after its expiry
 * without events. Each entity is one compact immutable state in its shard's {@link EntityMap}; the
 * shard's one timer ({@link DueTimer}) fires at the earliest due instant and the scan acts on every
 * entity due by the watermark, with the instant each was due.
 *
 * @param <C> the change read from the input
 * @param <S> the compact state kept per entity
 */
public abstract class LifecycleFunction<C extends LifecycleFunction.Change, S extends LifecycleFunction.State<S>>
    extends KeyedProcessFunction<Integer, C, CityDelta> {

  /** Where an event stands in its entity's life. */
  public enum Step {
    /** OPENED, REGISTERED: counts the entity as new. */
    ANNOUNCE,
    /** UPDATED: may change what the entity is counted under. */
    UPDATE,
    /** FILLED, PLACED, WITHDRAWN: the entity leaves the counts. */
    CLOSE
  }

  /** What the state machine needs of a change read from the input. */
  public interface Change {
    String entityId();

    /** Epoch milliseconds. */
    long eventTime();

    Step step();
  }

  /** What the state machine needs of an entity's compact state; the flags' bits are the type's. */
  public interface State<S> {
    /** The city the "new" delta counts in. */
    String cityId();

    byte flags();

    /** Event time of the +1 in the presence counts, epoch milliseconds. */
    long since();

    /** Event time it closed, epoch milliseconds; 0 while not closed. */
    long closedTime();

    /** Latest event time seen, epoch milliseconds. */
    long lastEventTime();

    /** A copy with other flags and times; what it is counted under is kept. */
    S with(byte flags, long since, long closedTime, long lastEventTime);
  }

  protected final StatsSettings settings;
  private final String stateName;
  private final String idPrefix;
  private final byte present;
  private final byte announced;
  private final DeltaKind newKind;
  private final TypeSerializer<S> stateSerializer;
  private transient EntityMap<S> entities;
  private transient DueTimer due;

  /**
   * @param stateName name of the map state (part of the savepoint layout)
   * @param idPrefix the ids' prefix, for the compact keys of {@link EntityMap}
   * @param present the flag bit "counted present now"
   * @param announced the flag bit "the announcing event has been counted"
   * @param newKind the delta counted once per announced entity
   * @param stateSerializer the serializer of the state (part of the savepoint layout)
   */
  protected LifecycleFunction(StatsSettings settings, String stateName, String idPrefix, byte present,
      byte announced, DeltaKind newKind, TypeSerializer<S> stateSerializer) {
    this.settings = settings;
    this.stateSerializer = stateSerializer;
    this.stateName = stateName;
    this.idPrefix = idPrefix;
    this.present = present;
    this.announced = announced;
    this.newKind = newKind;
  }

  /** A state describing the change, with these flags and times. */
  protected abstract S describe(C change, int flags, long since, long closedTime, long lastEventTime);

  /** Whether the change would count the entity under other keys than the state does. */
  protected abstract boolean changesSignature(S state, C change);

  /** Emits {@code count} (+1/−1) in every presence count of the entity, at {@code time}. */
  protected abstract void presence(S state, long time, int count, Collector<CityDelta> out);

  /** Deltas a close itself stands for (a placement); none by default. */
  protected void closed(C change, Collector<CityDelta> out) {}

  /** How long an entity without events is believed present, milliseconds. */
  protected abstract long expiryMillis();

  @Override
  public void open(OpenContext ctx) {
    entities = new EntityMap<>(getRuntimeContext(), stateName, idPrefix, stateSerializer);
    due = new DueTimer(getRuntimeContext());
  }

  @Override
  public void processElement(C c, Context ctx, Collector<CityDelta> out) throws Exception {
    String id = c.entityId();
    S old = entities.get(id);
    S now = next(old, c, out);
    if (now == old) {
      return;
    }
    entities.put(id, now);
    due.noLaterThan(ctx.timerService(), dueOf(now));
  }

  /** The entity's state after {@code c}, emitting the deltas the change stands for. */
  private S next(S s, C c, Collector<CityDelta> out) {
    long time = c.eventTime();
    Step step = c.step();
    if (s != null && s.closedTime() != 0) {
      if (step == Step.ANNOUNCE && !is(s, announced) && time <= s.closedTime()) {
        // It was announced before the close we already counted: count the interval now.
        S d = describe(c, s.flags() | announced, s.since(), s.closedTime(), s.lastEventTime());
        out.collect(CityDelta.of(d.cityId(), time, newKind, 1));
        presence(d, time, 1, out);
        presence(d, d.closedTime(), -1, out);
        return d;
      }
      return s; // repeats and stragglers after the close change nothing
    }
    if (step == Step.CLOSE) {
      closed(c, out);
      if (s == null) {
        return describe(c, 0, 0, time, time);
      }
      if (is(s, present)) {
        presence(s, time, -1, out);
      }
      return s.with((byte) (s.flags() & ~present), s.since(), time, Math.max(s.lastEventTime(), time));
    }
    S d;
    if (s == null) {
      d = describe(c, present, time, 0, time);
      presence(d, time, 1, out);
    } else if (time < s.since()) {
      // An earlier event arrived after a later one: move the +1 back to when it really began.
      presence(s, time, 1, out);
      presence(s, s.since(), -1, out);
      d = s.with(s.flags(), time, s.closedTime(), s.lastEventTime());
    } else if (step == Step.UPDATE && changesSignature(s, c)) {
      presence(s, time, -1, out);
      d = describe(c, s.flags(), s.since(), s.closedTime(), s.lastEventTime());
      presence(d, time, 1, out);
    } else {
      d = s;
    }
    int flags = d.flags();
    if (step == Step.ANNOUNCE && !is(d, announced)) {
      flags |= announced;
      out.collect(CityDelta.of(d.cityId(), time, newKind, 1));
    }
    return d.with((byte) flags, d.since(), d.closedTime(), Math.max(d.lastEventTime(), time));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    List<String> dueNow = new ArrayList<>();
    long earliest = entities.collectDue(this::dueOf, watermark, dueNow);
    for (String id : dueNow) {
      S s = entities.get(id);
      if (is(s, present)) {
        presence(s, dueOf(s), -1, out); // expired: silent too long to believe it present
      }
      entities.remove(id);
    }
    due.reset(ctx.timerService(), earliest);
  }

  /** When the entity's state is due to go: its close's day final, or its expiry. */
  private long dueOf(S s) {
    return s.closedTime() != 0
        ? settings.closeTimeOf(ShanghaiCalendar.dayOf(s.closedTime()))
        : s.lastEventTime() + expiryMillis();
  }

  private static boolean is(State<?> s, byte flag) {
    return (s.flags() & flag) != 0;
  }
}
