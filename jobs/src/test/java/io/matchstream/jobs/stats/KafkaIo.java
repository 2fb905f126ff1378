package io.matchstream.jobs.stats;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records in order for the tests; reading is the test kit's {@code TopicDrain}. */
final class KafkaIo {
  /** One record to write. */
  record Rec(String topic, String key, byte[] value) {}

  private KafkaIo() {}

  static void produce(String bootstrap, List<Rec> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (Rec r : records) {
        producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
      }
      producer.flush();
    }
  }
}
