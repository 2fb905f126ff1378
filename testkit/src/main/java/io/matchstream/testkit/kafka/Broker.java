package io.matchstream.testkit.kafka;

import io.matchstream.kafka.EmbeddedKafka;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded KRaft broker for a test class, started before its first test and closed after its
 * last, with a producer of raw values opened on first use:
 *
 * <pre>{@code
 * @RegisterExtension static final Broker kafka = Broker.withContractTopics();
 * ...
 * kafka.producer().send(new ProducerRecord<>(Topics.MATCHES, key, bytes)).get();
 * }</pre>
 */
public final class Broker implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<EmbeddedKafka> starter;
  private EmbeddedKafka kafka;
  private KafkaProducer<String, byte[]> producer;

  private Broker(Supplier<EmbeddedKafka> starter) {
    this.starter = starter;
  }

  /** A broker with every topic of the contract created, as the all-in-one has them. */
  public static Broker withContractTopics() {
    return new Broker(() -> EmbeddedKafka.builder().start());
  }

  /** A broker without topics: the tests create their own, fresh ones per run. */
  public static Broker withoutTopics() {
    return new Broker(() -> EmbeddedKafka.builder().topics(List.of()).start());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    kafka = starter.get();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (producer != null) {
      producer.close();
      producer = null;
    }
    kafka.close();
  }

  /** The running broker. */
  public EmbeddedKafka kafka() {
    if (kafka == null) {
      throw new IllegalStateException("the broker starts before the class's first test; register it static");
    }
    return kafka;
  }

  public String bootstrapServers() {
    return kafka().bootstrapServers();
  }

  /** A producer of string keys and raw values shared by the class's tests, closed with the broker. */
  public synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer = kafka().newProducer();
    }
    return producer;
  }
}
