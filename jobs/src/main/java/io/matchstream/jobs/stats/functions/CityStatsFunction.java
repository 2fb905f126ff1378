package io.matchstream.jobs.stats.functions;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CityStats;
import io.matchstream.events.Ids;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.jobs.stats.AlertText;
import io.matchstream.jobs.stats.CityFigures;
import io.matchstream.jobs.stats.ShortageDetector;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.ClosedDay;
import io.matchstream.jobs.stats.records.DayFigures;
import io.matchstream.jobs.stats.records.Gauges;
import io.matchstream.jobs.stats.records.ShortageState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by cityId (or {@code national}): sums deltas into per-Shanghai-day figures and sends
 * {@link CityStats}: live, at most once per {@code stats.update-interval} of processing time, for the
 * latest open day; and final, when the watermark passes a day's end plus the allowed lateness.
 *
 * <p>Gauges (open vacancies, available candidates, …) are kept as a settled base — every closed
 * day applied — plus each open day's own changes. A final record adds exactly its day's changes to
 * the base, so it shows the figures at the end of that day whatever later events have already
 * arrived; a live record adds all open days' changes, so it shows the newest figures. SHORTAGE is
 * decided on each day's final figures ({@link ShortageDetector}) and sent to {@link #ALERTS}.
 */
public class CityStatsFunction extends KeyedProcessFunction<String, CityDelta, CityStats> {
  public static final OutputTag<Alert> ALERTS = new OutputTag<>("shortage-alerts") {};

  private final StatsSettings settings;
  private transient MapState<Long, DayFigures> days;
  private transient ValueState<Gauges> base;
  private transient MapState<Long, ClosedDay> history;
  private transient MapState<String, ShortageState> shortages;
  /** Per match day (cohort): stages its matches reached in the closed days, as in DayFigures.reached. */
  private transient MapState<Long, long[]> cohorts;
  private transient ValueState<Long> liveTimer;
  private transient ShortageDetector detector;
  private transient AlertText text;
  private transient Counter lateDeltas;

