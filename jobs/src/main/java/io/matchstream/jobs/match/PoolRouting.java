package io.matchstream.jobs.match;

import io.matchstream.jobs.match.state.Interner;
import io.matchstream.jobs.match.state.MembershipSerializer;
import io.matchstream.jobs.common.state.DueTimer;
import io.matchstream.jobs.common.state.EntityMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each event of a post or candidate to the pools it belongs to, and a leave to every pool an
 * UPDATED moved it out of (another city, another occupation family, an accepted city dropped): pool
 * state is keyed by pool, so only an operator that remembers the entity's last pools can reach the
 * old ones. Without it the entity would stay matchable there until its age limit.
 *
 * <p>A leave is the event with type WITHDRAWN, sent only to the pool it leaves: to that pool the
 * entity is gone, and its pairs there are forgotten like on any exit. A closing event
 * (FILLED/PLACED/WITHDRAWN) reaches every pool the entity is in, whatever the event itself lists.
 *
 * <p><b>Keys and state.</b> Keyed by the shard of the entity id ({@link RouterShards}), so one
 * entity's events stay in order. A shard holds one compact {@link Membership} per open entity in a
 * map state by entity id ({@link EntityMap}: ids of the contract's shape packed into a {@code long}
 * key, any other id kept as a string in a second map). On the heap backend that is a hash-map node
 * (32 B), a boxed {@code long} (16 B) and the 40-B membership per entity, with no keyed-state entry,
 * key string or timer of its own; on RocksDB each membership is its own row (written and read
 * alone, never the whole shard), so an update costs the same however big the shard. (A single
 * value per shard holding all its memberships in packed arrays would be smaller on the heap, but
 * on RocksDB every event would read, deserialise and write back the whole shard.) The map and the
 * timer ({@link EntityMap}, {@link DueTimer}) are shared with the city-stats job: their key packing
 * is part of this state's format too.
 *
 * <p><b>Age limit.</b> A membership is removed by the entity's closing event, or when the watermark
 * reaches its {@code clearAt}, exactly as the per-entity timer this replaces removed it. That timer
 * was set at the entity's age limit and fired at the first watermark at or after it that came after
 * it was set (a timer set in the past fires at the next watermark), so {@code clearAt} is the age
 * limit, or the watermark when the event came plus 1 ms if that is later. The shard's one
 * event-time timer ({@link DueTimer}) is at the earliest {@code clearAt} among its memberships: when
 * it fires, every membership whose {@code clearAt} the watermark has reached goes, and the timer
 * moves to the next. A timer fires before any later event is processed, so an event sees its
 * entity's membership exactly when the per-entity timer would have left it, and every checkpoint
 * holds the same memberships; the routed output is the same (tested against the per-entity router).
 * An event that finds a membership at or before the watermark still treats it as absent (a guard:
 * the sweep has removed it by then). The timer is removed when the shard empties.
 *
 * <p>Not hourly-aligned sweeps (as the pools have): a membership the watermark has passed would then
 * stay in the map until the hour, be in a checkpoint taken meanwhile and, after a restore (the
 * watermark starts over), count again until the watermark passed it anew, where the per-entity
 * timer had removed it. A sweep scans its shard (~560 memberships at the pilot's scale); sweeps
 * happen about as often as entities reach their age limit, and most leave by a closing event.
 *
 * <p>One difference remains, after a restore only: for an entity whose event came already past its
 * age limit, the old timer (at the age limit) fired at the first watermark after the restore at or
 * past it, the membership goes at the first past the watermark before the checkpoint. Such an
 * entity has reached its age limit, which the pools apply themselves, so only leaves to pools that
 * no longer match it can differ.
 */
abstract class PoolRouting<E, R> extends KeyedProcessFunction<Integer, E, R> {
  private static final long serialVersionUID = 1L;

  private transient EntityMap<Membership> memberships;
  private transient DueTimer sweep;

  /** The entity's id (the membership's key). */
  abstract String idOf(E e);

  /** The prefix of the contract's ids of this kind ({@code vac-}, {@code cand-}). */
  abstract String idPrefix();

  /** The pools the event's profile belongs in. */
  abstract List<String> poolsOf(E e);

  abstract boolean closes(E e);

  abstract long eventTime(E e);

  abstract String eventId(E e);

  /** The entity's age limit, epoch ms. */
  abstract long expiryOf(E e);

  /** The entity's exit from one pool, at the given instant. */
  abstract E leaving(E e, long eventTime, String eventId);

  abstract R routed(String pool, E e);

  @Override
  public void open(OpenContext ctx) {
    memberships = new EntityMap<>(getRuntimeContext(), "memberships", idPrefix(), MembershipSerializer.INSTANCE);
    sweep = new DueTimer(getRuntimeContext());
  }

  @Override
  public void processElement(E e, Context ctx, Collector<R> out) throws Exception {
    String id = idOf(e);
    long watermark = ctx.timerService().currentWatermark();
    Membership stored = memberships.get(id);
    // Past its clearAt, the membership is what the entity's own timer would have removed (the sweep
    // has removed it by now; a guard).
    Membership last = stored == null || stored.clearAt() <= watermark ? null : stored;
    List<String> pools = poolsOf(e);
    if (closes(e)) {
      Set<String> all = new LinkedHashSet<>(pools);
      if (last != null) {
        all.addAll(last.pools());
      }
      if (stored != null) {
        memberships.remove(id);
        if (memberships.isEmpty()) {
          sweep.reset(ctx.timerService(), Long.MAX_VALUE);
        }
      }
      all.forEach(key -> out.collect(routed(key, e)));
      return;
    }
    pools.forEach(key -> out.collect(routed(key, e)));
    if (last == null || last.notAfter(eventTime(e), eventId(e), id)) {
      if (last != null) {
        E leave = leaving(e, eventTime(e), eventId(e));
        for (String key : last.pools()) {
          if (!pools.contains(key)) {
            out.collect(routed(key, leave));
          }
        }
      }
      long clearAt = Math.max(expiryOf(e), watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark + 1);
      memberships.put(id, Membership.of(eventTime(e), eventId(e), id, clearAt,
          pools.stream().map(Interner::intern).toList()));
      sweep.noLaterThan(ctx.timerService(), clearAt);
    } else {
      // A late older event: it holds in its pools only until the newer event, so it leaves the
      // pools the newer one dropped at the newer one's instant (the pools apply events in time order).
      E newerInstant = leaving(e, last.eventTime(), last.eventIdText(id));
      for (String key : pools) {
        if (!last.contains(key)) {
          out.collect(routed(key, newerInstant));
        }
      }
    }
  }

  /** The shard's sweep: removes every membership past its clearAt, then waits for the earliest left. */
  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<R> out) throws Exception {
    List<String> due = new ArrayList<>();
    long earliest = memberships.collectDue(Membership::clearAt, ctx.timerService().currentWatermark(), due);
    for (String id : due) {
      memberships.remove(id);
    }
    sweep.reset(ctx.timerService(), earliest);
  }
}
