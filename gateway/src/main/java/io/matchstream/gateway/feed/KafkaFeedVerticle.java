package io.matchstream.gateway.feed;

import io.matchstream.gateway.GatewayConfig;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code matches}, {@code city-stats} and {@code alerts} into the hub. Deployed as a worker
 * verticle: its blocking Kafka calls run on Vert.x's worker pool, one at a time in order, each poll
 * scheduling the next on the verticle's context, so no thread of our own and no event loop is
 * blocked. Plain kafka-clients rather than vertx-kafka-client: the feed needs manual assignment of
 * every partition (each gateway holds all state, so no consumer group), seeking to a look-back per
 * partition, and end offsets for readiness and lag; all of that is direct in the plain client.
 *
 * <p>On start it rebuilds the state: the compacted {@code city-stats}, {@code shortage-ranking} and {@code alerts} from the
 * beginning, {@code matches} from the last {@code feed.matches-lookback} records per partition;
 * it is loaded once it has reached the end offsets seen at start.
 */
public final class KafkaFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeedVerticle.class);
  private static final List<String> TOPICS = List.of(Hub.CITY_STATS, Hub.ALERTS, Hub.MATCHES, Hub.SHORTAGE_RANKING);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(100);

  private final GatewayConfig cfg;
  private final Hub hub;
  private final GatewayMetrics metrics;
  private final FeedStatus status;
  private boolean running = true;
  private KafkaConsumer<byte[], byte[]> consumer;
  private List<TopicPartition> partitions;
  private Map<TopicPartition, Long> ends;
  private boolean loaded;
  private long nextProbe;

  public KafkaFeedVerticle(GatewayConfig cfg, Hub hub, GatewayMetrics metrics, FeedStatus status) {
    this.cfg = cfg;
    this.hub = hub;
    this.metrics = metrics;
    this.status = status;
  }

  @Override
  public Future<?> start() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, cfg.isolationLevel());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-gateway-" + hub.instance());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    status.configured(true);
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

  /** One unit of work, then the next one is queued behind whatever else the context has. */
  private void step() {
    if (!running) return;
    try {
      if (partitions == null) {
        List<TopicPartition> found = findPartitions();
        if (found == null) {
          vertx.setTimer(1_000, id -> step());
          return;
        }
        consumer.assign(found);
        ends = position(found, cfg.matchesLookback());
        attachLogs(found);
        partitions = found;
      }
      poll();
      context.runOnContext(v -> step());
    } catch (RuntimeException e) {
      LOG.warn("kafka feed: {}; retrying", e.getMessage());
      vertx.setTimer(1_000, id -> step());
    }
  }

  private void poll() {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
      String reason = hub.ingest(r.topic(), r.partition(), r.offset(), r.value());
      if (reason != null) {
        LOG.warn("skipped record {}/{}/{}: {}", r.topic(), r.partition(), r.offset(), reason);
      }
    }
    if (!loaded && reached(ends)) {
      loaded = true;
      status.loaded();
      LOG.info("state rebuilt from {} partitions", partitions.size());
    }
    if (System.currentTimeMillis() >= nextProbe) {
      probe(partitions);
      nextProbe = System.currentTimeMillis() + PROBE_EVERY.toMillis();
    }
  }

  /** The partitions of the topics, or null while one of them does not exist yet. */
  private List<TopicPartition> findPartitions() {
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : TOPICS) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        status.read();
        LOG.info("waiting for kafka topic {}", topic);
        return null;
      }
      infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
    }
    status.read();
    return out;
  }

  /** Seeks for the rebuild; returns the end offsets it must reach to be loaded. */
  private Map<TopicPartition, Long> position(List<TopicPartition> partitions, int lookback) {
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
    for (TopicPartition tp : partitions) {
      long from = tp.topic().equals(Hub.MATCHES)
          ? Math.max(begins.get(tp), ends.get(tp) - lookback)
          : begins.get(tp);
      consumer.seek(tp, from);
    }
    return ends;
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

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) return false;
    }
    return true;
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
