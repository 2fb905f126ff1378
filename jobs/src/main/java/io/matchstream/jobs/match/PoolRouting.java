package io.matchstream.jobs.match;

import io.matchstream.jobs.match.state.Interner;
import io.matchstream.jobs.match.state.MembershipSerializer;
import io.matchstream.jobs.stats.state.DueTimer;
import io.matchstream.jobs.stats.state.EntityMap;
import java.time.Duration;
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
 * alone, never the whole shard), so an update costs the same however big the shard.
 *
 * <p><b>Age limit.</b> A membership is removed by the entity's closing event, or when it is past its
 * {@code clearAt}: the entity's age limit, exactly as the per-entity timer this replaces removed it.
 * That timer fired at the first watermark at or after the age limit that came after it was set (a
 * timer set in the past fires at the next watermark), so {@code clearAt} is the age limit, or the
 * watermark when the event came plus 1 ms if that is later; an event finding its entity's
 * membership at or before the current watermark treats it as absent, as if the timer had fired.
 * The routed output is therefore the same as with one timer per entity. Memory is reclaimed by one
 * event-time sweep timer per shard ({@link DueTimer}) at the hour boundary after the earliest
 * {@code clearAt} in the shard, which removes every membership past its {@code clearAt} and moves
 * on to the next; the timer is removed when the shard empties. (After a restore the watermark
 * starts over: a membership whose {@code clearAt} was moved past its age limit because its event
 * came already past it may then count for longer than its timer would have, until the watermark
 * passes the old one again. Such an entity is in no pool.)
 */
abstract class PoolRouting<E, R> extends KeyedProcessFunction<Integer, E, R> {
  private static final long serialVersionUID = 1L;

  /** Sweeps are aligned to the hour: at most one per shard per hour, whatever its entities' limits. */
  static final long SWEEP_BUCKET_MILLIS = Duration.ofHours(1).toMillis();

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
    // Past its clearAt, the membership is what the entity's own timer would already have removed.
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
      sweep.noLaterThan(ctx.timerService(), sweepAfter(clearAt));
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
    sweep.reset(ctx.timerService(), earliest == Long.MAX_VALUE ? Long.MAX_VALUE : sweepAfter(earliest));
  }

  /** The hour boundary at or after {@code t}. */
  static long sweepAfter(long t) {
    if (t > Long.MAX_VALUE - SWEEP_BUCKET_MILLIS) {
      return Long.MAX_VALUE - 1; // never reached by a watermark before the end of input
    }
    return Math.floorDiv(t + SWEEP_BUCKET_MILLIS - 1, SWEEP_BUCKET_MILLIS) * SWEEP_BUCKET_MILLIS;
  }
}
