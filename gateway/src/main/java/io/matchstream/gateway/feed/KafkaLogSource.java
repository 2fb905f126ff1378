package io.matchstream.gateway.feed;

import io.matchstream.gateway.state.LogSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads resumes' missed ranges back from Kafka: a consumer of its own per read (no group, assign
 * and seek), bounded in records, bytes and time, at most {@code concurrent} reads at once on a
 * worker pool of that size. Resumes waiting at the same time for the same topic are served by one
 * read of the union of their ranges (as long as the union stays within the record bound): a crowd
 * moving from one instance to another at once costs a few reads, not one each. At most {@link
 * #WAITING_PER_SLOT} per slot may wait; the time box counts from the request. A read that would
 * exceed a bound, finds its start already deleted by retention, or finds the queue full is refused;
 * nothing here runs on an event loop.
 */
public final class KafkaLogSource implements LogSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaLogSource.class);

  /** Resumes that may wait for each slot. */
  static final int WAITING_PER_SLOT = 64;

  private final String bootstrapServers;
  private final String isolationLevel;
  private final long maxRecords;
  private final long maxBytes;
  private final Duration timeout;
  private final int concurrent;
  private final WorkerExecutor workers;
  private final ArrayDeque<Request<?>> queue = new ArrayDeque<>();
  private int reading;

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

  /** One resume's range, and where and how to answer it. */
  private static final class Request<T> {
    final String topic;
    final long[] from;
    final long[] to;
    final Function<List<LogRecord>, T> then;
    final Context context;
    final Promise<T> promise = Promise.promise();
    final long deadline;

    Request(String topic, long[] from, long[] to, Function<List<LogRecord>, T> then, Context context, long deadline) {
      this.topic = topic;
      this.from = from;
      this.to = to;
      this.then = then;
      this.context = context;
      this.deadline = deadline;
    }

    /** Answers on the requester's context with its share of what was read. */
    void answer(List<LogRecord> all) {
      List<LogRecord> mine = new ArrayList<>();
      for (LogRecord r : all) {
        if (r.partition() < from.length && r.offset() >= from[r.partition()] && r.offset() < to[r.partition()]) {
          mine.add(r);
        }
      }
      T result;
      try {
        result = then.apply(mine);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      context.runOnContext(v -> promise.complete(result));
    }

    void fail(Throwable e) {
      context.runOnContext(v -> promise.fail(e));
    }
  }

  @Override
  public <T> Future<T> read(String topic, long[] from, long[] to, Function<List<LogRecord>, T> then) {
    long records = span(from, to);
    if (records > maxRecords) {
      return Future.failedFuture(new Refused("bound",
          records + " records to read back, more than resume.read-back-records " + maxRecords));
    }
    Context context = Vertx.currentContext();
    if (context == null) return Future.failedFuture(new IllegalStateException("read back from a Vert.x context"));
    Request<T> request = new Request<>(topic, from.clone(), to.clone(), then, context,
        System.nanoTime() + timeout.toNanos());
    boolean start;
    synchronized (queue) {
      if (queue.size() >= (long) concurrent * WAITING_PER_SLOT) {
        return Future.failedFuture(new Refused("busy", queue.size() + " resumes already waiting to be read back"));
      }
      queue.addLast(request);
      start = reading < concurrent;
      if (start) reading++;
    }
    if (start) workers.executeBlocking(() -> {
      drain();
      return null;
    }, false);
    return request.promise.future();
  }

  /** Serves what waits, a batch per topic at a time, until the queue is empty. */
  private void drain() {
    while (true) {
      List<Request<?>> batch = new ArrayList<>();
      long[] lo;
      long[] hi;
      synchronized (queue) {
        Request<?> first = queue.pollFirst();
        if (first == null) {
          reading--;
          return;
        }
        batch.add(first);
        lo = first.from.clone();
        hi = first.to.clone();
        for (Iterator<Request<?>> it = queue.iterator(); it.hasNext(); ) {
          Request<?> r = it.next();
          if (!r.topic.equals(first.topic) || r.from.length != lo.length) continue;
          long[] lo2 = lo.clone();
          long[] hi2 = hi.clone();
          for (int p = 0; p < lo.length; p++) {
            if (r.from[p] < r.to[p]) {
              lo2[p] = lo[p] < hi[p] ? Math.min(lo[p], r.from[p]) : r.from[p];
              hi2[p] = lo[p] < hi[p] ? Math.max(hi[p], r.to[p]) : r.to[p];
            }
          }
          if (span(lo2, hi2) > maxRecords) continue;
          lo = lo2;
          hi = hi2;
          batch.add(r);
          it.remove();
        }
      }
      serve(batch.get(0).topic, lo, hi, batch);
    }
  }

  private void serve(String topic, long[] lo, long[] hi, List<Request<?>> batch) {
    long now = System.nanoTime();
    List<Request<?>> live = new ArrayList<>();
    for (Request<?> r : batch) {
      if (now > r.deadline) r.fail(new Refused("timeout", "no read-back slot within " + timeout));
      else live.add(r);
    }
    if (live.isEmpty()) return;
    try {
      List<LogRecord> records = readBlocking(topic, lo, hi, now + timeout.toNanos(), live);
      for (Request<?> r : live) r.answer(records);
    } catch (RuntimeException e) {
      for (Request<?> r : live) r.fail(e);
    }
  }

  private static long span(long[] from, long[] to) {
    long records = 0;
    for (int p = 0; p < from.length; p++) {
      if (to[p] > from[p]) records += to[p] - from[p];
    }
    return records;
  }

  /**
   * Reads {@code [from, to)}; a request whose own range starts before what retention kept fails
   * alone (and leaves {@code live}), the others are read from what is left.
   */
  private List<LogRecord> readBlocking(String topic, long[] from, long[] to, long deadline, List<Request<?>> live) {
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
      for (Iterator<Request<?>> it = live.iterator(); it.hasNext(); ) {
        Request<?> r = it.next();
        for (TopicPartition tp : wanted) {
          int i = tp.partition();
          Long begin = begins.get(tp);
          if (r.from[i] < r.to[i] && (begin == null || begin > r.from[i])) {
            r.fail(new Refused("retention", tp + " starts at " + begin + ", after the position " + r.from[i]
                + ": the records in between are gone"));
            it.remove();
            break;
          }
        }
      }
      if (live.isEmpty()) return List.of();
      for (TopicPartition tp : wanted) {
        long begin = begins.get(tp) == null ? from[tp.partition()] : begins.get(tp);
        consumer.seek(tp, Math.max(from[tp.partition()], begin));
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
            throw new Refused("bound", "more than resume.read-back-bytes " + maxBytes + " to read back");
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
