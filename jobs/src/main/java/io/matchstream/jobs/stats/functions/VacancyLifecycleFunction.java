package io.matchstream.jobs.stats.functions;

import io.matchstream.events.EmploymentType;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.stats.ShanghaiDays;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.PostState;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.common.state.DueTimer;
import io.matchstream.jobs.common.state.EntityMap;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.jobs.stats.state.StateSerializers.PostStateSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the vacancy's shard ({@link Shards#VACANCY}): turns a vacancy's lifecycle into city
 * deltas — NEW_VACANCY on OPENED, +1/-1 OPEN_VACANCY while it is open, PLACEMENT (with its time to
 * fill) on FILLED.
 *
 * <p>Every delta carries the event time of the change it stands for, so the city figures are
 * right whatever order the events arrive in. State goes when the vacancy closes (after a short
 * tombstone, once the close's day is final) or after {@code stats.vacancy-expiry} without events.
 * Each vacancy is one compact {@link PostState} in its shard's map; the shard's one timer
 * ({@link DueTimer}) fires at the earliest due instant and the scan acts on every vacancy due by
 * the watermark, with the instant each was due.
 */
public class VacancyLifecycleFunction extends KeyedProcessFunction<Integer, VacancyChange, CityDelta> {
  private final StatsSettings settings;
  private transient EntityMap<PostState> posts;
  private transient DueTimer due;

  public VacancyLifecycleFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    posts = new EntityMap<>(getRuntimeContext(), "posts", "vac-", PostStateSerializer.INSTANCE);
    due = new DueTimer(getRuntimeContext());
  }

  @Override
  public void processElement(VacancyChange c, Context ctx, Collector<CityDelta> out) throws Exception {
    PostState old = posts.get(c.vacancyId);
    PostState now = next(old, c, out);
    if (now == old) {
      return;
    }
    posts.put(c.vacancyId, now);
    due.noLaterThan(ctx.timerService(), dueOf(now));
  }

  /** The vacancy's state after {@code c}, emitting the deltas the change stands for. */
  private PostState next(PostState s, VacancyChange c, Collector<CityDelta> out) {
    boolean closes = c.type == VacancyEventType.FILLED || c.type == VacancyEventType.WITHDRAWN;
    if (s != null && s.closedTime != 0) {
      if (c.type == VacancyEventType.OPENED && !s.is(PostState.OPENED_SEEN) && c.eventTime <= s.closedTime) {
        // It opened before the close we already counted: count the open interval now.
        PostState d = describe(c, s.flags | PostState.OPENED_SEEN, s.openedTime, s.closedTime, s.lastEventTime);
        out.collect(CityDelta.of(d.cityId(), c.eventTime, DeltaKind.NEW_VACANCY, 1));
        out.collect(openDelta(d, c.eventTime, 1));
        out.collect(openDelta(d, d.closedTime, -1));
        return d;
      }
      return s; // repeats and stragglers after the close change nothing
    }
    if (closes) {
      if (c.type == VacancyEventType.FILLED) {
        out.collect(CityDelta.of(c.cityId, c.eventTime, DeltaKind.PLACEMENT, 1)
            .withFillMillis(Math.max(0, c.eventTime - c.postedTime)));
      }
      long last = c.eventTime;
      char city = Codes.of(c.cityId);
      char occupation = Codes.of(c.occupationCode);
      int flags = 0;
      long opened = 0;
      if (s != null) {
        if (s.is(PostState.OPEN)) {
          out.collect(openDelta(s, c.eventTime, -1));
        }
        last = Math.max(s.lastEventTime, c.eventTime);
        city = s.city;
        occupation = s.occupation;
        flags = s.flags;
        opened = s.openedTime;
      }
      // Kept until the close's day is final: any OPENED arriving later would be late anyway.
      return new PostState(city, occupation, (byte) (flags & ~PostState.OPEN), opened, c.eventTime, last);
    }
    PostState d;
    if (s == null) {
      d = describe(c, PostState.OPEN, c.eventTime, 0, c.eventTime);
      out.collect(openDelta(d, c.eventTime, 1));
    } else if (c.eventTime < s.openedTime) {
      // An earlier event arrived after a later one: move the +1 back to when it really opened.
      out.collect(openDelta(s, c.eventTime, 1));
      out.collect(openDelta(s, s.openedTime, -1));
      d = new PostState(s.city, s.occupation, s.flags, c.eventTime, s.closedTime, s.lastEventTime);
    } else if (c.type == VacancyEventType.UPDATED && changesSignature(s, c)) {
      out.collect(openDelta(s, c.eventTime, -1));
      d = describe(c, s.flags, s.openedTime, s.closedTime, s.lastEventTime);
      out.collect(openDelta(d, c.eventTime, 1));
    } else {
      d = s;
    }
    int flags = d.flags;
    if (c.type == VacancyEventType.OPENED && !d.is(PostState.OPENED_SEEN)) {
      flags |= PostState.OPENED_SEEN;
      out.collect(CityDelta.of(d.cityId(), c.eventTime, DeltaKind.NEW_VACANCY, 1));
    }
    return new PostState(d.city, d.occupation, (byte) flags, d.openedTime, d.closedTime,
        Math.max(d.lastEventTime, c.eventTime));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityDelta> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    List<String> dueNow = new ArrayList<>();
    long earliest = posts.collectDue(this::dueOf, watermark, dueNow);
    for (String id : dueNow) {
      PostState s = posts.get(id);
      if (s.is(PostState.OPEN)) {
        out.collect(openDelta(s, dueOf(s), -1)); // expired: silent too long to believe it open
      }
      posts.remove(id);
    }
    due.reset(ctx.timerService(), earliest);
  }

  /** When the vacancy's state is due to go: its close's day final, or its expiry. */
  private long dueOf(PostState s) {
    return s.closedTime != 0
        ? settings.closeTimeOf(ShanghaiDays.dayOf(s.closedTime))
        : s.lastEventTime + settings.vacancyExpiryMillis();
  }

  private static PostState describe(VacancyChange c, int flags, long opened, long closed, long last) {
    int f = c.employmentType == EmploymentType.DISPATCH ? flags | PostState.DISPATCH : flags & ~PostState.DISPATCH;
    return new PostState(Codes.of(c.cityId), Codes.of(c.occupationCode), (byte) f, opened, closed, last);
  }

  private static boolean changesSignature(PostState s, VacancyChange c) {
    return s.city != Codes.of(c.cityId)
        || s.occupation != Codes.of(c.occupationCode)
        || s.is(PostState.DISPATCH) != (c.employmentType == EmploymentType.DISPATCH);
  }

  private static CityDelta openDelta(PostState s, long time, int count) {
    return CityDelta.of(s.cityId(), time, DeltaKind.OPEN_VACANCY, count)
        .withOccupation(s.occupationCode())
        .withDispatch(s.is(PostState.DISPATCH));
  }
}
