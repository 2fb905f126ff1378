package io.matchstream.jobs.stats;

import io.matchstream.events.ShanghaiCalendar;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

/**
 * The options the functions need, resolved once from a {@link Configuration} into plain values
 * the functions can carry to the cluster.
 */
public record StatsSettings(
    long updateIntervalMillis,
    long allowedLatenessMillis,
    long maxOutOfOrdernessMillis,
    long idlenessMillis,
    int trendDays,
    int fillWindowDays,
    long vacancyExpiryMillis,
    long candidateExpiryMillis,
    long matchDedupeHorizonMillis,
    long unfilledThresholdMillis,
    Map<String, Long> unfilledThresholdByOccupation,
    double shortageHigh,
    double shortageLow,
    int shortageDays,
    int shortageMinOpen,
    long funnelWindowMillis,
    int funnelCohortDays)
    implements Serializable {

  public static StatsSettings from(Configuration conf) {
    Map<String, Long> byOccupation = new HashMap<>();
    conf.get(StatsOptions.UNFILLED_THRESHOLD_BY_OCCUPATION)
        .forEach((code, d) -> byOccupation.put(code, TimeUtils.parseDuration(d).toMillis()));
    StatsSettings s =
        new StatsSettings(
            conf.get(StatsOptions.UPDATE_INTERVAL).toMillis(),
            conf.get(StatsOptions.ALLOWED_LATENESS).toMillis(),
            conf.get(StatsOptions.MAX_OUT_OF_ORDERNESS).toMillis(),
            conf.get(StatsOptions.IDLENESS).toMillis(),
            conf.get(StatsOptions.TREND_DAYS),
            conf.get(StatsOptions.FILL_WINDOW_DAYS),
            conf.get(StatsOptions.VACANCY_EXPIRY).toMillis(),
            conf.get(StatsOptions.CANDIDATE_EXPIRY).toMillis(),
            conf.get(StatsOptions.MATCH_DEDUPE_HORIZON).toMillis(),
            conf.get(StatsOptions.UNFILLED_THRESHOLD).toMillis(),
            Map.copyOf(byOccupation),
            conf.get(StatsOptions.SHORTAGE_HIGH),
            conf.get(StatsOptions.SHORTAGE_LOW),
            conf.get(StatsOptions.SHORTAGE_DAYS),
            conf.get(StatsOptions.SHORTAGE_MIN_OPEN),
            conf.get(StatsOptions.FUNNEL_WINDOW).toMillis(),
            conf.get(StatsOptions.FUNNEL_COHORT_DAYS));
    s.check();
    return s;
  }

  public static StatsSettings defaults() {
    return from(new Configuration());
  }

  /** The alert threshold of an occupation's technical posts, milliseconds. */
  public long unfilledThresholdFor(String occupationCode) {
    return unfilledThresholdByOccupation.getOrDefault(occupationCode, unfilledThresholdMillis);
  }

  /** When a day's final record is due: its end plus the allowed lateness, epoch milliseconds. */
  public long closeTimeOf(long day) {
    return ShanghaiCalendar.end(day) + allowedLatenessMillis;
  }

  /** Whether a day is closed (final sent) once the watermark has reached {@code watermark}. */
  public boolean isClosed(long day, long watermark) {
    return watermark >= closeTimeOf(day);
  }

  /** When a match's id may be forgotten: a horizon after its day's final record, epoch milliseconds. */
  public long forgetMatchAt(long matchTime) {
    return closeTimeOf(ShanghaiCalendar.dayOf(matchTime)) + matchDedupeHorizonMillis;
  }

  /**
   * When the funnel forgets a day's matches: the window after the day's end, epoch milliseconds. By
   * then every outcome within the window of any of them has been decided.
   */
  public long forgetFunnelDayAt(long day) {
    return ShanghaiCalendar.end(day) + funnelWindowMillis;
  }

  /** Closed days a city keeps: for the trend, the fill and hire windows and the cohorts. */
  public int historyDays() {
    return Math.max(Math.max(trendDays, fillWindowDays), funnelCohortDays);
  }

  private void check() {
    if (funnelCohortDays < 1 || funnelWindowMillis < ShanghaiCalendar.DAY_MILLIS) {
      throw new IllegalArgumentException("stats.funnel-cohort-days must be at least 1 and stats.funnel-window "
          + "at least 1 d");
    }
    if (shortageLow > shortageHigh) {
      throw new IllegalArgumentException(
          "alerts.shortage.low " + shortageLow + " must not exceed alerts.shortage.high " + shortageHigh);
    }
    if (trendDays < 1 || fillWindowDays < 1 || shortageDays < 1) {
      throw new IllegalArgumentException("stats.trend-days, stats.fill-window-days and "
          + "alerts.shortage.sustain-days must be at least 1");
    }
    if (updateIntervalMillis < 1) {
      throw new IllegalArgumentException("stats.update-interval must be positive");
    }
  }
}
