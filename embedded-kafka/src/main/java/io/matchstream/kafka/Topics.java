package io.matchstream.kafka;

import java.util.List;

/**
 * The topics of docs/design.md and how many partitions each gets. The reasons are in this module's
 * README ("Partition counts").
 */
public final class Topics {

  public static final String VACANCIES = "vacancies";
  public static final String CANDIDATES = "candidates";
  public static final String MATCHES = "matches";
  public static final String CITY_STATS = "city-stats";
  public static final String ALERTS = "alerts";
  public static final String DEAD_LETTERS = "dead-letters";

  /**
   * Inputs and matches get 4 partitions: twice the jobs' parallelism of 2, so every source
   * subtask has work and the jobs can scale to 4 without repartitioning (which would move keys).
   * city-stats and alerts are small keyed upsert tables (40 keys; open alerts), compacted so a
   * reader can rebuild the latest state from the topic, and one partition so a snapshot is one
   * sequential read. dead-letters is low-volume and unkeyed.
   */
  public static final List<TopicSpec> ALL = List.of(
      TopicSpec.of(VACANCIES, 4),
      TopicSpec.of(CANDIDATES, 4),
      TopicSpec.of(MATCHES, 4),
      TopicSpec.compacted(CITY_STATS, 1),
      TopicSpec.compacted(ALERTS, 1),
      TopicSpec.of(DEAD_LETTERS, 1));

  private Topics() {
  }
}
