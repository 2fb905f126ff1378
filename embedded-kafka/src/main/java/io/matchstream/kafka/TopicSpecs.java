package io.matchstream.kafka;

import static io.matchstream.events.Topics.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the topics of docs/design.md are created: partitions and topic configs of each. Their names
 * are the contract's ({@link io.matchstream.events.Topics}); the reasons for the counts are in this
 * module's README ("Partition counts").
 */
public final class TopicSpecs {

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

  private TopicSpecs() {
  }
}
