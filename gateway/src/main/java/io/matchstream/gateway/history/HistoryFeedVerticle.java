package io.matchstream.gateway.history;

import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.feed.TopicReaderVerticle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the history topics ({@code city-days}, {@code alert-log}) from the beginning into the
 * {@link HistoryStore}, then follows them. A worker verticle ({@link TopicReaderVerticle}) with its
 * own consumer, apart from the live feed, so a year of history never delays the live figures or
 * {@code /ready}: history answers 503 until this read has reached the end offsets seen at start. Every partition, no consumer group
 * (each gateway holds all of it), like the live feed.
 */
public final class HistoryFeedVerticle extends TopicReaderVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryFeedVerticle.class);

  private final HistoryStore store;
  private final GatewayMetrics metrics;

  public HistoryFeedVerticle(String bootstrapServers, String isolationLevel, HistoryStore store,
      GatewayMetrics metrics) {
    super("history feed", bootstrapServers, isolationLevel, "matchstream-gateway-history",
        List.of(Topics.CITY_DAYS, Topics.ALERT_LOG), Duration.ofMillis(200), Duration.ofSeconds(5));
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  protected Map<TopicPartition, Long> seek(List<TopicPartition> partitions) {
    consumer.seekToBeginning(partitions);
    return consumer.endOffsets(partitions, Duration.ofSeconds(10));
  }

  @Override
  protected String apply(ConsumerRecord<byte[], byte[]> r) {
    String reason = store(r.topic(), r.value());
    if (reason != null) {
      metrics.rejected(r.topic());
    }
    return reason;
  }

  @Override
  protected void loaded() {
    store.markLoaded();
    LOG.info("history read: {} alert changes kept", store.alertChangesKept());
  }

  /** Keeps one record in the store; returns why it was not kept, or null. */
  private String store(String topic, byte[] value) {
    if (value == null) return null; // a tombstone: nothing to keep
    try {
      return topic.equals(Topics.CITY_DAYS)
          ? store.putDay(EventCodec.decodeCityStats(value))
          : store.putAlert(EventCodec.decodeAlert(value));
    } catch (InvalidEventException e) {
      return e.reason();
    } catch (RuntimeException e) {
      return "invalid record: " + e.getClass().getSimpleName();
    }
  }
}
