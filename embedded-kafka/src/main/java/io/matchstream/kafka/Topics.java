package io.matchstream.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The topics of docs/design.md and how many partitions each gets. The reasons are in this module's
 * README ("Partition counts").
 */
public final class Topics {

  public static final String VACANCIES = "vacancies";
  public static final String CANDIDATES = "candidates";
  public static final String MATCHES = "matches";
  public static final String CITY_STATS = "city-stats";
  /** The shortage ranking per city and {@code national}: an upsert like {@code city-stats}. */
  public static final String SHORTAGE_RANKING = "shortage-ranking";
  public static final String ALERTS = "alerts";
  public static final String DEAD_LETTERS = "dead-letters";
  /** What became of each match (contacted … hired), keyed by matchId like {@code matches}. */
  public static final String MATCH_OUTCOMES = "match-outcomes";
  /**
   * The match score's live settings, versioned ({@code ScoreSettings}), key {@code match}:
   * compacted, one partition, so the newest version is what a fresh start reads.
   */
  public static final String MATCH_SETTINGS = "match-settings";
  /** The notifier's delivery log: compacted, keyed by receiver and alert change. */
  public static final String NOTIFICATIONS = "notifications";
  /** Each city's (and the nation's) final figures per day, keyed {@code cityId/day}: past days. */
  public static final String CITY_DAYS = "city-days";
  /** Every alert change (FIRING, RESOLVED), keyed by its {@code eventId}: alerts of past days. */
  public static final String ALERT_LOG = "alert-log";

  /**
   * How long {@link #CITY_DAYS} and {@link #ALERT_LOG} keep a record: a year and a month, so a
   * year-on-year comparison of any day of the last year is possible. Counted from when the record
   * was appended (the topic has the broker stamp its records: event time may lie months back), so
   * a recount re-stamps them.
   */
  public static final Duration HISTORY_RETENTION = Duration.ofDays(400);

  /**
   * The history topics' configs: compacted (a recount or restart writes a day or an alert change
   * again under the same key; one copy stays) and deleted after {@link #HISTORY_RETENTION}, so
   * they stay bounded; deploy/kafka/create-topics.sh sets the same.
   */
  public static final Map<String, String> HISTORY_CONFIGS = Map.of(
      "cleanup.policy", "compact,delete",
      "retention.ms", Long.toString(HISTORY_RETENTION.toMillis()),
      "message.timestamp.type", "LogAppendTime");

  /**
   * Inputs and matches get 4 partitions: twice the jobs' parallelism of 2, so every source
   * subtask has work and the jobs can scale to 4 without repartitioning (which would move keys).
   * city-stats and alerts are small keyed upsert tables (40 keys; open alerts), compacted so a
   * reader can rebuild the latest state from the topic, and one partition so a snapshot is one
   * sequential read. dead-letters is low-volume and unkeyed, and kept only {@link
   * #DEAD_LETTER_RETENTION} and at most {@link #DEAD_LETTER_RETENTION_BYTES}.
   */
  /**
   * How long a dead letter is kept: long enough to diagnose and replay a rejection found after the
   * longest public holiday (Spring Festival, Golden Week: 8-9 days) plus a working week; no longer,
   * because a dead letter is about a person's record even with the fields outside the contract gone.
   * Records are stamped on append, so this counts from when the job rejected the record.
   */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

  /** A flood of bad records from one producer cannot grow the topic past this (per partition). */
  public static final long DEAD_LETTER_RETENTION_BYTES = 1L << 30;

  /** The topic configs of {@code dead-letters}; deploy/kafka/create-topics.sh sets the same. */
  public static final Map<String, String> DEAD_LETTER_CONFIGS = Map.of(
      "retention.ms", Long.toString(DEAD_LETTER_RETENTION.toMillis()),
      "retention.bytes", Long.toString(DEAD_LETTER_RETENTION_BYTES));

  public static final List<TopicSpec> ALL = List.of(
      TopicSpec.of(VACANCIES, 4),
      TopicSpec.of(CANDIDATES, 4),
      TopicSpec.of(MATCHES, 4),
      TopicSpec.of(MATCH_OUTCOMES, 4),
      TopicSpec.compacted(CITY_STATS, 1),
      TopicSpec.compacted(SHORTAGE_RANKING, 1),
      TopicSpec.compacted(ALERTS, 1),
      TopicSpec.compacted(MATCH_SETTINGS, 1),
      new TopicSpec(DEAD_LETTERS, 1, DEAD_LETTER_CONFIGS),
      TopicSpec.compacted(NOTIFICATIONS, 1),
      new TopicSpec(CITY_DAYS, 1, HISTORY_CONFIGS),
      new TopicSpec(ALERT_LOG, 1, HISTORY_CONFIGS));

  private Topics() {
  }
}
