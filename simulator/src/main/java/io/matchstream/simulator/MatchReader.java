package io.matchstream.simulator;

import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the match job's {@link Simulator#MATCHES} from Kafka on a thread of its own, for the closed
 * loop ({@link ClosedLoopEvents}): read_committed, no consumer group (nothing is committed: a new
 * run's simulator knows none of an earlier run's posts), from the end of the topic as it stands
 * when {@link #start()} is called, so only matches of this run's events are read. A topic that does
 * not exist yet is waited for and then read from its beginning. Decoded matches wait in a bounded
 * queue; when it is full the reader stops fetching until the simulator has taken some.
 */
public final class MatchReader implements ClosedLoopEvents.MatchSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MatchReader.class);
  /**
   * Matches read but not yet offered, at most. Kafka is the buffer: when the simulator falls behind
   * (the stock's burst of matches, a loaded machine) the reader stops fetching rather than holding
   * decoded matches (~1–2 KB each) in the heap; 50,000 of them put 100+ MiB on a small heap.
   */
  public static final int DEFAULT_CAPACITY = 2_000;
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, byte[]> consumer;
  private final BlockingQueue<Match> queue;
  private final Thread thread;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile boolean closed;
  private boolean assigned;
  private boolean started;

  public MatchReader(String bootstrapServers) {
    this(bootstrapServers, DEFAULT_CAPACITY);
  }

  public MatchReader(String bootstrapServers, int capacity) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-simulator-matches");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "matchstream-simulator-matches");
    this.thread.setDaemon(true);
  }

  /**
   * Fixes where reading begins (the end of {@code matches} now, if it exists) and starts the
   * reading thread. Call it before the simulator's first event is sent.
   */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException("start once, before close");
    }
    assigned = tryAssign(Duration.ofSeconds(10), true);
    started = true;
    thread.start();
  }

  @Override
  public Match poll() {
    return queue.poll();
  }

  /** Matches read and decoded so far. */
  public long read() {
    return read.get();
  }

  /** Records of {@code matches} that did not decode as a Match (skipped). */
  public long malformed() {
    return malformed.get();
  }

  private boolean tryAssign(Duration timeout, boolean fromEnd) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(Topics.MATCHES, timeout);
    } catch (RuntimeException e) {
      LOG.debug("topic {} not readable yet: {}", Topics.MATCHES, e.toString());
      return false;
    }
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    if (fromEnd) {
      consumer.seekToEnd(partitions);
    } else {
      consumer.seekToBeginning(partitions);
    }
    for (TopicPartition tp : partitions) {
      consumer.position(tp, Duration.ofSeconds(30)); // resolve now: what is written later is read
    }
    return true;
  }

  private void run() {
    try {
      while (!closed && !assigned) {
        assigned = tryAssign(Duration.ofSeconds(1), false);
        if (!assigned) {
          TimeUnit.SECONDS.sleep(1);
        }
      }
      while (!closed) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          Match m;
          try {
            m = EventCodec.decodeMatch(r.value());
          } catch (InvalidEventException | RuntimeException e) {
            malformed.incrementAndGet();
            continue;
          }
          read.incrementAndGet();
          while (!queue.offer(m, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
              return;
            }
          }
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.error("reading {} failed; the closed loop gets no more matches", Topics.MATCHES, e);
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Stops reading; matches still queued are dropped. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
