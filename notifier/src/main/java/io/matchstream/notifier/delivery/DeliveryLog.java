package io.matchstream.notifier.delivery;

import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every receiver was sent, kept in a compacted Kafka topic so a restarted notifier resends
 * nothing: read to its end at start, appended after each delivery.
 */
public final class DeliveryLog {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Runnable onFailure;

  public DeliveryLog(KafkaProducer<String, byte[]> producer, String topic, Runnable onFailure) {
    this.producer = producer;
    this.topic = topic;
    this.onFailure = onFailure;
  }

  /** Records a delivery; a failed write is logged and counted (the worst case is one resend after a restart). */
  public void append(Delivery d) {
    producer.send(new ProducerRecord<>(topic, d.key(), EventCodec.encode(d)), (meta, e) -> {
      if (e != null) {
        LOG.warn("Could not record delivery {} to {}: {}", d.eventId(), d.receiver(), e.toString());
        onFailure.run();
      }
    });
  }

  /**
   * The latest delivery per receiver and alert, read from the beginning to the end the topic had
   * when this was called.
   *
   * @return receiver → alertId → latest delivery
   */
  public static Map<String, Map<String, Delivery>> load(String bootstrapServers, String topic, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-notifier-log");
    Map<String, Map<String, Delivery>> out = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic, timeout);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      int records = 0;
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " to its end took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            continue;
          }
          try {
            Delivery d = EventCodec.decode(r.value(), Delivery.class);
            records++;
            out.computeIfAbsent(d.receiver(), k -> new HashMap<>()).merge(d.alertId(), d, DeliveryLog::later);
          } catch (InvalidEventException e) {
            LOG.warn("Skipping unreadable delivery record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.reason());
          }
        }
      }
      LOG.info("Delivery log: {} records, {} receivers", records, out.size());
    }
    return out;
  }

  /** The newer of two deliveries of one alert; at the same instant a resolution wins. */
  static Delivery later(Delivery a, Delivery b) {
    if (a.time() != b.time()) {
      return a.time() > b.time() ? a : b;
    }
    return b.firingDelivered() ? a : b;
  }

  /** The topic's partitions; a missing topic fails the start with its name. */
  public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, timeout);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot read topic " + topic + ": " + e.getMessage(), e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    List<TopicPartition> out = new ArrayList<>();
    infos.forEach(i -> out.add(new TopicPartition(topic, i.partition())));
    return out;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
