package io.matchstream.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;

/** The configuration and storage format of the one combined broker+controller node. */
final class BrokerSetup {

  static final int NODE_ID = 1;
  static final String HOST = "127.0.0.1";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private BrokerSetup() {
  }

  static Properties properties(Path dataDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    // Static quorum: the controller's port is not written into the storage format, so a
    // restart on the same directory may pick a different free port.
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toString());

    // One node: every internal topic must have replication factor 1, or it is never created
    // and consumer groups / transactional producers hang.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // 50 partitions each by default: slow to create and pointless at local rates.
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.num.partitions", "1");

    // Topics are the contract: create them (TopicSpecs.ALL, createTopic), never by accident.
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    // Consumers in tests join at once instead of after the 3 s rebalance delay.
    p.put("group.initial.rebalance.delay.ms", "0");
    // Flink's KafkaSink asks for 1 h transactions by default; Kafka's default cap is 15 min.
    p.put("transaction.max.timeout.ms", "3600000");

    // Records are stamped by the broker, not the producer: the simulator and the jobs run on
    // simulated event time that may lie months in the past, and time-based retention would delete
    // such records as soon as a segment rolls. Event time travels in the payload; the jobs read
    // it from there.
    p.put("log.message.timestamp.type", "LogAppendTime");

    // Sized for a 2-core machine shared with Flink and the gateway in one JVM.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "2");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024)); // default 128 MiB of heap
    // Faster unfencing at start-up (default 2 s heartbeat).
    p.put("broker.heartbeat.interval.ms", "500");
    return p;
  }

  /**
   * One node of a cluster of several ({@link KafkaCluster}): the same settings, but replication 3
   * with {@code min.insync.replicas} 2 everywhere, internal topics included, so one node may fail.
   */
  static Properties clusterProperties(Path dataDir, int nodeId, int brokerPort, int controllerPort, String voters) {
    Properties p = properties(dataDir, brokerPort, controllerPort);
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", voters);
    p.put("default.replication.factor", "3");
    p.put("min.insync.replicas", "2");
    p.put("offsets.topic.replication.factor", "3");
    p.put("transaction.state.log.replication.factor", "3");
    p.put("transaction.state.log.min.isr", "2");
    p.put("share.coordinator.state.topic.replication.factor", "3");
    p.put("share.coordinator.state.topic.min.isr", "2");
    // A restarted node rejoins the ISR within seconds, not after the 30 s default.
    p.put("replica.lag.time.max.ms", "10000");
    p.put("num.io.threads", "2");
    return p;
  }

  static boolean isFormatted(Path dataDir) {
    return Files.exists(dataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
  }

  /** Formats an empty directory as a new single-node cluster, like {@code kafka-storage.sh format}. */
  static void format(Path dataDir) throws Exception {
    format(dataDir, NODE_ID, Uuid.randomUuid().toString());
  }

  /** Formats an empty directory as node {@code nodeId} of cluster {@code clusterId}. */
  static void format(Path dataDir, int nodeId, String clusterId) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(nodeId)
        .setClusterId(clusterId)
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setMetadataLogDirectory(dataDir.toString())
        .addDirectory(dataDir.toString())
        .run();
  }
}
