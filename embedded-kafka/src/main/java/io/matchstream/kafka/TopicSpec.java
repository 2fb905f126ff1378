package io.matchstream.kafka;

import java.util.Map;
import java.util.Objects;

/**
 * A topic to create: its name, partition count and topic-level configs (e.g.
 * {@code cleanup.policy=compact}). Replication is always 1: the embedded broker is a single node.
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name is blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
    }
    configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
  }

  /** A topic with the broker's default configs (delete cleanup policy). */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, Map.of());
  }

  /** A log-compacted topic: the newest record per key is kept, older ones are eventually removed. */
  public static TopicSpec compacted(String name, int partitions) {
    return new TopicSpec(name, partitions, Map.of("cleanup.policy", "compact"));
  }
}
