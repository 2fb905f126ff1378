package io.matchstream.bench.stats.baseline;

import io.matchstream.events.CandidateEventType;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The implementation before compact state (kept for the footprint benchmark's "before" column).
 *
 * Keyed by candidateId: turns a candidate's lifecycle into city deltas — NEW_CANDIDATE on
 * REGISTERED, and while available +1/-1 AVAILABLE_CANDIDATE in the home city plus +1/-1 SEEKING for
 * each occupation sought. Accepted (move-to) cities do not count: the ratio is per city of
 * registration, as public employment offices report it.
 */
public class OldCandidateLifecycleFunction
    extends KeyedProcessFunction<String, CandidateChange, CityDelta> {
  private final StatsSettings settings;
  private transient ValueState<OldSeekerState> seeker;

  public OldCandidateLifecycleFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    seeker = getRuntimeContext().getState(new ValueStateDescriptor<>("seeker", OldSeekerState.class));
  }

  @Override
  public void processElement(CandidateChange c, Context ctx, Collector<CityDelta> out) throws Exception {
    OldSeekerState s = seeker.value();
    boolean closes = c.type == CandidateEventType.PLACED || c.type == CandidateEventType.WITHDRAWN;
    if (s != null && s.closedTime != 0) {
      if (c.type == CandidateEventType.REGISTERED && !s.registeredSeen && c.eventTime <= s.closedTime) {
        s.registeredSeen = true;
        describe(s, c);
        out.collect(CityDelta.of(s.cityId, c.eventTime, DeltaKind.NEW_CANDIDATE, 1));
        available(s, c.eventTime, 1, out);
        available(s, s.closedTime, -1, out);
        seeker.update(s);
      }
      return;
    }
    if (closes) {
      if (s == null) {
        s = new OldSeekerState();
        describe(s, c);
      } else if (s.available) {
        available(s, c.eventTime, -1, out);
      }
      s.available = false;
      s.closedTime = c.eventTime;
      s.lastEventTime = Math.max(s.lastEventTime, c.eventTime);
      moveTimer(ctx, s, settings.closeTimeOf(ShanghaiCalendar.dayOf(c.eventTime)));
      seeker.update(s);
      return;
    }
    if (s == null) {
      s = new OldSeekerState();
      describe(s, c);
      s.available = true;
      s.availableTime = c.eventTime;
      available(s, c.eventTime, 1, out);
    } else if (c.eventTime < s.availableTime) {
      available(s, c.eventTime, 1, out);
      available(s, s.availableTime, -1, out);
      s.availableTime = c.eventTime;
    } else if (c.type == CandidateEventType.UPDATED && changesSignature(s, c)) {
      available(s, c.eventTime, -1, out);
      describe(s, c);
      available(s, c.eventTime, 1, out);
    }
    if (c.type == CandidateEventType.REGISTERED && !s.registeredSeen) {
      s.registeredSeen = true;
      out.collect(CityDelta.of(s.cityId, c.eventTime, DeltaKind.NEW_CANDIDATE, 1));
    }
    s.lastEventTime = Math.max(s.lastEventTime, c.eventTime);
    moveTimer(ctx, s, s.lastEventTime + settings.candidateExpiryMillis());
    seeker.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) throws Exception {
    OldSeekerState s = seeker.value();
    if (s == null || s.timer != timestamp) {
      return;
    }
    if (s.available) {
      available(s, timestamp, -1, out);
    }
    seeker.clear();
  }

  private static void describe(OldSeekerState s, CandidateChange c) {
    s.cityId = c.cityId;
    s.occupationCodes = c.occupationCodes;
  }

  private static boolean changesSignature(OldSeekerState s, CandidateChange c) {
    return !s.cityId.equals(c.cityId) || !Arrays.equals(s.occupationCodes, c.occupationCodes);
  }

  private static void available(OldSeekerState s, long time, int count, Collector<CityDelta> out) {
    out.collect(CityDelta.of(s.cityId, time, DeltaKind.AVAILABLE_CANDIDATE, count));
    for (String code : s.occupationCodes) {
      out.collect(CityDelta.of(s.cityId, time, DeltaKind.SEEKING, count).withOccupation(code));
    }
  }

  private static void moveTimer(Context ctx, OldSeekerState s, long at) {
    if (s.timer == at) {
      return;
    }
    if (s.timer != 0) {
      ctx.timerService().deleteEventTimeTimer(s.timer);
    }
    s.timer = at;
    ctx.timerService().registerEventTimeTimer(at);
  }
}
