package io.matchstream.jobs.stats;

import io.matchstream.events.Topics;
import io.matchstream.jobs.common.JobOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Typed options of the city-stats job, read from the {@link org.apache.flink.configuration.Configuration}
 * given to {@code CityStatsJob.wireKafka}. (Turning arguments and {@code MATCHSTREAM_…} environment
 * variables into that configuration is the entry point's job.)
 */
public final class StatsOptions {
  private StatsOptions() {}

  /** Shared with every job: {@code kafka.bootstrap-servers}. */
  public static final ConfigOption<String> BOOTSTRAP_SERVERS = JobOptions.BOOTSTRAP_SERVERS;

  public static final ConfigOption<String> TOPIC_CITY_STATS =
      ConfigOptions.key("topic.city-stats").stringType().defaultValue(Topics.CITY_STATS)
          .withDescription("Output topic of city figures, keyed by cityId (an upsert).");

  public static final ConfigOption<String> TOPIC_SHORTAGE_RANKING =
      ConfigOptions.key("topic.shortage-ranking").stringType().defaultValue(Topics.SHORTAGE_RANKING)
          .withDescription("Output topic of the shortage ranking, keyed by cityId or 'national' (an upsert).");

  public static final ConfigOption<String> TOPIC_ALERTS =
      ConfigOptions.key("topic.alerts").stringType().defaultValue(Topics.ALERTS)
          .withDescription("Output topic of alert state changes, keyed by alertId.");

  public static final ConfigOption<String> TOPIC_CITY_DAYS =
      ConfigOptions.key("topic.city-days").stringType().defaultValue(Topics.CITY_DAYS)
          .withDescription("Output topic of each city's and the nation's final figures, keyed cityId/day.");

  public static final ConfigOption<String> TOPIC_ALERT_LOG =
      ConfigOptions.key("topic.alert-log").stringType().defaultValue(Topics.ALERT_LOG)
          .withDescription("Output topic of every alert change, keyed by its eventId.");

  /** Shared: {@code delivery.guarantee} (exactly-once or at-least-once; outputs are idempotent either way). */
  public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE = JobOptions.DELIVERY_GUARANTEE;

  public static final ConfigOption<Duration> UPDATE_INTERVAL =
      ConfigOptions.key("stats.update-interval").durationType().defaultValue(Duration.ofSeconds(5))
          .withDescription("At most one live city-stats record per city per this much processing time.");

  public static final ConfigOption<Duration> ALLOWED_LATENESS =
      ConfigOptions.key("stats.allowed-lateness").durationType().defaultValue(Duration.ofMinutes(10))
          .withDescription("How long after a Shanghai day ends (in event time) its events still count; "
              + "the day's final record is sent then. Later events go to dead-letters as 'late'.");

  /** Shared: {@code source.max-out-of-orderness}, the watermark bound. */
  public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = JobOptions.MAX_OUT_OF_ORDERNESS;

  /** Shared: {@code source.idle-timeout}. */
  public static final ConfigOption<Duration> IDLENESS = JobOptions.IDLE_TIMEOUT;

  public static final ConfigOption<Integer> TREND_DAYS =
      ConfigOptions.key("stats.trend-days").intType().defaultValue(30)
          .withDescription("Days of matches-per-day kept for the trend, today included.");

  public static final ConfigOption<Integer> FILL_WINDOW_DAYS =
      ConfigOptions.key("stats.fill-window-days").intType().defaultValue(30)
          .withDescription("Trailing window of the median time to fill, in days, today included.");

  public static final ConfigOption<Duration> VACANCY_EXPIRY =
      ConfigOptions.key("stats.vacancy-expiry").durationType().defaultValue(Duration.ofDays(90))
          .withDescription("A vacancy without events this long leaves the open count (and its state).");

  public static final ConfigOption<Duration> CANDIDATE_EXPIRY =
      ConfigOptions.key("stats.candidate-expiry").durationType().defaultValue(Duration.ofDays(60))
          .withDescription("A candidate without events this long leaves the available count.");

  public static final ConfigOption<Duration> MATCH_DEDUPE_HORIZON =
      ConfigOptions.key("stats.match-dedupe-horizon").durationType().defaultValue(Duration.ofDays(2))
          .withDescription("A matchId is remembered (and its repeats dropped) until this long after its "
              + "Shanghai day's final record; a repeat with the same event time arriving later is 'late' anyway.");

  public static final ConfigOption<String> TOPIC_MATCH_OUTCOMES =
      ConfigOptions.key("topic.match-outcomes").stringType().defaultValue(Topics.MATCH_OUTCOMES)
          .withDescription("Input topic of match outcomes (MatchOutcome), keyed by matchId.");

  public static final ConfigOption<Duration> FUNNEL_WINDOW =
      ConfigOptions.key("stats.funnel-window").durationType().defaultValue(Duration.ofDays(30))
          .withDescription("The funnel follows a match this long: an outcome more than this after its match "
              + "(or for a match it does not know) is dead-lettered; a day's matches are forgotten this long "
              + "after the day ends.");

  public static final ConfigOption<Integer> FUNNEL_COHORT_DAYS =
      ConfigOptions.key("stats.funnel-cohort-days").intType().defaultValue(14)
          .withDescription("Match days listed in funnel.cohorts (how each day's matches fared so far), today included.");

  public static final ConfigOption<Duration> UNFILLED_THRESHOLD =
      ConfigOptions.key("alerts.unfilled.threshold").durationType().defaultValue(Duration.ofDays(30))
          .withDescription("A technical post open this long fires UNFILLED_TECHNICAL_POST.");

  public static final ConfigOption<Map<String, String>> UNFILLED_THRESHOLD_BY_OCCUPATION =
      ConfigOptions.key("alerts.unfilled.threshold-by-occupation").mapType().defaultValue(Map.of())
          .withDescription("Per-occupation thresholds, e.g. '6-18-01-07:45 d,6-25-04-07:20 d'.");

  public static final ConfigOption<Double> SHORTAGE_HIGH =
      ConfigOptions.key("alerts.shortage.high").doubleType().defaultValue(3.0)
          .withDescription("A city x occupation ratio above this, day after day, is a shortage.");

  public static final ConfigOption<Double> SHORTAGE_LOW =
      ConfigOptions.key("alerts.shortage.low").doubleType().defaultValue(2.5)
          .withDescription("A firing shortage resolves only when the ratio closes a day below this.");

  public static final ConfigOption<Integer> SHORTAGE_DAYS =
      ConfigOptions.key("alerts.shortage.sustain-days").intType().defaultValue(3)
          .withDescription("Consecutive day closes above the high threshold before SHORTAGE fires.");

  public static final ConfigOption<Integer> SHORTAGE_MIN_OPEN =
      ConfigOptions.key("alerts.shortage.min-open-vacancies").intType().defaultValue(5)
          .withDescription("Fewer open vacancies than this is never a shortage (small numbers are noise).");

  /** Shared: {@code kafka.bounded}; at the end every open day gets its final record. */
  public static final ConfigOption<Boolean> BOUNDED = JobOptions.BOUNDED;

  /** Shared: {@code kafka.transactional-id-prefix}; this job appends {@code -city-stats-<sink>}. */
  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = JobOptions.TRANSACTIONAL_ID_PREFIX;

  /** The keys this job reads beyond {@link JobOptions#all()}, for the entry point's parser. */
  public static List<ConfigOption<?>> all() {
    return List.of(TOPIC_CITY_STATS, TOPIC_SHORTAGE_RANKING, TOPIC_ALERTS, TOPIC_CITY_DAYS, TOPIC_ALERT_LOG, UPDATE_INTERVAL, ALLOWED_LATENESS, TREND_DAYS, FILL_WINDOW_DAYS, VACANCY_EXPIRY,
        CANDIDATE_EXPIRY, MATCH_DEDUPE_HORIZON, UNFILLED_THRESHOLD, UNFILLED_THRESHOLD_BY_OCCUPATION, SHORTAGE_HIGH, SHORTAGE_LOW,
        SHORTAGE_DAYS, SHORTAGE_MIN_OPEN, TOPIC_MATCH_OUTCOMES, FUNNEL_WINDOW, FUNNEL_COHORT_DAYS);
  }
}
