package io.matchstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in this JVM on
 * 127.0.0.1, with topics created.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
 *   props.put("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 * }
 * }</pre>
 *
 * <p>Without {@link Builder#dataDir(Path)} the data lives in a temporary directory deleted on
 * {@link #close()}; with it, data persists and a later start on the same directory continues
 * the same cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int START_ATTEMPTS = 5;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicBoolean EXIT_GUARDED = new AtomicBoolean();

  private final KafkaRaftServer server;
  private final Admin admin;
  private final int port;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, int port, Path dataDir, boolean ownsDataDir) {
    this.server = server;
    this.port = port;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address clients connect to, {@code "127.0.0.1:PORT"}. */
  public String bootstrapServers() {
    return BrokerSetup.HOST + ":" + port;
  }

  /**
   * A new idempotent producer of string keys and byte values to this broker, for tests and tools
   * that feed topics directly; the caller closes it.
   */
  public KafkaProducer<String, byte[]> newProducer() {
    return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"), new StringSerializer(), new ByteArraySerializer());
  }

  /** The broker's port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Where the broker keeps its data (a temporary directory unless one was given). */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates the topic and returns once every partition has a leader, so clients can use it at
   * once. Idempotent: an existing topic with the same partition count is left as it is.
   *
   * @throws IllegalStateException if the topic exists with a different partition count
   */
  public void createTopic(TopicSpec spec) {
    Objects.requireNonNull(spec, "spec");
    NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs());
    try {
      admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + spec.name(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + spec.name(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topic " + spec.name(), e);
    }
    int partitions = awaitLeaders(spec.name());
    if (partitions != spec.partitions()) {
      throw new IllegalStateException("topic " + spec.name() + " exists with " + partitions
          + " partitions, wanted " + spec.partitions());
    }
  }

  /** Stops the broker, frees its port and deletes the data directory if it is a temporary one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Exception> failures = new ArrayList<>();
    run(failures, () -> admin.close(Duration.ofSeconds(5)));
    run(failures, () -> stop(server));
    if (ownsDataDir) {
      run(failures, () -> Utils.delete(dataDir.toFile()));
    }
    if (!failures.isEmpty()) {
      IllegalStateException e = new IllegalStateException("embedded Kafka did not close cleanly", failures.get(0));
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
  }

  /** Waits until the broker knows the topic and every partition has a leader; returns the count. */
  private int awaitLeaders(String name) {
    long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
        if (description.partitions().stream().allMatch(EmbeddedKafka::hasLeader)) {
          return description.partitions().size();
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe topic " + name, e.getCause());
        }
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for topic " + name, e);
      } catch (TimeoutException e) {
        last = e;
      }
      pause(Duration.ofMillis(20));
    }
    throw new IllegalStateException("topic " + name + " has no leader after " + TOPIC_READY_TIMEOUT, last);
  }

  private static boolean hasLeader(TopicPartitionInfo partition) {
    return partition.leader() != null && !partition.leader().isEmpty();
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void stop(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void run(List<Exception> failures, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      failures.add(e);
    }
  }

  /**
   * Kafka's fatal-fault handlers call {@code Exit.halt}, which would kill the whole JVM (the test
   * run, or the local all-in-one with Flink and the gateway). In-process, a failed broker should
   * fail loudly instead: the calling thread gets an exception and the error is logged.
   */
  static void guardJvmExit() {
    if (EXIT_GUARDED.compareAndSet(false, true)) {
      Exit.Procedure refuse = (status, message) -> {
        LOG.error("Embedded Kafka asked to end the JVM (status {}): {}; refused", status, message);
        throw new IllegalStateException("embedded Kafka asked to end the JVM (status " + status + "): " + message);
      };
      Exit.setExitProcedure(refuse);
      Exit.setHaltProcedure(refuse);
    }
  }

  /** Options for {@link EmbeddedKafka}; {@link #start()} starts the broker and creates the topics. */
  public static final class Builder {

    private Path dataDir;
    private int port;
    private List<TopicSpec> topics = TopicSpecs.ALL;

    private Builder() {
    }

    /**
     * Keep the broker's data in this directory (created if missing) and leave it on close. A
     * directory that already holds a broker's data is reused as it is; an empty one is formatted.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** The broker's port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** The topics to create at start (default {@link TopicSpecs#ALL}); existing ones are kept. */
    public Builder topics(List<TopicSpec> topics) {
      this.topics = List.copyOf(topics);
      return this;
    }

    /** Starts the broker, waits until it serves, and creates the topics. */
    public EmbeddedKafka start() {
      guardJvmExit();
      boolean ownsDir = dataDir == null;
      Path dir;
      try {
        dir = ownsDir ? Files.createTempDirectory("embedded-kafka-") : Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory", e);
      }
      long started = System.nanoTime();
      EmbeddedKafka kafka = null;
      try {
        if (!BrokerSetup.isFormatted(dir)) {
          BrokerSetup.format(dir);
        }
        kafka = startServer(dir, ownsDir);
        for (TopicSpec topic : topics) {
          kafka.createTopic(topic);
        }
        LOG.info("Embedded Kafka ready on {} with {} topics in {} ms (data in {})", kafka.bootstrapServers(),
            topics.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
        return kafka;
      } catch (Exception e) {
        if (kafka != null) {
          try {
            kafka.close();
          } catch (RuntimeException closeFailure) {
            e.addSuppressed(closeFailure);
          }
        } else if (ownsDir) {
          try {
            Utils.delete(dir.toFile());
          } catch (IOException deleteFailure) {
            e.addSuppressed(deleteFailure);
          }
        }
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("embedded Kafka did not start", e);
      }
    }

    /**
     * The controller's port must be known before start (it is in the quorum configuration), so
     * free ports are probed; another process may take one in between, hence the retries.
     */
    private EmbeddedKafka startServer(Path dir, boolean ownsDir) throws IOException {
      for (int attempt = 1; ; attempt++) {
        int brokerPort = port != 0 ? port : freePort();
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
          controllerPort = freePort();
        }
        KafkaConfig config = new KafkaConfig(BrokerSetup.properties(dir, brokerPort, controllerPort), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
          server.startup();
        } catch (RuntimeException e) {
          try {
            stop(server);
          } catch (RuntimeException stopFailure) {
            e.addSuppressed(stopFailure);
          }
          if (isBindFailure(e) && attempt < START_ATTEMPTS) {
            LOG.warn("Port taken while starting embedded Kafka (attempt {}), retrying: {}", attempt, e.getMessage());
            continue;
          }
          throw e;
        }
        try {
          return new EmbeddedKafka(server, brokerPort, dir, ownsDir);
        } catch (RuntimeException e) {
          stop(server);
          throw e;
        }
      }
    }

    private static boolean isBindFailure(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          return true;
        }
      }
      return false;
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(BrokerSetup.HOST), 0));
        return socket.getLocalPort();
      }
    }
  }
}