  public CityStatsFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    var rc = getRuntimeContext();
    days = rc.getMapState(new MapStateDescriptor<>("days", Long.class, DayFigures.class));
    base = rc.getState(new ValueStateDescriptor<>("base", Gauges.class));
    history = rc.getMapState(new MapStateDescriptor<>("history", Long.class, ClosedDay.class));
    shortages = rc.getMapState(new MapStateDescriptor<>("shortages", String.class, ShortageState.class));
    liveTimer = rc.getState(new ValueStateDescriptor<>("live-timer", Long.class));
    cohorts = rc.getMapState(new MapStateDescriptor<>("funnel-cohorts", Long.class, long[].class));
    detector = new ShortageDetector(settings);
    text = AlertText.loadDefault();
    lateDeltas = rc.getMetricGroup().counter("lateDeltas");
  }

  @Override
  public void processElement(CityDelta d, Context ctx, Collector<CityStats> out) throws Exception {
    long day = ShanghaiCalendar.dayOf(d.time);
    if (settings.isClosed(day, ctx.timerService().currentWatermark())) {
      // Cannot happen for inputs that passed RouteInputFunction; keep the gauges right regardless.
      lateDeltas.inc();
      Gauges b = baseOrEmpty();
      if (b.apply(d)) {
        base.update(b);
      }
      return;
    }
    DayFigures f = days.get(day);
    if (f == null) {
      f = new DayFigures();
      ctx.timerService().registerEventTimeTimer(settings.closeTimeOf(day));
    }
    count(f, d);
    days.put(day, f);
    if (liveTimer.value() == null) {
      long at = ctx.timerService().currentProcessingTime() + settings.updateIntervalMillis();
      ctx.timerService().registerProcessingTimeTimer(at);
      liveTimer.update(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CityStats> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      liveTimer.clear();
      Long latest = latestOpenDay();
      if (latest != null && days.get(latest).dirty) {
        out.collect(live(ctx.getCurrentKey(), latest));
      }
      return;
    }
    long day = ShanghaiCalendar.dayOf(timestamp - settings.allowedLatenessMillis() - 1);
    DayFigures f = days.get(day);
    if (f == null) {
      return;
    }
    closeDay(ctx, day, f, out);
    Long latest = latestOpenDay();
    if (latest != null && days.get(latest).revision > 0) {
      // The final of yesterday went out after today's live figures; the newest per key must be today.
      out.collect(live(ctx.getCurrentKey(), latest));
    }
  }

  private void closeDay(OnTimerContext ctx, long day, DayFigures f, Collector<CityStats> out)
      throws Exception {
    String city = ctx.getCurrentKey();
    Gauges b = baseOrEmpty();
    b.add(f.changes);
    base.update(b);
    days.remove(day);
    history.put(day, ClosedDay.of(f.withFunnel()));
    long firstCohort = day - settings.funnelCohortDays() + 1;
    for (var e : f.cohortChanges.entrySet()) {
      if (e.getKey() >= firstCohort) {
        long[] c = cohorts.get(e.getKey());
        cohorts.put(e.getKey(), add(c == null ? new long[4] : c, e.getValue()));
      }
    }
    forgetBefore(day - settings.historyDays() + 1, firstCohort);
    f.revision++;
    out.collect(CityFigures.record(city, day, f.revision, true, ShanghaiCalendar.end(day) - 1, f, b,
        trend(day), fills(day), funnel(f, day, false)));
    decideShortages(ctx, city, day, b);
  }

  private CityStats live(String city, long day) throws Exception {
    DayFigures f = days.get(day);
    Gauges now = baseOrEmpty().copy();
    for (DayFigures open : days.values()) {
      now.add(open.changes);
    }
    f.revision++;
    f.dirty = false;
    days.put(day, f);
    return CityFigures.record(city, day, f.revision, false, f.lastEventTime, f, now, trend(day), fills(day),
        funnel(f, day, true));
  }

  private void decideShortages(OnTimerContext ctx, String city, long day, Gauges g) throws Exception {
    Set<String> codes = new HashSet<>(g.vacanciesByOccupation.keySet());
    for (String code : shortages.keys()) {
      codes.add(code);
    }
    for (String code : codes) {
      long demand = g.vacanciesByOccupation.getOrDefault(code, 0L);
      long supply = g.seekersByOccupation.getOrDefault(code, 0L);
      ShortageDetector.Step step = detector.onDayClose(shortages.get(code), ShanghaiCalendar.start(day), demand, supply);
      if (step.next() == null) {
        shortages.remove(code);
      } else {
        shortages.put(code, step.next());
      }
      if (step.change() != null) {
        ctx.output(ALERTS, shortageAlert(city, code, step, day, demand, supply));
      }
    }
  }

  private Alert shortageAlert(String city, String code, ShortageDetector.Step step, long day, long demand,
      long supply) {
    String id = Ids.alertId(Ids.shortageSubject(city, code), AlertType.SHORTAGE);
    AlertState state = step.change();
    Double ratio = ShortageDetector.ratio(demand, supply);
    long since = step.next() != null ? step.next().since : ShanghaiCalendar.start(day);
    return new Alert(id, Ids.alertEventId(id, state, ShanghaiCalendar.end(day) - 1), ShanghaiCalendar.end(day) - 1, SchemaVersion.CURRENT,
        AlertType.SHORTAGE, state, city, code, null, null, since, null, ratio, null, null, null,
        text.shortage(city, code, ratio == null ? demand : ratio, state));
  }

  private static void count(DayFigures f, CityDelta d) {
    f.withFunnel();
    if (!f.changes.apply(d)) {
      switch (d.kind) {
        case MATCH -> {
          f.matches += d.count;
          f.matchesByHour[ShanghaiCalendar.hourOf(d.time)] += d.count;
          if (d.occupationCode != null) {
            f.stagesOf(d.occupationCode)[0] += d.count;
          }
        }
        case NEW_VACANCY -> f.newVacancies += d.count;
        case NEW_CANDIDATE -> f.newCandidates += d.count;
        case PLACEMENT -> {
          f.placements += d.count;
          f.addFill(d.fillMillis);
        }
        case REACHED -> {
          f.reached[d.stage - 1] += d.count;
          f.stagesOf(d.occupationCode)[d.stage] += d.count;
          f.cohortChanges.computeIfAbsent(d.cohortDay, c -> new long[4])[d.stage - 1] += d.count;
          if (d.stage == OutcomeStage.HIRED.rank()) {
            f.addHire(d.sinceMatchMillis);
          }
        }
        case ENDED -> f.ended += d.count;
        case PERSON_PLACED -> f.peoplePlaced += d.count;
        default -> throw new IllegalStateException("unhandled delta kind " + d.kind);
      }
    }
    f.lastEventTime = Math.max(f.lastEventTime, d.time);
    f.dirty = true;
  }

  /** Matches per day from {@code trend-days - 1} days before {@code day} through it; gaps are 0. */
  private List<CityStats.DayCount> trend(long day) throws Exception {
    TreeMap<Long, Long> perDay = matchesPerDay();
    long first = Math.max(day - settings.trendDays() + 1, perDay.isEmpty() ? day : perDay.firstKey());
    List<CityStats.DayCount> out = new ArrayList<>();
    for (long d = first; d <= day; d++) {
      out.add(new CityStats.DayCount(ShanghaiCalendar.format(d), perDay.getOrDefault(d, 0L)));
    }
    return out;
  }

  /** Fill durations of the trailing window ending with {@code day}. */
  private long[] fills(long day) throws Exception {
    return window(day, c -> c.fills, f -> java.util.Arrays.copyOf(f.fills, f.fillCount));
  }

  /** Match-to-hire durations of the trailing window (the fill window) ending with {@code day}. */
  private long[] hireTimes(long day) throws Exception {
    return window(day, c -> c.hireTimes == null ? new long[0] : c.hireTimes,
        f -> java.util.Arrays.copyOf(f.hireTimes, f.hireCount));
  }

  private long[] window(long day, Function<ClosedDay, long[]> closed, Function<DayFigures, long[]> open)
      throws Exception {
    long first = day - settings.fillWindowDays() + 1;
    List<long[]> parts = new ArrayList<>();
    int n = 0;
    for (var e : history.entries()) {
      if (e.getKey() >= first && e.getKey() <= day) {
        long[] c = closed.apply(e.getValue());
        parts.add(c);
        n += c.length;
      }
    }
    for (var e : days.entries()) {
      if (e.getKey() >= first && e.getKey() <= day) {
        long[] f = open.apply(e.getValue());
        parts.add(f);
        n += f.length;
      }
    }
    long[] all = new long[n];
    int i = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, all, i, p.length);
      i += p.length;
    }
    return all;
  }

  private void forgetBefore(long firstKept, long firstCohort) throws Exception {
    List<Long> old = new ArrayList<>();
    for (Long d : history.keys()) {
      if (d < firstKept) {
        old.add(d);
      }
    }
    for (Long d : old) {
      history.remove(d);
    }
    old.clear();
    for (Long d : cohorts.keys()) {
      if (d < firstCohort) {
        old.add(d);
      }
    }
    for (Long d : old) {
      cohorts.remove(d);
    }
  }

  /**
   * The funnel of a record of {@code day}: the day's own counts, and the cohorts of the last
   * {@code stats.funnel-cohort-days} match days as of the record — the settled cohorts, which a
   * final record's day has just joined, plus (a live record, the newest figures) every open day's.
   */
  private CityStats.Funnel funnel(DayFigures f, long day, boolean live) throws Exception {
    f.withFunnel();
    Map<Long, long[]> reached = new HashMap<>();
    for (var e : cohorts.entries()) {
      reached.put(e.getKey(), e.getValue().clone());
    }
    if (live) {
      for (DayFigures open : days.values()) {
        addAll(reached, open.withFunnel().cohortChanges);
      }
    } // a final record's day has just been settled into the cohorts
    TreeMap<Long, Long> matches = matchesPerDay();
    long first = Math.max(day - settings.funnelCohortDays() + 1, matches.isEmpty() ? day : Math.min(day, matches.firstKey()));
    List<CityStats.Cohort> list = new ArrayList<>();
    for (long d = first; d <= day; d++) {
      long n = matches.getOrDefault(d, 0L);
      long[] r = reached.getOrDefault(d, new long[4]);
      list.add(new CityStats.Cohort(ShanghaiCalendar.format(d), n, r[0], r[1], r[2], r[3], n == 0 ? null : (double) r[3] / n));
    }
    long hires = f.reached[3];
    Double median = CityFigures.medianDays(hireTimes(day));
    return new CityStats.Funnel(
        new CityStats.Stages(f.matches, f.reached[0], f.reached[1], f.reached[2], hires), f.ended, f.peoplePlaced,
        f.peoplePlaced == 0 ? null : (double) hires / f.peoplePlaced, median == null ? null : median * 24, list);
  }

  private static void addAll(Map<Long, long[]> into, Map<Long, long[]> changes) {
    for (var e : changes.entrySet()) {
      into.merge(e.getKey(), e.getValue().clone(), CityStatsFunction::add);
    }
  }

  private static long[] add(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  private TreeMap<Long, Long> matchesPerDay() throws Exception {
    TreeMap<Long, Long> perDay = new TreeMap<>();
    for (var e : history.entries()) {
      perDay.put(e.getKey(), e.getValue().matches);
    }
    for (var e : days.entries()) {
      perDay.put(e.getKey(), e.getValue().matches);
    }
    return perDay;
  }

  private Long latestOpenDay() throws Exception {
    Long latest = null;
    for (Long d : days.keys()) {
      latest = latest == null || d > latest ? d : latest;
    }
    return latest;
  }

  private Gauges baseOrEmpty() throws Exception {
    Gauges b = base.value();
    return b == null ? new Gauges() : b;
  }
}
