package io.matchstream.gateway.feed;

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
 * Reads every partition of some topics into the gateway's memory: the live feed and the history.
 * Deployed as a worker verticle: its blocking Kafka calls run on Vert.x's worker pool, one at a time
 * in order, each poll scheduling the next on the verticle's context, so no thread of our own and no
 * event loop is blocked. Plain kafka-clients with manual assignment and no consumer group: each
 * gateway holds all of it. It waits for the topics to exist, lets the subclass seek, and calls
 * {@link #loaded()} once it has reached the end offsets the seek returned.
 */
public abstract class TopicReaderVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TopicReaderVerticle.class);

  private final String name;
  private final String bootstrapServers;
  private final String isolationLevel;
  private final String clientId;
  private final List<String> topics;
  private final Duration poll;
  private final Duration waitForTopics;
  private boolean running = true;
  /** The consumer; only ever used on this verticle's context. */
  protected KafkaConsumer<byte[], byte[]> consumer;
  private List<TopicPartition> partitions;
  private Map<TopicPartition, Long> ends;
  private boolean loaded;

  /**
   * @param name what the log calls this reader
   * @param waitForTopics how long to wait before looking again for a topic that does not exist yet
   */
  protected TopicReaderVerticle(String name, String bootstrapServers, String isolationLevel, String clientId,
      List<String> topics, Duration poll, Duration waitForTopics) {
    this.name = name;
    this.bootstrapServers = bootstrapServers;
    this.isolationLevel = isolationLevel;
    this.clientId = clientId;
    this.topics = List.copyOf(topics);
    this.poll = poll;
    this.waitForTopics = waitForTopics;
  }

  @Override
  public Future<?> start() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    started();
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

  /** The topics this reader reads. */
  protected final List<String> topics() {
    return topics;
  }

  /** Called once the consumer exists, before the first step. */
  protected void started() {}

  /** The broker answered a request for the topics' partitions (whether or not they all exist yet). */
  protected void answered() {}

  /**
   * Assigns nothing (that is done) but seeks each partition where reading starts, and returns the
   * end offsets reading must reach before it counts as loaded.
   */
  protected abstract Map<TopicPartition, Long> seek(List<TopicPartition> partitions);

  /** Takes one record; returns why it was skipped, or null. */
  protected abstract String apply(ConsumerRecord<byte[], byte[]> record);

  /** Reading has reached the end offsets of {@link #seek}: called once. */
  protected abstract void loaded();

  /** After each poll, with every partition assigned. */
  protected void polled(List<TopicPartition> partitions) {}

  /** One unit of work, then the next one is queued behind whatever else the context has. */
  private void step() {
    if (!running) return;
    try {
      if (partitions == null) {
        List<TopicPartition> found = findPartitions();
        if (found == null) {
          vertx.setTimer(waitForTopics.toMillis(), id -> step());
          return;
        }
        consumer.assign(found);
        ends = seek(found);
        partitions = found;
      }
      pollOnce();
      context.runOnContext(v -> step());
    } catch (RuntimeException e) {
      LOG.warn("{}: {}; retrying", name, e.getMessage());
      vertx.setTimer(1_000, id -> step());
    }
  }

  private void pollOnce() {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(poll)) {
      String reason = apply(r);
      if (reason != null) {
        LOG.warn("skipped record {}/{}/{}: {}", r.topic(), r.partition(), r.offset(), reason);
      }
    }
    if (!loaded && reached()) {
      loaded = true;
      loaded();
    }
    polled(partitions);
  }

  /** The partitions of the topics, or null while one of them does not exist yet. */
  private List<TopicPartition> findPartitions() {
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        answered();
        LOG.info("{}: waiting for kafka topic {}", name, topic);
        return null;
      }
      infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
    }
    answered();
    return out;
  }

  private boolean reached() {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) return false;
    }
    return true;
  }
}
