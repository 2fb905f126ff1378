package io.matchstream.jobs.stats.functions;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.Ids;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.common.state.DueTimer;
import io.matchstream.jobs.common.state.EntityMap;
import io.matchstream.jobs.stats.AlertText;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.records.WatchedPost;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.jobs.stats.state.StateSerializers.WatchedPostSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the vacancy's shard ({@link Shards#VACANCY}): a technical post still open when the
 * watermark reaches postedTime + its occupation's threshold (or its first event, if that is later)
 * FIRES UNFILLED_TECHNICAL_POST once; FILLED or WITHDRAWN then RESOLVES it and the post's state goes.
 * A post closed before its deadline never fires.
 *
 * <p>The alert id is {@link Ids#alertId}(vacancyId, type) and the event id adds the state, so a
 * replay after a restart repeats the same record rather than making a second alert. A watched post
 * silent for {@code stats.vacancy-expiry} is dropped (RESOLVED if it had fired). Each watched post is
 * one compact {@link WatchedPost} in its shard's map; the shard's one timer ({@link DueTimer}) fires
 * at the earliest deadline or expiry, and the scan acts on every post due by the watermark, in the
 * order of its own instants, with the instant each was due as the alert's time.
 */
public class UnfilledPostAlertFunction extends KeyedProcessFunction<Integer, VacancyChange, Alert> {
  private final StatsSettings settings;
  private transient EntityMap<WatchedPost> watched;
  private transient DueTimer due;
  private transient AlertText text;

  public UnfilledPostAlertFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    watched = new EntityMap<>(getRuntimeContext(), "watched", "vac-", WatchedPostSerializer.INSTANCE);
    due = new DueTimer(getRuntimeContext());
    text = AlertText.loadDefault();
  }

  @Override
  public void processElement(VacancyChange c, Context ctx, Collector<Alert> out) throws Exception {
    String id = c.vacancyId;
    WatchedPost w = watched.get(id);
    boolean closes = c.type == VacancyEventType.FILLED || c.type == VacancyEventType.WITHDRAWN;
    if (w != null && w.closedTime != 0) {
      return; // closed before its OPENED arrived: nothing to watch
    }
    if (closes || (w != null && Boolean.FALSE.equals(c.technical))) {
      if (w == null) {
        // FILLED overtook OPENED: remember the close until its day is final so OPENED can't start a watch.
        store(ctx.timerService(), id,
            WatchedPost.tombstone(c.eventTime, settings.closeTimeOf(ShanghaiCalendar.dayOf(c.eventTime))));
        return;
      }
      if (!w.is(WatchedPost.FIRED) && closes && w.deadline != 0 && c.eventTime >= w.deadline) {
        // Closed after its deadline, but the watermark had not got there yet (a slow partition
        // holds it back): it was overdue in event time, so it fires, then resolves.
        w = w.fired();
        out.collect(alert(id, w, AlertState.FIRING, w.deadline, null));
      }
      if (w.is(WatchedPost.FIRED)) {
        String why = c.type == VacancyEventType.FILLED ? "已招到" : c.type == VacancyEventType.WITHDRAWN ? "已撤回" : "不再是技术岗位";
        out.collect(alert(id, w, AlertState.RESOLVED, c.eventTime, why));
      }
      stopWatching(ctx.timerService(), id);
      return;
    }
    if (!Boolean.TRUE.equals(c.technical)) {
      return; // only technical posts are watched
    }
    long deadline = w != null ? w.deadline
        // A post already overdue when it first appears (a board's stock, posted long before the stream
        // began) fires when it is seen: its overdue time lies in a day whose figures are long final.
        : Math.max(c.postedTime + settings.unfilledThresholdFor(c.occupationCode), c.eventTime);
    long expiry = Math.max(w != null ? w.expiry : 0, c.eventTime + settings.vacancyExpiryMillis());
    store(ctx.timerService(), id, WatchedPost.of(c, w != null ? w.flags : 0, deadline, expiry));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    List<String> dueNow = new ArrayList<>();
    long earliest = watched.collectDue(UnfilledPostAlertFunction::dueOf, watermark, dueNow);
    for (String id : dueNow) {
      WatchedPost w = watched.get(id);
      // In the order a timer per instant would have fired: the deadline, then the expiry.
      for (long at = dueOf(w); w != null && at <= watermark; at = w == null ? 0 : dueOf(w)) {
        if (w.closedTime != 0 || at == w.expiry) {
          if (w.is(WatchedPost.FIRED)) {
            out.collect(alert(id, w, AlertState.RESOLVED, at, "长期无更新，已过期"));
          }
          watched.remove(id);
          w = null;
        } else {
          w = w.fired();
          out.collect(alert(id, w, AlertState.FIRING, at, null));
        }
      }
      if (w != null) {
        watched.put(id, w);
        earliest = Math.min(earliest, dueOf(w));
      }
    }
    due.reset(ctx.timerService(), earliest);
  }

  /** The next instant the post needs acting on: its deadline until it fired, else its expiry. */
  private static long dueOf(WatchedPost w) {
    return w.closedTime != 0 || w.is(WatchedPost.FIRED) ? w.expiry : Math.min(w.deadline, w.expiry);
  }

  private void store(TimerService timers, String id, WatchedPost w) throws Exception {
    watched.put(id, w);
    due.noLaterThan(timers, dueOf(w));
  }

  private void stopWatching(TimerService timers, String id) throws Exception {
    watched.remove(id);
    if (watched.isEmpty()) {
      due.reset(timers, Long.MAX_VALUE);
    }
  }

  private Alert alert(String vacancyId, WatchedPost w, AlertState state, long time, String why) {
    String id = Ids.alertId(vacancyId, AlertType.UNFILLED_TECHNICAL_POST);
    int daysOpen = (int) Math.max(0, (time - w.postedTime) / ShanghaiCalendar.DAY_MILLIS);
    String employerId = w.employerId();
    return new Alert(
        id, Ids.alertEventId(id, state, time), time, SchemaVersion.CURRENT, AlertType.UNFILLED_TECHNICAL_POST,
        state, w.cityId(), w.occupationCode(), vacancyId, employerId, w.postedTime, daysOpen, null,
        w.salaryMinOrNull(), w.salaryMaxOrNull(), w.certificateLevel(),
        text.unfilled(w.cityId(), w.occupationCode(), employerId, daysOpen, state, why));
  }
}
