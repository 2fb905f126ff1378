package io.matchstream.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The epoch of positions on a Kafka topic: the same for every gateway reading the same log. */
final class LogEpoch {
  private LogEpoch() {}

  /**
   * {@code k-} and 16 hex digits of SHA-256 over the cluster id, topic name, topic id and
   * partition count: a new cluster, a topic deleted and created again, or more partitions (which
   * moves keys) is a new epoch, and positions from before it are answered with a fresh snapshot.
   */
  static String of(String clusterId, String topic, String topicId, int partitions) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (clusterId + "/" + topic + "/" + topicId + "/" + partitions).getBytes(StandardCharsets.UTF_8));
      return "k-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
