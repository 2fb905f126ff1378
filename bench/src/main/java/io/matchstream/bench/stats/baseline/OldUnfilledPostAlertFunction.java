package io.matchstream.bench.stats.baseline;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.Ids;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.stats.AlertText;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.VacancyChange;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The implementation before compact state (kept for the footprint benchmark's "before" column).
 *
 * Keyed by vacancyId: a technical post still open when the watermark reaches postedTime + its
 * occupation's threshold (or its first event, if that is later) FIRES UNFILLED_TECHNICAL_POST once; FILLED or WITHDRAWN then RESOLVES it
 * and all state and timers for the post go. A post closed before its deadline never fires.
 *
 * <p>The alert id is {@link Ids#alertId}(vacancyId, type) and the event id adds the state, so a
 * replay after a restart repeats the same record rather than making a second alert. A watched post
 * silent for {@code stats.vacancy-expiry} is dropped (RESOLVED if it had fired).
 */
public class OldUnfilledPostAlertFunction extends KeyedProcessFunction<String, VacancyChange, Alert> {
  private final StatsSettings settings;
  private transient ValueState<OldWatchedPost> watched;
  private transient AlertText text;

  public OldUnfilledPostAlertFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    watched = getRuntimeContext().getState(new ValueStateDescriptor<>("watched", OldWatchedPost.class));
    text = AlertText.loadDefault();
  }

  @Override
  public void processElement(VacancyChange c, Context ctx, Collector<Alert> out) throws Exception {
    OldWatchedPost w = watched.value();
    boolean closes = c.type == VacancyEventType.FILLED || c.type == VacancyEventType.WITHDRAWN;
    if (w != null && w.closedTime != 0) {
      return; // closed before its OPENED arrived: nothing to watch
    }
    if (closes || (w != null && Boolean.FALSE.equals(c.technical))) {
      if (w == null) {
        // FILLED overtook OPENED: remember the close until its day is final so OPENED can't start a watch.
        w = new OldWatchedPost();
        w.closedTime = c.eventTime;
        w.expiry = settings.closeTimeOf(ShanghaiCalendar.dayOf(c.eventTime));
        ctx.timerService().registerEventTimeTimer(w.expiry);
        watched.update(w);
        return;
      }
      if (!w.fired && closes && w.deadline != 0 && c.eventTime >= w.deadline) {
        // Closed after its deadline, but the watermark had not got there yet (a slow partition
        // holds it back): it was overdue in event time, so it fires, then resolves.
        w.fired = true;
        out.collect(alert(ctx.getCurrentKey(), w, AlertState.FIRING, w.deadline, null));
      }
      if (w.fired) {
        String why = c.type == VacancyEventType.FILLED ? "已招到" : c.type == VacancyEventType.WITHDRAWN ? "已撤回" : "不再是技术岗位";
        out.collect(alert(ctx.getCurrentKey(), w, AlertState.RESOLVED, c.eventTime, why));
      }
      stopWatching(ctx, w);
      return;
    }
    if (!Boolean.TRUE.equals(c.technical)) {
      return; // only technical posts are watched
    }
    if (w == null) {
      w = new OldWatchedPost();
      // A post already overdue when it first appears (a board's stock, posted long before the stream
      // began) fires when it is seen: its overdue time lies in a day whose figures are long final.
      w.deadline = Math.max(c.postedTime + settings.unfilledThresholdFor(c.occupationCode), c.eventTime);
      ctx.timerService().registerEventTimeTimer(w.deadline);
    }
    w.cityId = c.cityId;
    w.occupationCode = c.occupationCode;
    w.employerId = c.employerId;
    w.postedTime = c.postedTime;
    w.salaryMin = c.salaryMin;
    w.salaryMax = c.salaryMax;
    w.certificateLevel = c.certificateLevel;
    long expiry = Math.max(w.expiry, c.eventTime + settings.vacancyExpiryMillis());
    if (expiry != w.expiry) {
      if (w.expiry != 0) {
        ctx.timerService().deleteEventTimeTimer(w.expiry);
      }
      w.expiry = expiry;
      ctx.timerService().registerEventTimeTimer(expiry);
    }
    watched.update(w);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    OldWatchedPost w = watched.value();
    if (w == null) {
      return;
    }
    if (w.closedTime != 0 || timestamp == w.expiry) {
      if (w.fired) {
        out.collect(alert(ctx.getCurrentKey(), w, AlertState.RESOLVED, timestamp, "长期无更新，已过期"));
      }
      stopWatching(ctx, w);
    } else if (timestamp == w.deadline && !w.fired) {
      w.fired = true;
      watched.update(w);
      out.collect(alert(ctx.getCurrentKey(), w, AlertState.FIRING, timestamp, null));
    }
  }

  private void stopWatching(Context ctx, OldWatchedPost w) {
    if (w.deadline != 0) {
      ctx.timerService().deleteEventTimeTimer(w.deadline);
    }
    if (w.expiry != 0) {
      ctx.timerService().deleteEventTimeTimer(w.expiry);
    }
    watched.clear();
  }

  private Alert alert(String vacancyId, OldWatchedPost w, AlertState state, long time, String why) {
    String id = Ids.alertId(vacancyId, AlertType.UNFILLED_TECHNICAL_POST);
    int daysOpen = (int) Math.max(0, (time - w.postedTime) / ShanghaiCalendar.DAY_MILLIS);
    return new Alert(
        id, Ids.alertEventId(id, state, time), time, SchemaVersion.CURRENT, AlertType.UNFILLED_TECHNICAL_POST,
        state, w.cityId, w.occupationCode, vacancyId, w.employerId, w.postedTime, daysOpen, null,
        w.salaryMin, w.salaryMax, w.certificateLevel,
        text.unfilled(w.cityId, w.occupationCode, w.employerId, daysOpen, state, why));
  }
}
