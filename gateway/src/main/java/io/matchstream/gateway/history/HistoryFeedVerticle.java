package io.matchstream.gateway.history;

import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.gateway.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the history topics ({@code city-days}, {@code alert-log}) from the beginning into the
 * {@link HistoryStore}, then follows them. A worker verticle with its own consumer, apart from the
 * live feed, so a year of history never delays the live figures or {@code /ready}: history answers
 * 503 until this read has reached the end offsets seen at start. Every partition, no consumer group
 * (each gateway holds all of it), like the live feed.
 */
public final class HistoryFeedVerticle extends VerticleBase {
  public static final String CITY_DAYS = "city-days";
  public static final String ALERT_LOG = "alert-log";
  private static final Logger LOG = LoggerFactory.getLogger(HistoryFeedVerticle.class);
  private static final List<String> TOPICS = List.of(CITY_DAYS, ALERT_LOG);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final String isolationLevel;
  private final HistoryStore store;
  private final GatewayMetrics metrics;
  private boolean running = true;
  private KafkaConsumer<byte[], byte[]> consumer;
  private List<TopicPartition> partitions;
  private Map<TopicPartition, Long> ends;

  public HistoryFeedVerticle(String bootstrapServers, String isolationLevel, HistoryStore store,
      GatewayMetrics metrics) {
    this.bootstrapServers = bootstrapServers;
    this.isolationLevel = isolationLevel;
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-gateway-history");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    context.runOnContext(v -> step());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // Runs on this verticle's context, so never during a step: the consumer is not in use.
    running = false;
    consumer.close(Duration.ofSeconds(2));
    return Future.succeededFuture();
  }

  private void step() {
    if (!running) return;
    try {
      if (partitions == null) {
        List<TopicPartition> found = findPartitions();
        if (found == null) {
          vertx.setTimer(5_000, id -> step());
          return;
        }
        consumer.assign(found);
        consumer.seekToBeginning(found);
        ends = consumer.endOffsets(found, Duration.ofSeconds(10));
        partitions = found;
      }
      poll();
      context.runOnContext(v -> step());
    } catch (RuntimeException e) {
      LOG.warn("history feed: {}; retrying", e.getMessage());
      vertx.setTimer(1_000, id -> step());
    }
  }

  private void poll() {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
      String reason = apply(r.topic(), r.value());
      if (reason != null) {
        metrics.rejected(r.topic());
        LOG.warn("skipped record {}/{}/{}: {}", r.topic(), r.partition(), r.offset(), reason);
      }
    }
    if (!store.loaded() && reached()) {
      store.markLoaded();
      LOG.info("history read: {} alert changes kept", store.alertChangesKept());
    }
  }

  private String apply(String topic, byte[] value) {
    if (value == null) return null; // a tombstone: nothing to keep
    try {
      return topic.equals(CITY_DAYS)
          ? store.putDay(EventCodec.decodeCityStats(value))
          : store.putAlert(EventCodec.decodeAlert(value));
    } catch (InvalidEventException e) {
      return e.reason();
    } catch (RuntimeException e) {
      return "invalid record: " + e.getClass().getSimpleName();
    }
  }

  /** The partitions of both topics, or null while one of them does not exist yet. */
  private List<TopicPartition> findPartitions() {
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : TOPICS) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        LOG.info("waiting for kafka topic {} (history)", topic);
        return null;
      }
      infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
    }
    return out;
  }

  private boolean reached() {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) return false;
    }
    return true;
  }
}
