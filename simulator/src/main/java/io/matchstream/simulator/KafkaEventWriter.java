package io.matchstream.simulator;

import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes simulator events to Kafka, paced by a simulated clock. Runs on the caller's thread ({@link
 * #run()}); {@link #stop()} from any thread ends it after flushing what was sent.
 *
 * <p>Pacing is the {@link Pacer}'s: simulated time advances {@code clockSpeed} times faster than
 * real time (144: a day in ten minutes; 0: as fast as possible), no more than {@code maxRate}
 * records a second are sent when a rate is given, and simulated time is held within {@link
 * Pacer#DEFAULT_MAX_AHEAD} of the wall clock, so the jobs never reject what is sent as being too far
 * in the future. Records carry no producer timestamp: simulated event times may lie months
 * in the past, and a broker with time-based retention would delete such records at once. Event
 * time travels in the payload, where the jobs read it.
 */
public final class KafkaEventWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventWriter.class);
  public static final double DEFAULT_CLOCK_SPEED = 144;
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final Iterator<SimEvent> events;
  private final Properties producerProps;
  private final Pacer pacer;
  private final Consumer<String> progress;
  private final AtomicLong sent = new AtomicLong();
  private final Map<String, Long> perTopic = new TreeMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean stopped;
  private volatile long simulatedTime;

  /**
   * @param bootstrapServers Kafka to write to
   * @param events what to write, in emission order
   * @param clockSpeed simulated seconds per real second; 0 for as fast as possible
   * @param maxRate records per second at most; 0 for no cap
   * @param progress where progress lines go (the CLI prints them; null logs them at INFO)
   */
  public KafkaEventWriter(
      String bootstrapServers, Iterator<SimEvent> events, double clockSpeed, double maxRate, Consumer<String> progress) {
    this(bootstrapServers, events, defaultPacer(clockSpeed, maxRate, Pacer.WallClock.SYSTEM), progress);
  }

  /**
   * @param bootstrapServers Kafka to write to
   * @param events what to write, in emission order
   * @param pacer when each event may be sent
   * @param progress where progress lines go (null logs them at INFO)
   */
  public KafkaEventWriter(String bootstrapServers, Iterator<SimEvent> events, Pacer pacer, Consumer<String> progress) {
    this.events = events;
    this.pacer = pacer;
    this.progress = progress != null ? progress : LOG::info;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // poison includes records just over the 64 KiB consumer limit: let the broker accept them
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "matchstream-simulator");
    this.producerProps = p;
  }

  /** The pacing of the command line and of {@link #KafkaEventWriter(String, Iterator, double, double, Consumer)}. */
  static Pacer defaultPacer(double clockSpeed, double maxRate, Pacer.WallClock clock) {
    return new Pacer(clockSpeed, maxRate, Pacer.DEFAULT_MAX_AHEAD, clock);
  }

  /**
   * The latest simulated time (emission time, epoch ms) of the events handed to Kafka; 0 before the
   * first. Never goes back (the initial stock is emitted before the start).
   */
  public long simulatedTime() {
    return simulatedTime;
  }

  /** While {@code brake} answers true, nothing is sent (see {@link Pacer#brake}). */
  public void brake(java.util.function.BooleanSupplier brake) {
    pacer.brake(brake);
  }

  /** Records handed to Kafka and acknowledged so far. */
  public long sent() {
    return sent.get();
  }

  /** Ends {@link #run()} soon; what was sent is flushed. */
  public void stop() {
    stopped = true;
  }

  /** The first send failure, if any (the run stops on it). */
  public Exception failure() {
    return failure.get();
  }

  /**
   * Sends until the events end, {@link #stop()} is called or a send fails; then flushes and closes.
   *
   * @throws IllegalStateException if a send failed
   */
  @Override
  public void run() {
    long realStart = System.nanoTime();
    long nextProgress = realStart + PROGRESS_EVERY.toNanos();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer())) {
      while (!stopped && failure.get() == null && events.hasNext()) {
        SimEvent e = events.next();
        if (!pacer.await(e.emitTime(), () -> stopped)) {
          break;
        }
        simulatedTime = Math.max(simulatedTime, e.emitTime());
        ProducerRecord<String, byte[]> record =
            new ProducerRecord<>(e.topic(), null, null, e.key(), e.value());
        producer.send(record, (meta, ex) -> {
          if (ex != null) {
            failure.compareAndSet(null, ex);
          } else {
            sent.incrementAndGet();
          }
        });
        perTopic.merge(e.topic(), 1L, Long::sum);
        if (System.nanoTime() >= nextProgress) {
          report(realStart);
          nextProgress += PROGRESS_EVERY.toNanos();
        }
      }
      producer.flush();
    }
    report(realStart);
    if (failure.get() != null) {
      throw new IllegalStateException("sending to Kafka failed: " + failure.get().getMessage(), failure.get());
    }
  }

  private void report(long realStart) {
    double seconds = Math.max(1e-3, (System.nanoTime() - realStart) / 1e9);
    String time = simulatedTime == 0 ? "-" : io.matchstream.events.codec.IsoTime.format(simulatedTime);
    progress.accept(String.format(Locale.ROOT, "sent %d %s, %.0f records/s, simulated time %s",
        sent.get(), perTopic, sent.get() / seconds, time));
  }
}
