package io.matchstream.gateway.outcomes;

import io.matchstream.events.MatchOutcome;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes outcomes to {@code match-outcomes}, keyed by matchId, and says when Kafka has acknowledged them:
 * {@code acks=all} (every in-sync replica has the record) and an idempotent producer (a retry of the
 * producer's own never writes a record twice, and a match's outcomes keep their order). The wait
 * for the acknowledgement happens on a small worker pool, never on an event loop.
 */
public final class OutcomeWriter implements AutoCloseable {
  /** How long Kafka may take to acknowledge a record before the request fails (503, retry). */
  static final int DELIVERY_TIMEOUT_MS = 30_000;

  private final KafkaProducer<String, byte[]> producer;
  private final WorkerExecutor workers;
  private final String topic;

  public OutcomeWriter(Vertx vertx, String bootstrapServers, int workerThreads) {
    this(vertx, bootstrapServers, workerThreads, Topics.MATCH_OUTCOMES);
  }

  OutcomeWriter(Vertx vertx, String bootstrapServers, int workerThreads, String topic) {
    this.producer = new KafkaProducer<>(config(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    this.workers = vertx.createSharedWorkerExecutor("matchstream-outcome-writer", workerThreads);
    this.topic = topic;
  }

  static Map<String, Object> config(String bootstrapServers) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "matchstream-gateway-outcomes",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS,
        // A broker that is down must not hold a worker for a minute on metadata.
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
  }

  /**
   * Sends the outcomes in order; the future succeeds once Kafka has acknowledged every one of them,
   * and fails if any was not (some may have been written: a retry writes them again under the same
   * outcomeId, which readers drop).
   */
  public Future<Void> write(List<MatchOutcome> outcomes) {
    return workers.executeBlocking(() -> {
      List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>(outcomes.size());
      for (MatchOutcome o : outcomes) {
        acks.add(producer.send(new ProducerRecord<>(topic, o.matchId(), EventCodec.encode(o))));
      }
      for (java.util.concurrent.Future<RecordMetadata> ack : acks) {
        ack.get(DELIVERY_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS);
      }
      return null;
    }, false);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
    workers.close();
  }
}
