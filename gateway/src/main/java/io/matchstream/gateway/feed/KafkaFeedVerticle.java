package io.matchstream.gateway.feed;

import io.matchstream.gateway.GatewayConfig;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code matches}, {@code city-stats} and {@code alerts} into the hub with a plain Kafka
 * consumer on its own thread. Plain kafka-clients rather than vertx-kafka-client: the feed needs
 * manual assignment of every partition (each gateway holds all state, so no consumer group),
 * seeking to a look-back per partition, and end offsets for readiness and lag; all of that is
 * direct in the plain client, and a dedicated thread keeps the blocking poll off the event loops.
 *
 * <p>On start it rebuilds the state: the compacted {@code city-stats} and {@code alerts} from the
 * beginning, {@code matches} from the last {@code feed.matches-lookback} records per partition;
 * it is loaded once it has reached the end offsets seen at start.
 */
public final class KafkaFeedVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeedVerticle.class);
  private static final List<String> TOPICS = List.of(Hub.CITY_STATS, Hub.ALERTS, Hub.MATCHES);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(2);

  private final Hub hub;
  private final GatewayMetrics metrics;
  private final FeedStatus status;
  private volatile boolean running = true;
  private Thread thread;
  private KafkaConsumer<byte[], byte[]> consumer;

  public KafkaFeedVerticle(Hub hub, GatewayMetrics metrics, FeedStatus status) {
    this.hub = hub;
    this.metrics = metrics;
    this.status = status;
  }

  @Override
  public Future<?> start() {
    GatewayConfig cfg = GatewayConfig.from(config());
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, cfg.isolationLevel());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-gateway-" + hub.epoch());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    status.configured(true);
    int lookback = cfg.matchesLookback();
    thread = new Thread(() -> run(lookback), "gateway-kafka-feed");
    thread.setDaemon(true);
    thread.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    running = false;
    consumer.wakeup();
    Promise<Void> done = Promise.promise();
    vertx.executeBlocking(() -> {
      thread.join(10_000);
      return null;
    }).onComplete(r -> done.complete());
    return done.future();
  }

  private void run(int lookback) {
    try {
      List<TopicPartition> partitions = awaitPartitions();
      if (partitions == null) return;
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = position(partitions, lookback);
      long nextProbe = 0;
      boolean loaded = false;
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String reason = hub.ingest(r.topic(), r.value());
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
    } catch (WakeupException e) {
      if (running) LOG.error("kafka feed woken unexpectedly", e);
    } catch (RuntimeException e) {
      LOG.error("kafka feed stopped", e);
      status.reachable(false);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** The partitions of the three topics, waiting for the topics to exist; null if stopped. */
  private List<TopicPartition> awaitPartitions() throws WakeupException {
    while (running) {
      List<TopicPartition> out = new ArrayList<>();
      try {
        for (String topic : TOPICS) {
          List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
          if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist yet");
          }
          infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        }
        status.reachable(true);
        return out;
      } catch (WakeupException e) {
        throw e;
      } catch (RuntimeException e) {
        status.reachable(false);
        LOG.warn("waiting for kafka topics: {}", e.getMessage());
        pause(Duration.ofSeconds(1));
      }
    }
    return null;
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

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) return false;
    }
    return true;
  }

  /** Kafka answers, and how far behind we are. */
  private void probe(List<TopicPartition> partitions) {
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(2));
      long lag = 0;
      for (TopicPartition tp : partitions) {
        lag += Math.max(0, ends.get(tp) - consumer.position(tp, Duration.ofSeconds(2)));
      }
      metrics.consumerLag(lag);
      status.reachable(true);
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      status.reachable(false);
      LOG.warn("kafka not reachable: {}", e.getMessage());
    }
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
