package io.matchstream.jobs.stats.functions;

import io.matchstream.events.CityStats;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.ShortageRanking;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.ranking.ShortageRanker;
import io.matchstream.jobs.stats.ranking.TopList;
import io.matchstream.jobs.stats.ranking.TopList.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The shortage ranking, from the city figures: one key ({@link #ALL}) sees every city's {@link
 * CityStats}, so it can rank both per city and nationally. Sends {@link ShortageRanking}s keyed by
 * city and {@code national}:
 *
 * <ul>
 *   <li>a city's, live with each of its live figures (already at most one per {@code
 *       stats.update-interval}) and final with its final figures;
 *   <li>the nation's, live at most once per {@code stats.update-interval} of processing time from
 *       every city's newest list, and final when the watermark passes a day's close: from each
 *       city's list at the end of that day (its newest final on or before that day: a city without
 *       events that day has the figures it closed with before).
 * </ul>
 *
 * <p>Rank changes compare with the final rankings kept in state: {@link #KEPT_DAYS} days of them
 * per key (a city's top 20 and the national top 100, ~400 B and ~2 KB as text), so they survive a
 * restart, unlike the compacted topics, which keep only the newest record per key.
 */
public class ShortageRankingFunction extends KeyedProcessFunction<String, CityStats, ShortageRanking> {
  /** The one key: a national ranking needs every city in one place (~100 cities, small lists). */
  public static final String ALL = "all";

  /** Finals kept per key: the day compared as "last week" must still be there a week on. */
  static final int KEPT_DAYS = 15;

  /** Every city figure to the one key. */
  public static final KeySelector<CityStats, String> ONE_KEY = s -> ALL;

  private final StatsSettings settings;
  /** Per city, its newest list: {@code day|eventTime|list}. */
  private transient MapState<String, String> newest;
  /** Per {@code key/day} (key: city id or national), that day's final list. */
  private transient MapState<String, String> finals;
  private transient ValueState<Long> revision;
  private transient ValueState<Long> liveTimer;

  public ShortageRankingFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    var rc = getRuntimeContext();
    newest = rc.getMapState(new MapStateDescriptor<>("newest", String.class, String.class));
    finals = rc.getMapState(new MapStateDescriptor<>("finals", String.class, String.class));
    revision = rc.getState(new ValueStateDescriptor<>("revision", Long.class));
    liveTimer = rc.getState(new ValueStateDescriptor<>("live-timer", Long.class));
  }

  @Override
  public void processElement(CityStats s, Context ctx, Collector<ShortageRanking> out) throws Exception {
    if (CityStats.NATIONAL.equals(s.cityId()) || s.day() == null) {
      return;
    }
    long day = ShanghaiCalendar.parse(s.day());
    List<Line> top = ShortageRanker.cityTop(s.occupations());
    String list = TopList.encode(top);
    newest.put(s.cityId(), day + "|" + s.eventTime() + "|" + list);
    if (s.isFinal()) {
      // Forgotten only when the nation's final of a later day is made (onTimer): a replay's last
      // watermark brings every day's finals before any of the nation's, which still need them.
      finals.put(s.cityId() + "/" + day, list);
    }
    out.collect(ranking(s.cityId(), day, s.isFinal(), s.eventTime(), 1,
        (y, w) -> ShortageRanker.cityEntries(top, y, w)));
    ctx.timerService().registerEventTimeTimer(settings.closeTimeOf(day));
    if (liveTimer.value() == null) {
      long at = ctx.timerService().currentProcessingTime() + settings.updateIntervalMillis();
      ctx.timerService().registerProcessingTimeTimer(at);
      liveTimer.update(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShortageRanking> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      liveTimer.clear();
      emitLiveNational(out);
      return;
    }
    long day = ShanghaiCalendar.dayOf(timestamp - settings.allowedLatenessMillis() - 1);
    Map<String, List<Line>> lists = listsAtEndOf(day);
    if (lists.isEmpty()) {
      return;
    }
    List<ShortageRanker.NationalLine> top = ShortageRanker.national(lists);
    finals.put(ShortageRanking.NATIONAL + "/" + day, TopList.encode(ShortageRanker.lines(top)));
    forgetBefore(day - KEPT_DAYS + 1);
    out.collect(ranking(ShortageRanking.NATIONAL, day, true, ShanghaiCalendar.end(day) - 1, lists.size(),
        (y, w) -> ShortageRanker.nationalEntries(top, y, w)));
    // A newer day's live list compares with this final now: the newest record per key must say so.
    if (newestDay() > day) {
      emitLiveNational(out);
    }
  }

  private void emitLiveNational(Collector<ShortageRanking> out) throws Exception {
    Map<String, List<Line>> lists = new HashMap<>();
    long day = Long.MIN_VALUE;
    long asOf = Long.MIN_VALUE;
    for (var e : newest.entries()) {
      String[] f = e.getValue().split("\\|", 3);
      day = Math.max(day, Long.parseLong(f[0]));
      asOf = Math.max(asOf, Long.parseLong(f[1]));
      lists.put(e.getKey(), TopList.decode(f[2]));
    }
    if (lists.isEmpty()) {
      return;
    }
    List<ShortageRanker.NationalLine> top = ShortageRanker.national(lists);
    out.collect(ranking(ShortageRanking.NATIONAL, day, false, asOf, lists.size(),
        (y, w) -> ShortageRanker.nationalEntries(top, y, w)));
  }

  /** Each city's final list of {@code day}, or its newest final before (kept days only). */
  private Map<String, List<Line>> listsAtEndOf(long day) throws Exception {
    Map<String, Long> bestDay = new HashMap<>();
    Map<String, String> bestList = new HashMap<>();
    for (var e : finals.entries()) {
      int slash = e.getKey().lastIndexOf('/');
      String key = e.getKey().substring(0, slash);
      long d = Long.parseLong(e.getKey().substring(slash + 1));
      if (key.equals(ShortageRanking.NATIONAL) || d > day) continue;
      Long held = bestDay.get(key);
      if (held == null || d > held) {
        bestDay.put(key, d);
        bestList.put(key, e.getValue());
      }
    }
    Map<String, List<Line>> out = new HashMap<>();
    bestList.forEach((city, list) -> out.put(city, TopList.decode(list)));
    return out;
  }

  /** Builds entries given the earlier days' ranks (null: no such day). */
  private interface Entries {
    List<ShortageRanking.Entry> of(Map<String, Integer> yesterday, Map<String, Integer> lastWeek);
  }

  private ShortageRanking ranking(String key, long day, boolean isFinal, long asOf, int cities, Entries entries)
      throws Exception {
    Earlier yesterday = finalOnOrBefore(key, day - 1);
    Earlier lastWeek = finalOnOrBefore(key, day - 7);
    long rev = revision.value() == null ? 1 : revision.value() + 1;
    revision.update(rev);
    String dayText = ShanghaiCalendar.format(day);
    return new ShortageRanking(key, key + "/" + dayText + "/" + rev, asOf, SchemaVersion.CURRENT, dayText, rev,
        isFinal, cities, yesterday == null ? null : ShanghaiCalendar.format(day - 1),
        lastWeek == null ? null : ShanghaiCalendar.format(day - 7),
        new ArrayList<>(entries.of(yesterday == null ? null : yesterday.ranks, lastWeek == null ? null : lastWeek.ranks)));
  }

  private record Earlier(long day, Map<String, Integer> ranks) {}

  /**
   * The ranks of a key's final list at the end of {@code day}: that day's, else its newest before
   * (no events in between leave a list as it was). Null when no kept final is that old.
   */
  private Earlier finalOnOrBefore(String key, long day) throws Exception {
    for (long d = day; d > day - KEPT_DAYS; d--) {
      String list = finals.get(key + "/" + d);
      if (list != null) {
        return new Earlier(d, ShortageRanker.ranks(TopList.decode(list)));
      }
    }
    return null;
  }

  private long newestDay() throws Exception {
    long day = Long.MIN_VALUE;
    for (String v : newest.values()) {
      day = Math.max(day, Long.parseLong(v.substring(0, v.indexOf('|'))));
    }
    return day;
  }

  private void forgetBefore(long firstKept) throws Exception {
    List<String> old = new ArrayList<>();
    for (String k : finals.keys()) {
      if (Long.parseLong(k.substring(k.lastIndexOf('/') + 1)) < firstKept) old.add(k);
    }
    for (String k : old) finals.remove(k);
  }
}
