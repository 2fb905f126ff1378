package io.matchstream.jobs.match;

import io.matchstream.jobs.match.state.Interner;
import io.matchstream.jobs.match.state.MembershipSerializer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each event of a post or candidate (keyed by its id) to the pools it belongs to, and a leave
 * to every pool an UPDATED moved it out of (another city, another occupation family, an accepted
 * city dropped): pool state is keyed by pool, so only an operator that remembers the entity's last
 * pools can reach the old ones. Without it the entity would stay matchable there until its age limit.
 *
 * <p>A leave is the event with type WITHDRAWN, sent only to the pool it leaves: to that pool the
 * entity is gone, and its pairs there are forgotten like on any exit. A closing event
 * (FILLED/PLACED/WITHDRAWN) reaches every pool the entity is in, whatever the event itself lists.
 *
 * <p>State: one {@link Membership} per open entity; cleared by a closing event, or by an event-time
 * timer at the entity's age limit (when the pools drop it too).
 */
abstract class PoolRouting<E, R> extends KeyedProcessFunction<String, E, R> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<Membership> membership;

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
    membership = getRuntimeContext().getState(
        new ValueStateDescriptor<>("membership", MembershipSerializer.INSTANCE));
  }

  @Override
  public void processElement(E e, Context ctx, Collector<R> out) throws Exception {
    Membership last = membership.value();
    List<String> pools = poolsOf(e);
    if (closes(e)) {
      Set<String> all = new LinkedHashSet<>(pools);
      if (last != null) {
        all.addAll(List.of(last.pools()));
        ctx.timerService().deleteEventTimeTimer(last.expiry());
        membership.clear();
      }
      all.forEach(key -> out.collect(routed(key, e)));
      return;
    }
    pools.forEach(key -> out.collect(routed(key, e)));
    if (last == null || isNewer(e, last)) {
      if (last != null) {
        E leave = leaving(e, eventTime(e), eventId(e));
        for (String key : last.pools()) {
          if (!pools.contains(key)) {
            out.collect(routed(key, leave));
          }
        }
        ctx.timerService().deleteEventTimeTimer(last.expiry());
      }
      long expiry = expiryOf(e);
      ctx.timerService().registerEventTimeTimer(expiry);
      String[] keys = new String[pools.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = Interner.intern(pools.get(i));
      }
      membership.update(new Membership(eventTime(e), eventId(e), expiry, keys));
    } else {
      // A late older event: it holds in its pools only until the newer event, so it leaves the
      // pools the newer one dropped at the newer one's instant (the pools apply events in time order).
      E newerInstant = leaving(e, last.eventTime(), last.eventId());
      for (String key : pools) {
        if (!last.contains(key)) {
          out.collect(routed(key, newerInstant));
        }
      }
    }
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<R> out) throws Exception {
    Membership last = membership.value();
    if (last != null && last.expiry() == ts) {
      membership.clear();
    }
  }

  private boolean isNewer(E e, Membership last) {
    return eventTime(e) > last.eventTime()
        || (eventTime(e) == last.eventTime() && eventId(e).compareTo(last.eventId()) >= 0);
  }
}
