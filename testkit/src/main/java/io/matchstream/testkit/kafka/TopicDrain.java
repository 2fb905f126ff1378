package io.matchstream.testkit.kafka;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads topics from the beginning to their end offsets as of the call, with a deadline: what a
 * test reads to check what a job or a service wrote. Reads {@code read_committed} unless told
 * otherwise; on a topic no transactional producer writes, both isolation levels read the same.
 *
 * <pre>{@code
 * List<Match> matches = TopicDrain.of(kafka.bootstrapServers())
 *     .onceTransactionsClosed()
 *     .values("matches", EventCodec::decodeMatch);
 * }</pre>
 *
 * <p>Immutable: each option returns a new drain.
 */
public final class TopicDrain {
  /** The deadline unless {@link #within} says otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

  /** One record read: where it sits, its timestamp (epoch millis), its key as UTF-8 text (or null), its value. */
  public record Rec(String topic, int partition, long offset, long timestamp, String key, byte[] value) {
    /** The value as UTF-8 text. */
    public String text() {
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
  }

  /** Turns a record's value into what the test compares. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] value) throws Exception;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrapServers;
  private final boolean readCommitted;
  private final boolean waitForTransactions;
  private final Duration deadline;

  private TopicDrain(String bootstrapServers, boolean readCommitted, boolean waitForTransactions, Duration deadline) {
    this.bootstrapServers = bootstrapServers;
    this.readCommitted = readCommitted;
    this.waitForTransactions = waitForTransactions;
    this.deadline = deadline;
  }

  /** A drain of the broker at {@code bootstrapServers}: read_committed, a 60 s deadline. */
  public static TopicDrain of(String bootstrapServers) {
    return new TopicDrain(bootstrapServers, true, false, DEFAULT_DEADLINE);
  }

  /** Reads records of open and aborted transactions too. */
  public TopicDrain readUncommitted() {
    return new TopicDrain(bootstrapServers, false, false, deadline);
  }

  /** Fails when the end is not reached (and, with {@link #onceTransactionsClosed}, settled) within {@code d}. */
  public TopicDrain within(Duration d) {
    return new TopicDrain(bootstrapServers, readCommitted, waitForTransactions, d);
  }

  /**
   * Takes the end only once no transaction is open on the topics: where the read_committed end
   * offsets equal the read_uncommitted ones. A transactional sink may commit its last transaction
   * just after its job reports finished; an end taken before that would hide it.
   */
  public TopicDrain onceTransactionsClosed() {
    return new TopicDrain(bootstrapServers, true, true, deadline);
  }

  /** Every record of the topics, from the beginning to the end offsets of the moment. */
  public List<Rec> records(String... topics) {
    List<Rec> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(readCommitted)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic, deadline).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = waitForTransactions ? settledEnd(consumer, parts, topics) : consumer.endOffsets(parts);
      try {
        await().atMost(deadline).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
            .until(() -> {
              for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                out.add(new Rec(r.topic(), r.partition(), r.offset(), r.timestamp(),
                    r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value()));
              }
              return parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("could not read " + String.join(", ", topics) + " to the end within " + deadline
            + "; read " + out.size() + " records", e);
      }
    }
    return out;
  }

  /** The values of every record of the topic, decoded; a value that does not decode fails the read. */
  public <T> List<T> values(String topic, Decoder<T> decoder) {
    List<T> out = new ArrayList<>();
    for (Rec r : records(topic)) {
      try {
        out.add(decoder.decode(r.value()));
      } catch (Exception e) {
        throw new AssertionError("a record in " + topic + " at " + r.partition() + "/" + r.offset()
            + " does not decode: " + r.text(), e);
      }
    }
    return out;
  }

  /** The values of every record of the topic, as JSON trees. */
  public List<JsonNode> json(String topic) {
    return values(topic, JSON::readTree);
  }

  /** The values of every record of the topic, as UTF-8 text. */
  public List<String> texts(String topic) {
    return records(topic).stream().map(Rec::text).toList();
  }

  private Map<TopicPartition, Long> settledEnd(KafkaConsumer<byte[], byte[]> committed, List<TopicPartition> parts,
      String... topics) {
    try (KafkaConsumer<byte[], byte[]> uncommitted = consumer(false)) {
      return await().atMost(deadline).pollInSameThread().pollInterval(Duration.ofMillis(100))
          .until(() -> committed.endOffsets(parts), e -> e.equals(uncommitted.endOffsets(parts)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("transactions on " + String.join(", ", topics) + " not closed within " + deadline, e);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(boolean committedOnly) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
