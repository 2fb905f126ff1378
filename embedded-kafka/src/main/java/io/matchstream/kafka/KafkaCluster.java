package io.matchstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of several KRaft nodes (each a combined broker and controller) in this JVM
 * on 127.0.0.1: replication factor 3 and {@code min.insync.replicas} 2 by default, so one node can
 * be stopped ({@link #stopNode(int)}) and started again ({@link #startNode(int)}) under load, as a fault
 * test does to the leader of a partition. For tests; the single-node {@link EmbeddedKafka} is the
 * one the product runs.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final Path root;
  private final List<Properties> configs;
  private final KafkaRaftServer[] servers;
  private final List<Integer> brokerPorts;
  private final Admin admin;
  private final int replication;

  private KafkaCluster(Path root, List<Properties> configs, List<Integer> brokerPorts, int replication) {
    this.root = root;
    this.configs = configs;
    this.brokerPorts = brokerPorts;
    this.replication = replication;
    this.servers = new KafkaRaftServer[configs.size()];
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "kafka-cluster-admin"));
  }

  /** Starts {@code nodes} nodes (3 or more for replication 3) and waits until all serve. */
  public static KafkaCluster start(int nodes) {
    if (nodes < 3) {
      throw new IllegalArgumentException("replication 3 needs at least 3 nodes, not " + nodes);
    }
    EmbeddedKafka.guardJvmExit();
    try {
      Path root = Files.createTempDirectory("kafka-cluster-");
      List<Integer> brokerPorts = new ArrayList<>();
      List<Integer> controllerPorts = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        brokerPorts.add(freePort());
        controllerPorts.add(freePort());
      }
      String voters = java.util.stream.IntStream.range(0, nodes)
          .mapToObj(i -> (i + 1) + "@" + BrokerSetup.HOST + ":" + controllerPorts.get(i))
          .collect(Collectors.joining(","));
      String clusterId = Uuid.randomUuid().toString();
      List<Properties> configs = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Path dir = Files.createDirectories(root.resolve("node-" + (i + 1)));
        BrokerSetup.format(dir, i + 1, clusterId);
        configs.add(BrokerSetup.clusterProperties(dir, i + 1, brokerPorts.get(i), controllerPorts.get(i), voters));
      }
      KafkaCluster cluster = new KafkaCluster(root, configs, brokerPorts, 3);
      List<CompletableFuture<Void>> started = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        int node = i + 1;
        // A node's start waits for a quorum of controllers: they must start together.
        started.add(CompletableFuture.runAsync(() -> cluster.startNode(node)));
      }
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the Kafka cluster did not start", e);
    }
  }

  /** Every node's address, {@code "127.0.0.1:P1,127.0.0.1:P2,…"}. */
  public String bootstrapServers() {
    return brokerPorts.stream().map(p -> BrokerSetup.HOST + ":" + p).collect(Collectors.joining(","));
  }

  /** Starts node {@code id} (1-based) on its data, as after a crash or a restart. */
  public void startNode(int id) {
    synchronized (this) {
      if (servers[id - 1] != null) {
        return;
      }
    }
    // Not under the lock: a node's start waits for a quorum, i.e. for other nodes' starts.
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(configs.get(id - 1), false), Time.SYSTEM);
    server.startup();
    synchronized (this) {
      servers[id - 1] = server;
    }
    LOG.info("Kafka node {} started", id);
  }

  /** Stops node {@code id} (its partitions elect new leaders among the in-sync replicas). */
  public void stopNode(int id) {
    KafkaRaftServer server;
    synchronized (this) {
      server = servers[id - 1];
      servers[id - 1] = null;
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      LOG.info("Kafka node {} stopped", id);
    }
  }

  /**
   * Stops every node, as a whole-cluster outage: first every broker at once, while the controller
   * quorum still answers their controlled shutdowns, then the nodes. (Stopping whole nodes at once
   * races: a broker whose controlled shutdown is asked for after two controllers are gone waits
   * for approval that cannot come — Kafka waits 5 minutes.)
   */
  public void stopAll() {
    List<KafkaRaftServer> running = new ArrayList<>();
    synchronized (this) {
      for (KafkaRaftServer s : servers) {
        if (s != null) running.add(s);
      }
    }
    inParallel(running.stream().<Runnable>map(s -> () -> brokerOf(s).ifPresent(BrokerServer::shutdown)).toList());
    inParallel(java.util.stream.IntStream.rangeClosed(1, servers.length).<Runnable>mapToObj(id -> () -> stopNode(id)).toList());
  }

  /** Starts every stopped node at once (a node's start waits for a quorum of controllers). */
  public void startAll() {
    inParallel(java.util.stream.IntStream.rangeClosed(1, servers.length).<Runnable>mapToObj(id -> () -> startNode(id)).toList());
  }

  private static void inParallel(List<Runnable> actions) {
    try {
      CompletableFuture.allOf(actions.stream().map(CompletableFuture::runAsync).toArray(CompletableFuture[]::new))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka nodes did not stop or start within " + TIMEOUT, e);
    }
  }

  /** The broker half of a combined node: KafkaRaftServer shuts it down only together with its controller. */
  @SuppressWarnings("unchecked")
  private static Optional<BrokerServer> brokerOf(KafkaRaftServer server) {
    try {
      java.lang.reflect.Field f = KafkaRaftServer.class.getDeclaredField("broker");
      f.setAccessible(true);
      scala.Option<BrokerServer> broker = (scala.Option<BrokerServer>) f.get(server);
      return broker.isDefined() ? Optional.of(broker.get()) : Optional.empty();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this Kafka version's KafkaRaftServer has no broker field", e);
    }
  }

  /** The node leading the partition now, if any. */
  public Optional<Integer> leaderOf(String topic, int partition) {
    TopicPartitionInfo info = describe(topic).partitions().get(partition);
    Node leader = info.leader();
    return leader == null || leader.isEmpty() ? Optional.empty() : Optional.of(leader.id());
  }

  /** The in-sync replicas of the partition now. */
  public List<Integer> inSyncReplicasOf(String topic, int partition) {
    return describe(topic).partitions().get(partition).isr().stream().map(Node::id).toList();
  }

  /** Creates the topic with replication 3 ({@code min.insync.replicas} 2) and waits for its leaders. */
  public void createTopic(TopicSpec spec) {
    Objects.requireNonNull(spec, "spec");
    try {
      admin.createTopics(List.of(new NewTopic(spec.name(), spec.partitions(), (short) replication)
          .configs(spec.configs()))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + spec.name(), e.getCause());
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + spec.name(), e);
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (describe(spec.name()).partitions().stream()
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty() && p.isr().size() == replication)) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // metadata not propagated yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("topic " + spec.name() + " has no leaders with full ISR after " + TIMEOUT);
  }

  private TopicDescription describe(String topic) {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .get(topic);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topic " + topic, e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    try {
      stopAll();
      Utils.delete(root.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("the Kafka cluster did not stop cleanly", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(BrokerSetup.HOST), 0));
      return socket.getLocalPort();
    }
  }
}
