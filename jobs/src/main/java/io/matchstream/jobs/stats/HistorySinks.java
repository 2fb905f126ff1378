package io.matchstream.jobs.stats;

import io.matchstream.events.Topics;
import io.matchstream.events.Alert;
import io.matchstream.events.CityStats;
import io.matchstream.jobs.common.Sinks;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The durable record of past days, beside the upserts: {@code city-stats} keeps only the newest
 * figures per city and {@code alerts} only the newest change per alert, so compaction erases
 * yesterday. Each final record also goes to {@code city-days} keyed {@code cityId/day}, and every
 * alert change to {@code alert-log} keyed by its {@code eventId}; both topics are compacted (a
 * recount writes the same keys again) and deleted after a retention (docs/stats-and-alerts.md,
 * "Past days").
 */
public final class HistorySinks {
  private HistorySinks() {}

  public static final ConfigOption<String> TOPIC_CITY_DAYS =
      ConfigOptions.key("topic.city-days").stringType().defaultValue(Topics.CITY_DAYS)
          .withDescription("Output topic of each city's and the nation's final figures, keyed cityId/day.");

  public static final ConfigOption<String> TOPIC_ALERT_LOG =
      ConfigOptions.key("topic.alert-log").stringType().defaultValue(Topics.ALERT_LOG)
          .withDescription("Output topic of every alert change, keyed by its eventId.");

  /** The key of a day's final figures on {@code city-days}. */
  public static String dayKey(CityStats s) {
    return s.cityId() + "/" + s.day();
  }

  /** Adds the two history sinks to the job's outputs. */
  public static void wire(CityStatsJob.Outputs out, Configuration conf) {
    out.cityStats()
        .filter(CityStats::isFinal).uid("stats-finals").name("final figures")
        .sinkTo(Sinks.json(conf, conf.get(TOPIC_CITY_DAYS), CityStats.class, HistorySinks::dayKey,
            CityStatsJob.NAME + "-city-days"))
        .uid("stats-sink-city-days").name("kafka: city-days");
    out.alerts()
        .sinkTo(Sinks.json(conf, conf.get(TOPIC_ALERT_LOG), Alert.class, Alert::eventId,
            CityStatsJob.NAME + "-alert-log"))
        .uid("stats-sink-alert-log").name("kafka: alert-log");
  }
}
