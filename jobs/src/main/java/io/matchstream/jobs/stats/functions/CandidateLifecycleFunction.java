package io.matchstream.jobs.stats.functions;

import io.matchstream.events.CandidateEventType;
import io.matchstream.jobs.stats.ShanghaiDays;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.SeekerState;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.common.state.DueTimer;
import io.matchstream.jobs.common.state.EntityMap;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.jobs.stats.state.StateSerializers.SeekerStateSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the candidate's shard ({@link Shards#CANDIDATE}): turns a candidate's lifecycle into
 * city deltas — NEW_CANDIDATE on REGISTERED, and while available +1/-1 AVAILABLE_CANDIDATE in the
 * home city plus +1/-1 SEEKING for each occupation sought. Accepted (move-to) cities do not count:
 * the ratio is per city of registration, as public employment offices report it.
 *
 * <p>Each candidate is one compact {@link SeekerState} in its shard's map; state and timers work as
 * in {@link VacancyLifecycleFunction}.
 */
public class CandidateLifecycleFunction extends KeyedProcessFunction<Integer, CandidateChange, CityDelta> {
  private final StatsSettings settings;
  private transient EntityMap<SeekerState> seekers;
  private transient DueTimer due;

  public CandidateLifecycleFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    seekers = new EntityMap<>(getRuntimeContext(), "seekers", "cand-", SeekerStateSerializer.INSTANCE);
    due = new DueTimer(getRuntimeContext());
  }

  @Override
  public void processElement(CandidateChange c, Context ctx, Collector<CityDelta> out) throws Exception {
    SeekerState old = seekers.get(c.candidateId);
    SeekerState now = next(old, c, out);
    if (now == old) {
      return;
    }
    seekers.put(c.candidateId, now);
    due.noLaterThan(ctx.timerService(), dueOf(now));
  }

  private SeekerState next(SeekerState s, CandidateChange c, Collector<CityDelta> out) {
    boolean closes = c.type == CandidateEventType.PLACED || c.type == CandidateEventType.WITHDRAWN;
    if (s != null && s.closedTime != 0) {
      if (c.type == CandidateEventType.REGISTERED && !s.is(SeekerState.REGISTERED_SEEN)
          && c.eventTime <= s.closedTime) {
        SeekerState d = describe(c, s.flags | SeekerState.REGISTERED_SEEN, s.availableTime, s.closedTime,
            s.lastEventTime);
        out.collect(CityDelta.of(d.cityId(), c.eventTime, DeltaKind.NEW_CANDIDATE, 1));
        available(d, c.eventTime, 1, out);
        available(d, d.closedTime, -1, out);
        return d;
      }
      return s;
    }
    if (closes) {
      if (c.type == CandidateEventType.PLACED) {
        // The first close only (a repeat returned above): the funnel's "people placed".
        out.collect(CityDelta.of(c.cityId, c.eventTime, DeltaKind.PERSON_PLACED, 1));
      }
      if (s == null) {
        return describe(c, 0, 0, c.eventTime, c.eventTime);
      }
      if (s.is(SeekerState.AVAILABLE)) {
        available(s, c.eventTime, -1, out);
      }
      return s.with((byte) (s.flags & ~SeekerState.AVAILABLE), s.availableTime, c.eventTime,
          Math.max(s.lastEventTime, c.eventTime));
    }
    SeekerState d;
    if (s == null) {
      d = describe(c, SeekerState.AVAILABLE, c.eventTime, 0, c.eventTime);
      available(d, c.eventTime, 1, out);
    } else if (c.eventTime < s.availableTime) {
      available(s, c.eventTime, 1, out);
      available(s, s.availableTime, -1, out);
      d = s.with(s.flags, c.eventTime, s.closedTime, s.lastEventTime);
    } else if (c.type == CandidateEventType.UPDATED && changesSignature(s, c)) {
      available(s, c.eventTime, -1, out);
      d = describe(c, s.flags, s.availableTime, s.closedTime, s.lastEventTime);
      available(d, c.eventTime, 1, out);
    } else {
      d = s;
    }
    int flags = d.flags;
    if (c.type == CandidateEventType.REGISTERED && !d.is(SeekerState.REGISTERED_SEEN)) {
      flags |= SeekerState.REGISTERED_SEEN;
      out.collect(CityDelta.of(d.cityId(), c.eventTime, DeltaKind.NEW_CANDIDATE, 1));
    }
    return d.with((byte) flags, d.availableTime, d.closedTime, Math.max(d.lastEventTime, c.eventTime));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    List<String> dueNow = new ArrayList<>();
    long earliest = seekers.collectDue(this::dueOf, watermark, dueNow);
    for (String id : dueNow) {
      SeekerState s = seekers.get(id);
      if (s.is(SeekerState.AVAILABLE)) {
        available(s, dueOf(s), -1, out);
      }
      seekers.remove(id);
    }
    due.reset(ctx.timerService(), earliest);
  }

  private long dueOf(SeekerState s) {
    return s.closedTime != 0
        ? settings.closeTimeOf(ShanghaiDays.dayOf(s.closedTime))
        : s.lastEventTime + settings.candidateExpiryMillis();
  }

  private static SeekerState describe(CandidateChange c, int flags, long available, long closed, long last) {
    return SeekerState.of(Codes.of(c.cityId), c.occupationCodes, (byte) flags, available, closed, last);
  }

  private static boolean changesSignature(SeekerState s, CandidateChange c) {
    return s.city != Codes.of(c.cityId) || !Arrays.equals(s.occupationCodes(), c.occupationCodes);
  }

  private static void available(SeekerState s, long time, int count, Collector<CityDelta> out) {
    String city = s.cityId();
    out.collect(CityDelta.of(city, time, DeltaKind.AVAILABLE_CANDIDATE, count));
    for (String code : s.occupationCodes()) {
      out.collect(CityDelta.of(city, time, DeltaKind.SEEKING, count).withOccupation(code));
    }
  }
}
