package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each candidate event to the pools it belongs to (keyed by candidateId), and a leave to
 * every pool an UPDATED moved the candidate out of (a city or occupation dropped): pool state is
 * keyed by pool, so only an operator that remembers the candidate's last pools can reach the old
 * ones. Without it the candidate would stay matchable there until its age limit.
 *
 * <p>A leave is the event with type WITHDRAWN, sent only to the pool it leaves: to that pool the
 * candidate is gone, and its pairs there are forgotten like on any exit.
 *
 * <p>State: one {@link Membership} per available candidate; cleared by PLACED/WITHDRAWN, or by an
 * event-time timer at the candidate's age limit (when the pools drop it too).
 */
public class CandidateRouting extends KeyedProcessFunction<String, CandidateEvent, RoutedCandidate> {
  private static final long serialVersionUID = 1L;

  /**
   * The pools the newest profile event routed the candidate to.
   *
   * @param eventTime that event's time, epoch ms
   * @param eventId that event's id (orders events of the same instant, as the pools do)
   * @param expiry the candidate's age limit, epoch ms: the state's timer
   * @param pools the pool keys
   */
  public record Membership(long eventTime, String eventId, long expiry, List<String> pools) {}

  private final long candidateMaxAgeMillis;
  private transient ValueState<Membership> membership;

  public CandidateRouting(long candidateMaxAgeMillis) {
    this.candidateMaxAgeMillis = candidateMaxAgeMillis;
  }

  @Override
  public void open(OpenContext ctx) {
    membership = getRuntimeContext().getState(
        new ValueStateDescriptor<>("membership", TypeInformation.of(Membership.class)));
  }

  @Override
  public void processElement(CandidateEvent c, Context ctx, Collector<RoutedCandidate> out) throws Exception {
    Membership last = membership.value();
    List<String> pools = PoolKey.of(c);
    if (c.type().closes()) {
      // An exit reaches every pool the candidate is in, whatever the closing event itself lists.
      Set<String> all = new LinkedHashSet<>(pools);
      if (last != null) {
        all.addAll(last.pools());
        ctx.timerService().deleteEventTimeTimer(last.expiry());
        membership.clear();
      }
      all.forEach(key -> out.collect(new RoutedCandidate(key, c)));
      return;
    }
    pools.forEach(key -> out.collect(new RoutedCandidate(key, c)));
    if (last == null || isNewer(c, last)) {
      if (last != null) {
        leave(c, last.pools(), pools, out);
        ctx.timerService().deleteEventTimeTimer(last.expiry());
      }
      long expiry = c.registeredTime() + candidateMaxAgeMillis;
      ctx.timerService().registerEventTimeTimer(expiry);
      membership.update(new Membership(c.eventTime(), c.eventId(), expiry, pools));
    } else {
      // A late older event: it holds in its pools only until the newer event, so it leaves the
      // pools the newer one dropped at the newer one's instant (the pools apply events in time order).
      CandidateEvent newerInstant = leaving(c, last.eventTime(), last.eventId());
      for (String key : pools) {
        if (!last.pools().contains(key)) {
          out.collect(new RoutedCandidate(key, newerInstant));
        }
      }
    }
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<RoutedCandidate> out) throws Exception {
    Membership last = membership.value();
    if (last != null && last.expiry() == ts) {
      membership.clear();
    }
  }

  private static boolean isNewer(CandidateEvent c, Membership last) {
    return c.eventTime() > last.eventTime()
        || (c.eventTime() == last.eventTime() && c.eventId().compareTo(last.eventId()) >= 0);
  }

  private static void leave(CandidateEvent c, List<String> before, List<String> now,
      Collector<RoutedCandidate> out) {
    CandidateEvent leave = leaving(c, c.eventTime(), c.eventId());
    for (String key : before) {
      if (!now.contains(key)) {
        out.collect(new RoutedCandidate(key, leave));
      }
    }
  }

  /** The candidate's exit from one pool, at the given instant. */
  static CandidateEvent leaving(CandidateEvent c, long eventTime, String eventId) {
    return new CandidateEvent(eventId, eventTime, c.schemaVersion(), CandidateEventType.WITHDRAWN,
        c.candidateId(), c.cityId(), c.acceptedCities(), c.occupationCodes(), null, null, null, null,
        null, c.availableFrom(), c.registeredTime(), null);
  }
}
