package io.matchstream.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.kafka.Topics;
import io.matchstream.local.TopicReaderAccess;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jobs jar on a standalone Flink cluster of separate JVMs, submitted with {@code flink
 * run}, exactly-once into a real broker; one TaskManager process is killed mid-stream and the job
 * recovers from its checkpoint. The committed matches must equal those of a failure-free run.
 */
@Tag("cluster")
class JobsOnFlinkClusterIT {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration PROGRESS = Duration.ofMinutes(8);
    private static final String REFERENCE_MATCHES = "matches-reference";
    private static final String REFERENCE_DEAD_LETTERS = "dead-letters-reference";

    @TempDir
    static Path work;
    private static EmbeddedKafka kafka;
    private static FlinkProcessCluster cluster;

    @BeforeAll
    static void startBrokerAndCluster() throws Exception {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopic(TopicSpec.of(REFERENCE_MATCHES, 2));
        kafka.createTopic(TopicSpec.of(REFERENCE_DEAD_LETTERS, 1));
        cluster = new FlinkProcessCluster(work.resolve("flink"), ClusterClasspath.read(),
                System.getProperty("java17.opens", ""));
        cluster.start(2, STARTUP);
    }

    @AfterAll
    static void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void jobsJarRecoversFromAKilledTaskManagerWithoutLosingOrRepeatingAMatch() throws Exception {
        List<SimEvent> events = Simulator.stream(SimulatorConfig.builder()
                .seed(7)
                .cities("ningbo", "suzhou", "shenzhen", "tianjin")
                .duration(Duration.ofDays(3))
                .poisonRate(0.01)
                .build()).toList();
        int half = events.size() / 2;
        write(events.subList(0, half));

        String jobId = cluster.flinkRun(jobsJar(), STARTUP,
                "--job", "all",
                "--kafka.bootstrap-servers", kafka.bootstrapServers(),
                "--delivery.guarantee", "exactly-once",
                "--checkpoint.interval", "3s",
                "--kafka.transactional-id-prefix", "cluster-it");
        await("the job runs", STARTUP, () -> cluster.jobState(jobId).equals("RUNNING"));
        await("committed matches from the first half", PROGRESS, () -> !committedMatches().isEmpty());
        long checkpointsBeforeKill = cluster.completedCheckpoints(jobId);
        await("a checkpoint after the first matches", PROGRESS,
                () -> cluster.completedCheckpoints(jobId) > checkpointsBeforeKill);

        cluster.killTaskManager(cluster.busiestTaskManager());
        await("the job is restored from a checkpoint", PROGRESS,
                () -> cluster.restoredCheckpoints(jobId) >= 1 && cluster.jobState(jobId).equals("RUNNING"));
        write(events.subList(half, events.size()));

        Set<String> expected = referenceRun();
        assertThat(expected).as("the failure-free run matches something").isNotEmpty();
        await("every match of the failure-free run is committed", PROGRESS,
                () -> ids(committedMatches()).containsAll(expected));

        List<JsonNode> committed = committedMatches();
        Map<String, Long> perId = committed.stream()
                .collect(Collectors.groupingBy(m -> m.path("matchId").asText(), Collectors.counting()));
        assertThat(perId).as("no match committed twice").allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(perId.keySet()).as("exactly the failure-free run's matches").isEqualTo(expected);
        assertThat(TopicReaderAccess.readAll(kafka.bootstrapServers(), Topics.CITY_STATS, "read_committed"))
                .as("city figures come out").isNotEmpty();
        assertThat(cluster.jobState(jobId)).isEqualTo("RUNNING");
    }

    /** The same match pipeline, bounded, in an in-process mini cluster without failures. */
    private static Set<String> referenceRun() throws Exception {
        Configuration conf = new Configuration();
        conf.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(JobOptions.BOUNDED, true);
        conf.set(JobOptions.DELIVERY_GUARANTEE, "at-least-once");
        conf.set(JobOptions.TOPIC_MATCHES, REFERENCE_MATCHES);
        conf.set(JobOptions.TOPIC_DEAD_LETTERS, REFERENCE_DEAD_LETTERS);
        conf.set(JobOptions.GROUP_ID_PREFIX, "reference");
        // The pools outgrow the JobManager-memory checkpoint storage's limit.
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("reference-checkpoints").toUri().toString());
        StreamExecutionEnvironment env = JobEnvironment.create(conf);
        env.setParallelism(2);
        MatchJob.wireKafka(env, conf);
        env.execute("reference");
        return ids(TopicReaderAccess.readAll(kafka.bootstrapServers(), REFERENCE_MATCHES, "read_committed"));
    }

    private static List<JsonNode> committedMatches() {
        return TopicReaderAccess.readAll(kafka.bootstrapServers(), Topics.MATCHES, "read_committed");
    }

    private static Set<String> ids(List<JsonNode> matches) {
        return matches.stream().map(m -> m.path("matchId").asText()).collect(Collectors.toSet());
    }

    private static void write(List<SimEvent> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            events.forEach(e -> producer.send(new ProducerRecord<>(e.topic(), e.key(), e.value())));
        }
    }

    private static Path jobsJar() {
        Path jar = io.matchstream.local.RepoRootAccess.find().resolve("jobs/target/matchstream-jobs.jar");
        assertThat(jar).as("the shaded jobs jar (built by -am package)").isRegularFile();
        return jar;
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        try {
            FlinkProcessCluster.awaitTrue(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logs(), e);
        }
    }
}
