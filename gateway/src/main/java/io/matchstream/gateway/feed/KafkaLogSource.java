package io.matchstream.gateway.feed;

import io.matchstream.gateway.state.LogSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a resume's missed range back from Kafka: a consumer of its own per read (no group, assign
 * and seek), bounded in records, bytes and time, at most {@code concurrent} at once on a worker
 * pool of that size, and at most {@link #WAITING_PER_SLOT} per slot waiting for one (the time box
 * counts from the request, so a read that waited too long times out). A read that would exceed a
 * bound, finds its start already deleted by retention, or finds the queue full is refused, so a
 * crowd of reconnecting clients costs at most {@code concurrent} consumers and never an event loop.
 */
public final class KafkaLogSource implements LogSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaLogSource.class);
  private final String bootstrapServers;
  private final String isolationLevel;
  private final long maxRecords;
  private final long maxBytes;
  private final Duration timeout;
  private final int concurrent;
  private final WorkerExecutor workers;
  private final AtomicInteger running = new AtomicInteger();

  /** Read-backs that may wait for each slot. */
  static final int WAITING_PER_SLOT = 16;

  public KafkaLogSource(Vertx vertx, String bootstrapServers, String isolationLevel, long maxRecords,
      long maxBytes, Duration timeout, int concurrent) {
    this.bootstrapServers = bootstrapServers;
    this.isolationLevel = isolationLevel;
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.concurrent = concurrent;
    this.workers = vertx.createSharedWorkerExecutor("matchstream-read-back-" + System.identityHashCode(this),
        concurrent, Math.max(timeout.toMillis() * 2, 10_000), TimeUnit.MILLISECONDS);
  }

  @Override
  public <T> Future<T> read(String topic, long[] from, long[] to, Function<List<LogRecord>, T> then) {
    long records = 0;
    for (int p = 0; p < from.length; p++) {
      if (to[p] > from[p]) records += to[p] - from[p];
    }
    if (records > maxRecords) {
      return Future.failedFuture(new Refused("bound",
          records + " records to read back, more than read-back.records " + maxRecords));
    }
    if (running.incrementAndGet() > concurrent * (1 + WAITING_PER_SLOT)) {
      running.decrementAndGet();
      return Future.failedFuture(new Refused("busy", concurrent + " read-backs running and the queue is full"));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    return workers.<T>executeBlocking(() -> then.apply(readBlocking(topic, from, to, deadline)), false)
        .andThen(done -> running.decrementAndGet());
  }

  private List<LogRecord> readBlocking(String topic, long[] from, long[] to, long deadline) {
    if (System.nanoTime() > deadline) throw new Refused("timeout", "no read-back slot within " + timeout);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-gateway-read-back");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    // Retention deleting the range while it is read must fail the read, not skip to the end.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Long.toString(Math.min(maxBytes + 1, 50L << 20)));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> wanted = new ArrayList<>();
      for (int i = 0; i < from.length; i++) {
        if (from[i] < to[i]) wanted.add(new TopicPartition(topic, i));
      }
      consumer.assign(wanted);
      Map<TopicPartition, Long> begins = consumer.beginningOffsets(wanted, remaining(deadline));
      for (TopicPartition tp : wanted) {
        Long begin = begins.get(tp);
        if (begin == null || begin > from[tp.partition()]) {
          throw new Refused("retention", tp + " starts at " + begin + ", after the position "
              + from[tp.partition()] + ": the records in between are gone");
        }
        consumer.seek(tp, from[tp.partition()]);
      }
      List<LogRecord> out = new ArrayList<>();
      Set<TopicPartition> open = new HashSet<>(wanted);
      long bytes = 0;
      while (!open.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new Refused("timeout", "read-back not done within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.offset() >= to[r.partition()]) continue;
          bytes += r.value() == null ? 0 : r.value().length;
          if (bytes > maxBytes) {
            throw new Refused("bound", "more than read-back.bytes " + maxBytes + " to read back");
          }
          out.add(new LogRecord(r.partition(), r.offset(), r.value()));
        }
        for (TopicPartition tp : new ArrayList<>(open)) {
          if (consumer.position(tp, remaining(deadline)) >= to[tp.partition()]) {
            open.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
      }
      return out;
    } catch (Refused e) {
      throw e;
    } catch (OffsetOutOfRangeException | NoOffsetForPartitionException e) {
      throw new Refused("retention", "the range was deleted while it was read: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("read-back of {} failed: {}", topic, e.toString());
      throw new Refused("error", "read-back failed: " + e);
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  @Override
  public void close() {
    workers.close();
  }
}
