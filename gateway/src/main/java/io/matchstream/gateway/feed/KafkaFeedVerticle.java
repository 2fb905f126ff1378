package io.matchstream.gateway.feed;

import io.matchstream.events.Topics;
import io.matchstream.gateway.GatewayConfig;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.state.Hub;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code matches}, {@code city-stats}, {@code shortage-ranking} and {@code alerts} into the
 * hub, as a {@link TopicReaderVerticle} (a worker verticle). Plain kafka-clients rather than
 * vertx-kafka-client: the feed needs manual assignment of every partition (each gateway holds all
 * state, so no consumer group), seeking to a look-back per partition, and end offsets for readiness
 * and lag; all of that is direct in the plain client.
 *
 * <p>On start it rebuilds the state: the compacted {@code city-stats}, {@code shortage-ranking} and {@code alerts} from the
 * beginning, {@code matches} from the last {@code feed.matches-lookback} records per partition;
 * it is loaded once it has reached the end offsets seen at start.
 */
public final class KafkaFeedVerticle extends TopicReaderVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeedVerticle.class);
  private static final List<String> TOPICS = List.of(Topics.CITY_STATS, Topics.ALERTS, Topics.MATCHES, Topics.SHORTAGE_RANKING);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(2);

  private final GatewayConfig cfg;
  private final Hub hub;
  private final GatewayMetrics metrics;
  private final FeedStatus status;
  private long nextProbe;

  public KafkaFeedVerticle(GatewayConfig cfg, Hub hub, GatewayMetrics metrics, FeedStatus status) {
    super("kafka feed", cfg.bootstrapServers(), cfg.isolationLevel(), "matchstream-gateway-" + hub.instance(),
        TOPICS, Duration.ofMillis(100), Duration.ofSeconds(1));
    this.cfg = cfg;
    this.hub = hub;
    this.metrics = metrics;
    this.status = status;
  }

  @Override
  protected void started() {
    status.configured(true);
  }

  @Override
  protected void answered() {
    status.read();
  }

  /** Seeks for the rebuild and tells the hub the logs' epochs; returns the end offsets to reach. */
  @Override
  protected Map<TopicPartition, Long> seek(List<TopicPartition> partitions) {
    int lookback = cfg.matchesLookback();
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
    for (TopicPartition tp : partitions) {
      long from = tp.topic().equals(Topics.MATCHES)
          ? Math.max(begins.get(tp), ends.get(tp) - lookback)
          : begins.get(tp);
      consumer.seek(tp, from);
    }
    attachLogs(partitions);
    return ends;
  }

  @Override
  protected String apply(ConsumerRecord<byte[], byte[]> r) {
    return hub.ingest(r.topic(), r.partition(), r.offset(), r.value());
  }

  @Override
  protected void loaded() {
    status.loaded();
    LOG.info("state rebuilt from {}", TOPICS);
  }

  @Override
  protected void polled(List<TopicPartition> partitions) {
    if (System.currentTimeMillis() >= nextProbe) {
      probe(partitions);
      nextProbe = System.currentTimeMillis() + PROBE_EVERY.toMillis();
    }
  }

  /**
   * Tells the hub where each topic is read from and under which epoch, before the first record:
   * the epoch names the cluster, the topic's id (a topic deleted and created again is a new log)
   * and its partition count, so every gateway reading the same log derives the same one.
   */
  private void attachLogs(List<TopicPartition> partitions) {
    String clusterId;
    Map<String, TopicDescription> topics;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "matchstream-gateway-" + hub.instance());
    try (Admin admin = Admin.create(p)) {
      clusterId = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
      topics = admin.describeTopics(TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing the topics");
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe the cluster and topics: " + e.getMessage(), e);
    }
    for (String topic : TOPICS) {
      int count = topics.get(topic).partitions().size();
      long[] start = new long[count];
      for (TopicPartition tp : partitions) {
        if (tp.topic().equals(topic) && tp.partition() < count) {
          start[tp.partition()] = consumer.position(tp, Duration.ofSeconds(10));
        }
      }
      String epoch = LogEpoch.of(clusterId, topic, topics.get(topic).topicId().toString(), count);
      hub.attach(topic, epoch, start);
      LOG.info("positions on {} are epoch {} ({} partitions)", topic, epoch, count);
    }
  }

  /**
   * Every partition's leader answers (what {@link FeedStatus} calls readable), and how far behind
   * we are. A failure only logs: {@code /ready} turns 503 once reads have failed for
   * {@link FeedStatus#UNREADABLE_AFTER}, and 200 again at the next success, with no restart.
   */
  private void probe(List<TopicPartition> partitions) {
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(2));
      long lag = 0;
      for (TopicPartition tp : partitions) {
        lag += Math.max(0, ends.get(tp) - consumer.position(tp, Duration.ofSeconds(2)));
      }
      metrics.consumerLag(lag);
      status.read();
    } catch (RuntimeException e) {
      LOG.warn("kafka cannot be read: {}", e.getMessage());
    }
  }
}
