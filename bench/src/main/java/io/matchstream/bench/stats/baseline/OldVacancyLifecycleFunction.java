package io.matchstream.bench.stats.baseline;

import io.matchstream.events.EmploymentType;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.VacancyChange;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The implementation before compact state (kept for the footprint benchmark's "before" column).
 *
 * Keyed by vacancyId: turns a vacancy's lifecycle into city deltas — NEW_VACANCY on OPENED, +1/-1
 * OPEN_VACANCY while it is open, PLACEMENT (with its time to fill) on FILLED.
 *
 * <p>Every delta carries the event time of the change it stands for, so the city figures are
 * right whatever order the events arrive in. State goes when the vacancy closes (after a short
 * tombstone) or after {@code stats.vacancy-expiry} without events.
 */
public class OldVacancyLifecycleFunction extends KeyedProcessFunction<String, VacancyChange, CityDelta> {
  private final StatsSettings settings;
  private transient ValueState<OldPostState> post;

  public OldVacancyLifecycleFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    post = getRuntimeContext().getState(new ValueStateDescriptor<>("post", OldPostState.class));
  }

  @Override
  public void processElement(VacancyChange c, Context ctx, Collector<CityDelta> out) throws Exception {
    OldPostState s = post.value();
    boolean closes = c.type == VacancyEventType.FILLED || c.type == VacancyEventType.WITHDRAWN;
    if (s != null && s.closedTime != 0) {
      if (c.type == VacancyEventType.OPENED && !s.openedSeen && c.eventTime <= s.closedTime) {
        // It opened before the close we already counted: count the open interval now.
        s.openedSeen = true;
        describe(s, c);
        out.collect(CityDelta.of(s.cityId, c.eventTime, DeltaKind.NEW_VACANCY, 1));
        out.collect(openDelta(s, c.eventTime, 1));
        out.collect(openDelta(s, s.closedTime, -1));
        post.update(s);
      }
      return; // repeats and stragglers after the close change nothing
    }
    if (closes) {
      if (c.type == VacancyEventType.FILLED) {
        out.collect(CityDelta.of(c.cityId, c.eventTime, DeltaKind.PLACEMENT, 1)
            .withFillMillis(Math.max(0, c.eventTime - c.postedTime)));
      }
      if (s == null) {
        s = new OldPostState();
        s.cityId = c.cityId;
        s.occupationCode = c.occupationCode;
      } else if (s.open) {
        out.collect(openDelta(s, c.eventTime, -1));
      }
      s.open = false;
      s.closedTime = c.eventTime;
      s.lastEventTime = Math.max(s.lastEventTime, c.eventTime);
      // Kept until the close's day is final: any OPENED arriving later would be late anyway.
      moveTimer(ctx, s, settings.closeTimeOf(ShanghaiCalendar.dayOf(c.eventTime)));
      post.update(s);
      return;
    }
    if (s == null) {
      s = new OldPostState();
      describe(s, c);
      s.open = true;
      s.openedTime = c.eventTime;
      out.collect(openDelta(s, c.eventTime, 1));
    } else if (c.eventTime < s.openedTime) {
      // An earlier event arrived after a later one: move the +1 back to when it really opened.
      out.collect(openDelta(s, c.eventTime, 1));
      out.collect(openDelta(s, s.openedTime, -1));
      s.openedTime = c.eventTime;
    } else if (c.type == VacancyEventType.UPDATED && changesSignature(s, c)) {
      out.collect(openDelta(s, c.eventTime, -1));
      describe(s, c);
      out.collect(openDelta(s, c.eventTime, 1));
    }
    if (c.type == VacancyEventType.OPENED && !s.openedSeen) {
      s.openedSeen = true;
      out.collect(CityDelta.of(s.cityId, c.eventTime, DeltaKind.NEW_VACANCY, 1));
    }
    s.lastEventTime = Math.max(s.lastEventTime, c.eventTime);
    moveTimer(ctx, s, s.lastEventTime + settings.vacancyExpiryMillis());
    post.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) throws Exception {
    OldPostState s = post.value();
    if (s == null || s.timer != timestamp) {
      return;
    }
    if (s.open) {
      out.collect(openDelta(s, timestamp, -1)); // expired: silent too long to believe it open
    }
    post.clear();
  }

  private static void describe(OldPostState s, VacancyChange c) {
    s.cityId = c.cityId;
    s.occupationCode = c.occupationCode;
    s.dispatch = c.employmentType == EmploymentType.DISPATCH;
  }

  private static boolean changesSignature(OldPostState s, VacancyChange c) {
    return !s.cityId.equals(c.cityId)
        || !s.occupationCode.equals(c.occupationCode)
        || s.dispatch != (c.employmentType == EmploymentType.DISPATCH);
  }

  private static CityDelta openDelta(OldPostState s, long time, int count) {
    return CityDelta.of(s.cityId, time, DeltaKind.OPEN_VACANCY, count)
        .withOccupation(s.occupationCode)
        .withDispatch(s.dispatch);
  }

  private static void moveTimer(Context ctx, OldPostState s, long at) {
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
