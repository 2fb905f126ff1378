package io.matchstream.jobs.stats.io;

import io.matchstream.events.Alert;
import io.matchstream.events.CityStats;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.stats.StatsOptions;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka sinks of the city-stats job. city-stats are keyed by cityId (an upsert: compacted topics
 * keep the newest), alerts by alertId; dead letters carry no key.
 */
public final class StatsKafkaSinks {
  private final String bootstrap;
  private final DeliveryGuarantee guarantee;
  private final String transactionalIdPrefix;

  public StatsKafkaSinks(Configuration conf) {
    this.bootstrap = conf.get(StatsOptions.BOOTSTRAP_SERVERS);
    this.guarantee = guarantee(conf.get(StatsOptions.DELIVERY_GUARANTEE));
    this.transactionalIdPrefix = conf.get(StatsOptions.TRANSACTIONAL_ID_PREFIX);
  }

  public KafkaSink<CityStats> cityStats(String topic) {
    return sink(topic, "city-stats", (s, ctx, ts) -> new ProducerRecord<>(topic, key(s.cityId()), EventCodec.encode(s)));
  }

  public KafkaSink<Alert> alerts(String topic) {
    return sink(topic, "alerts", (a, ctx, ts) -> new ProducerRecord<>(topic, key(a.alertId()), EventCodec.encode(a)));
  }

  public KafkaSink<DeadLetter> deadLetters(String topic) {
    return sink(topic, "dead-letters", (d, ctx, ts) -> new ProducerRecord<>(topic, null, EventCodec.encode(d)));
  }

  private <T> KafkaSink<T> sink(String topic, String name, KafkaRecordSerializationSchema<T> schema) {
    Properties p = new Properties();
    // Below the broker's transaction.max.timeout.ms (15 min by default), above any checkpoint interval.
    p.setProperty("transaction.timeout.ms", "600000");
    var b = KafkaSink.<T>builder()
        .setBootstrapServers(bootstrap)
        .setRecordSerializer(schema)
        .setDeliveryGuarantee(guarantee)
        .setKafkaProducerConfig(p);
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      b.setTransactionalIdPrefix(transactionalIdPrefix + "-city-stats-" + name);
    }
    return b.build();
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static DeliveryGuarantee guarantee(String text) {
    return switch (text) {
      case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
      case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
      case "none" -> DeliveryGuarantee.NONE;
      default -> throw new IllegalArgumentException(
          "stats.delivery-guarantee must be exactly-once, at-least-once or none, not '" + text + "'");
    };
  }
}
