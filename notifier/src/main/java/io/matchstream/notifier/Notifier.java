package io.matchstream.notifier;

import io.matchstream.events.Alert;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.DeadLetters;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.notifier.config.NotifierConfig;
import io.matchstream.notifier.config.ReceiverConfig;
import io.matchstream.notifier.delivery.Delivery;
import io.matchstream.notifier.delivery.DeliveryLog;
import io.matchstream.notifier.delivery.Sender;
import io.matchstream.notifier.format.RobotMessages;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier process: reads {@code alerts} from the beginning (a compacted topic: the latest
 * state of every alert), hands each change to every receiver that wants it, and records what it
 * delivered in {@code notifications}, which it reads first, so a restart resends nothing.
 *
 * <p>One thread owns all state: it polls Kafka, runs the receivers' timers, and takes the HTTP
 * answers back from a queue. Run one notifier per deployment (like one Alertmanager without a
 * cluster): two would each send everything.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DRAIN_MAX = Duration.ofSeconds(20);

  private final NotifierConfig config;
  private final NotifierMetrics metrics;
  private final MetricsServer metricsServer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final List<ReceiverDispatcher> dispatchers;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ExecutorService httpExecutor;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closing;

  private Notifier(NotifierConfig config, NotifierMetrics metrics, MetricsServer metricsServer,
      KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<String, byte[]> producer,
      ExecutorService httpExecutor, HttpClient http, Map<String, Map<String, Delivery>> handled) {
    this.config = config;
    this.metrics = metrics;
    this.metricsServer = metricsServer;
    this.consumer = consumer;
    this.producer = producer;
    this.httpExecutor = httpExecutor;
    CityRegistry cities = CityRegistry.loadDefault();
    Sender sender = new Sender(http, config.httpTimeout(), new RobotMessages(cities, config.externalUrl()),
        config.externalUrl(), Clock.systemUTC());
    DeliveryLog log = new DeliveryLog(producer, config.notificationsTopic(), metrics::logWriteFailed);
    List<ReceiverDispatcher> ds = new ArrayList<>();
    for (ReceiverConfig r : config.receivers()) {
      ds.add(new ReceiverDispatcher(r, config, sender, log, tasks::add, metrics,
          handled.getOrDefault(r.name(), Map.of())));
    }
    this.dispatchers = List.copyOf(ds);
    this.thread = new Thread(this::run, "notifier");
  }

  /**
   * Reads the delivery log, then starts reading alerts and serving {@code /metrics}. Fails if
   * Kafka or a topic is missing, or the metrics port is taken.
   */
  public static Notifier start(NotifierConfig config) throws Exception {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      NotifierMetrics metrics = new NotifierMetrics();
      MetricsServer server = null;
      if (config.metricsPort() >= 0) {
        server = MetricsServer.start(config.metricsHost(), config.metricsPort(), metrics);
        opened.add(server);
      }
      Map<String, Map<String, Delivery>> handled =
          DeliveryLog.load(config.bootstrapServers(), config.notificationsTopic(), STARTUP_TIMEOUT);
      KafkaProducer<String, byte[]> producer = producer(config);
      opened.add(producer);
      KafkaConsumer<byte[], byte[]> consumer = consumer(config);
      opened.add(consumer);
      List<TopicPartition> partitions = DeliveryLog.partitions(consumer, config.alertsTopic(), STARTUP_TIMEOUT);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      ExecutorService httpExecutor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "notifier-http");
        t.setDaemon(true);
        return t;
      });
      opened.add(httpExecutor::shutdownNow);
      HttpClient http = HttpClient.newBuilder()
          .connectTimeout(config.httpTimeout())
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(httpExecutor)
          .build();
      Notifier notifier = new Notifier(config, metrics, server, consumer, producer, httpExecutor, http, handled);
      notifier.thread.start();
      LOG.info("Notifier started: {} receivers {}, metrics on port {}", config.receivers().size(),
          config.receivers(), notifier.metricsPort());
      return notifier;
    } catch (Exception e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The port of {@code /metrics}, or -1 when it is off. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  /** The Prometheus text exposition, as {@code /metrics} serves it. */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  private void run() {
    try {
      while (!closing) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          onRecord(r);
        }
        runTasks();
        long now = System.currentTimeMillis();
        for (ReceiverDispatcher d : dispatchers) {
          d.tick(now);
        }
      }
    } catch (WakeupException e) {
      if (!closing) {
        LOG.error("Notifier loop woken unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("Notifier loop stopped", e);
    } finally {
      try {
        drain();
      } finally {
        stopped.countDown();
      }
    }
  }

  /**
   * Lets the messages already on their way finish and be recorded, so a graceful stop does not
   * send them again at the next start. Starts nothing new.
   */
  private void drain() {
    dispatchers.forEach(ReceiverDispatcher::stop);
    long deadline = System.nanoTime() + Math.min(config.httpTimeout().toNanos() + 1_000_000_000L, DRAIN_MAX.toNanos());
    while (dispatchers.stream().anyMatch(ReceiverDispatcher::sending) && System.nanoTime() < deadline) {
      runTasks();
      LockSupport.parkNanos(10_000_000L);
    }
    runTasks();
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  private void onRecord(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return; // a compaction tombstone
    }
    Alert alert;
    try {
      alert = EventCodec.decodeAlert(r.value());
      check(alert);
    } catch (InvalidEventException e) {
      metrics.alertInvalid();
      LOG.warn("Unreadable alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.reason());
      DeadLetter dl = DeadLetters.of(r.topic(), r.partition(), r.offset(), r.value(), Alert.class, e.reason(),
          "notifier", System.currentTimeMillis());
      producer.send(new ProducerRecord<>(config.deadLettersTopic(), null, EventCodec.encode(dl)), (m, ex) -> {
        if (ex != null) {
          LOG.warn("Could not write dead letter {}: {}", dl.eventId(), ex.toString());
        }
      });
      return;
    }
    metrics.alertRead();
    long now = System.currentTimeMillis();
    for (ReceiverDispatcher d : dispatchers) {
      d.onAlert(alert, now);
    }
  }

  /** What routing and messages need; the rest of an alert is optional. */
  static void check(Alert a) throws InvalidEventException {
    if (a.alertId() == null || a.alertId().isBlank()) {
      throw new InvalidEventException("missing field 'alertId'");
    }
    if (a.eventId() == null || a.eventId().isBlank()) {
      throw new InvalidEventException("missing field 'eventId'");
    }
    if (a.alertType() == null) {
      throw new InvalidEventException("missing field 'alertType'");
    }
    if (a.state() == null) {
      throw new InvalidEventException("missing field 'state'");
    }
    if (a.cityId() == null || a.cityId().isBlank()) {
      throw new InvalidEventException("missing field 'cityId'");
    }
    if (!SchemaVersion.isSupported(a.schemaVersion())) {
      throw new InvalidEventException("unsupported schemaVersion " + a.schemaVersion());
    }
  }

  /**
   * Stops reading and sending. Messages on their way get up to {@code http.timeout} to finish and
   * be recorded; one still unanswered then is sent again at the next start.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    consumer.wakeup();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        LOG.warn("Notifier loop did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.warn("Closing the alerts consumer failed", e);
    }
    producer.close(Duration.ofSeconds(10));
    // Java 17's HttpClient has no close(): its selector thread ends once the client is unreachable.
    httpExecutor.shutdownNow();
    metrics.close();
    if (metricsServer != null) {
      metricsServer.close();
    }
    LOG.info("Notifier stopped");
  }

  private static KafkaConsumer<byte[], byte[]> consumer(NotifierConfig config) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-notifier");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static KafkaProducer<String, byte[]> producer(NotifierConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "matchstream-notifier");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
