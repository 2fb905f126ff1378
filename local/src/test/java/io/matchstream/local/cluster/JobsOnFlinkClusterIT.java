package io.matchstream.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import io.matchstream.testkit.kafka.TopicDrain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
    private static final Duration IDLE_TIMEOUT = Duration.ofHours(1);
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
        long started = System.nanoTime();
        // Small on purpose: this proves recovery, not throughput (a day of two cities).
        List<SimEvent> events = Simulator.stream(SimulatorConfig.builder()
                .seed(7)
                .cities("ningbo", "suzhou")
                .duration(Duration.ofDays(1))
                .poisonRate(0.01)
                .build()).toList();
        int half = events.size() / 2;
        Map<String, Long> newestPerPartition = new HashMap<>();
        write(events.subList(0, half), newestPerPartition);

        String jobId = cluster.flinkRun(jobsJar(), STARTUP,
                "--job", "all",
                "--kafka.bootstrap-servers", kafka.bootstrapServers(),
                "--delivery.guarantee", "exactly-once",
                "--checkpoint.interval", "2s",
                // A reader stalled by the loaded machine must not be declared idle: the watermark
                // would overtake its records and the output would depend on scheduling.
                "--source.idle-timeout", IDLE_TIMEOUT.toMinutes() + "min",
                "--kafka.transactional-id-prefix", "cluster-it");
        await("the job runs", STARTUP, () -> cluster.jobState(jobId).equals("RUNNING"));
        await("committed matches from the first half", PROGRESS, () -> !committedMatches().isEmpty());
        long checkpointsBeforeKill = cluster.completedCheckpoints(jobId);
        await("a checkpoint after the first matches", PROGRESS,
                () -> cluster.completedCheckpoints(jobId) > checkpointsBeforeKill);

        int victim = cluster.busiestTaskManager();
        cluster.killTaskManager(victim);
        await("the job is restored from a checkpoint", PROGRESS,
                () -> cluster.restoredCheckpoints(jobId) >= 1 && cluster.jobState(jobId).equals("RUNNING"));
        JsonNode restored = cluster.restoredCheckpoint(jobId).orElseThrow();
        write(events.subList(half, events.size()), newestPerPartition);

        // The unbounded job emits a match once the watermark — the slowest partition's newest
        // event time less the allowed disorder — passes its time; later ones wait for input that
        // never comes. Both runs are compared up to that point, with a second's margin.
        long cutoff = newestPerPartition.values().stream().mapToLong(Long::longValue).min().orElseThrow()
                - JobOptions.MAX_OUT_OF_ORDERNESS.defaultValue().toMillis() - 1000;
        Set<String> expected = matchIdsUpTo(referenceRun(), cutoff);
        assertThat(expected).as("the failure-free run matches something").isNotEmpty();
        await("every match of the failure-free run is committed", PROGRESS,
                () -> matchIdsUpTo(committedMatches(), cutoff).containsAll(expected));

        List<JsonNode> committed = committedMatches();
        Map<String, Long> perId = committed.stream()
                .collect(Collectors.groupingBy(m -> m.path("matchId").asText(), Collectors.counting()));
        // Only the repeats, so a failure names them instead of printing every id.
        Map<String, Long> repeated = perId.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated).as("matches committed more than once").isEmpty();
        Set<String> compared = matchIdsUpTo(committed, cutoff);
        assertThat(difference(compared, expected)).as("committed matches the failure-free run did not make").isEmpty();
        assertThat(difference(expected, compared)).as("matches of the failure-free run not committed").isEmpty();
        assertThat(TopicDrain.of(kafka.bootstrapServers()).json(Topics.CITY_STATS))
                .as("city figures come out").isNotEmpty();
        assertThat(cluster.jobState(jobId)).isEqualTo("RUNNING");
        // Printed for local/README.md: what one run proved and how long it took.
        System.out.printf("cluster IT: %d events, killed tm-%d, restored checkpoint %s (%s), %d matches compared"
                        + " (%d committed in all), %d s%n",
                events.size(), victim, restored.path("id").asText(), restored.path("external_path").asText(),
                expected.size(), perId.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** The same match pipeline, bounded, in an in-process mini cluster without failures. */
    private static List<JsonNode> referenceRun() throws Exception {
        Configuration conf = new Configuration();
        conf.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(JobOptions.BOUNDED, true);
        conf.set(JobOptions.IDLE_TIMEOUT, IDLE_TIMEOUT);
        conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
        conf.set(JobOptions.TOPIC_MATCHES, REFERENCE_MATCHES);
        conf.set(JobOptions.TOPIC_DEAD_LETTERS, REFERENCE_DEAD_LETTERS);
        conf.set(JobOptions.GROUP_ID_PREFIX, "reference");
        // The pools outgrow the JobManager-memory checkpoint storage's limit.
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("reference-checkpoints").toUri().toString());
        StreamExecutionEnvironment env = JobEnvironment.create(conf);
        env.setParallelism(2);
        MatchJob.wireKafka(env, conf);
        env.execute("reference");
        // Failure-free and at-least-once: each match once (checked, so a repeat here is not hidden).
        List<JsonNode> matches = TopicDrain.of(kafka.bootstrapServers()).json(REFERENCE_MATCHES);
        assertThat(ids(matches)).as("the reference run repeats no match").hasSize(matches.size());
        return matches;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new java.util.TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static Set<String> matchIdsUpTo(List<JsonNode> matches, long cutoff) {
        return ids(matches.stream()
                .filter(m -> IsoTime.parse(m.path("eventTime").asText()) <= cutoff)
                .toList());
    }

    private static List<JsonNode> committedMatches() {
        return TopicDrain.of(kafka.bootstrapServers()).json(Topics.MATCHES);
    }

    private static Set<String> ids(List<JsonNode> matches) {
        return matches.stream().map(m -> m.path("matchId").asText()).collect(Collectors.toSet());
    }

    /** Writes in order and notes, per topic partition, the newest event time of a valid record. */
    private static void write(List<SimEvent> events, Map<String, Long> newestPerPartition)
            throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            events.forEach(e -> sent.add(producer.send(new ProducerRecord<>(e.topic(), e.key(), e.value()))));
        }
        for (int i = 0; i < events.size(); i++) {
            RecordMetadata where = sent.get(i).get();
            // A malformed record has no event time and never moves a watermark.
            if (!events.get(i).isPoison()) {
                newestPerPartition.merge(where.topic() + "-" + where.partition(), events.get(i).eventTime(), Math::max);
            }
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
