package io.matchstream.local;

import org.apache.flink.connector.base.DeliveryGuarantee;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.jobs.match.MatchOptions;
import io.matchstream.jobs.stats.StatsOptions;
import io.matchstream.jobs.stats.CityStatsJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink mini cluster in this JVM running the match and city-stats pipelines as one job — the
 * same {@code wireKafka} code the cluster jar runs. At-least-once delivery: output is visible as
 * soon as it is produced instead of at the next checkpoint, and a repeat after a crash carries the
 * same id, which the gateway drops.
 */
final class LocalFlink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final MiniCluster cluster;
    private final JobID jobId;
    private final DataDir dataDir;
    private final boolean keepState;

    private LocalFlink(MiniCluster cluster, JobID jobId, DataDir dataDir, boolean keepState) {
        this.cluster = cluster;
        this.jobId = jobId;
        this.dataDir = dataDir;
        this.keepState = keepState;
    }

    /** Flink options whose keys start with this may be passed: its metric reporters. */
    static final String METRICS_PREFIX = "metrics.";

    /**
     * The jobs' options the all-in-one decides itself: its own broker and the topics the gateway
     * reads, its delivery (see the README), and an unbounded run.
     */
    private static final Set<String> OWNED = Set.of(JobOptions.BOOTSTRAP_SERVERS.key(),
            JobOptions.DELIVERY_GUARANTEE.key(), JobOptions.BOUNDED.key());
    private static final String OWNED_PREFIX = "topic.";

    /** Every option the two jobs read. */
    private static List<ConfigOption<?>> jobOptions() {
        List<ConfigOption<?>> all = new ArrayList<>(JobOptions.all());
        all.addAll(MatchOptions.all());
        all.addAll(StatsOptions.all());
        return all;
    }

    /**
     * Options given on the command line ({@code --flink key=value}) as a Flink configuration: any of
     * the jobs' options (jobs/README.md) but those the all-in-one decides, and Flink's own
     * {@code metrics.*} (a metric reporter, such as Prometheus'). Any other key is refused, naming
     * it, rather than silently ignored.
     */
    static Configuration options(Map<String, String> given) {
        Set<String> jobKeys = jobOptions().stream().map(ConfigOption::key).collect(Collectors.toCollection(TreeSet::new));
        jobKeys.removeAll(OWNED);
        jobKeys.removeIf(key -> key.startsWith(OWNED_PREFIX));
        for (String key : given.keySet()) {
            if (OWNED.contains(key) || key.startsWith(OWNED_PREFIX)) {
                throw new IllegalArgumentException("--flink " + key + " is set by the all-in-one itself");
            }
            if (!jobKeys.contains(key) && !key.startsWith(METRICS_PREFIX)) {
                throw new IllegalArgumentException("--flink " + key + " is not an option of the jobs (" + String.join(", ",
                        jobKeys) + ") nor a Flink " + METRICS_PREFIX + "* option");
            }
        }
        Configuration conf = Configuration.fromMap(given);
        jobOptions().forEach(conf::getOptional); // a value that does not parse fails here, naming its key
        return conf;
    }

    /**
     * Starts the cluster and submits the jobs, resuming from {@code restoreFrom} when given.
     *
     * @param keepState whether a stop writes a savepoint for the next run to resume from
     * @param given options from {@link #options}; the all-in-one's own settings below apply on top
     */
    static LocalFlink start(String bootstrapServers, DataDir dataDir, int parallelism, Optional<Path> restoreFrom,
            boolean keepState, Configuration given) throws Exception {
        Configuration conf = new Configuration(given);
        conf.set(JobOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
        if (!given.contains(JobOptions.CHECKPOINT_INTERVAL)) {
            conf.set(JobOptions.CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL);
        }
        // The accelerated simulator runs up to a day ahead of the wall clock on purpose: let the
        // watermark follow it (in production the lead stays small, see jobs/README.md).
        if (!given.contains(JobOptions.WATERMARK_MAX_LEAD)) {
            conf.set(JobOptions.WATERMARK_MAX_LEAD, JobOptions.MAX_FUTURE_SKEW.defaultValue());
        }
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dataDir.checkpoints().toUri().toString());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, dataDir.savepoints().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);

        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build());
        cluster.start();
        try {
            StreamExecutionEnvironment env = JobEnvironment.create(conf);
            env.setParallelism(parallelism);
            MatchJob.wireKafka(env, conf);
            CityStatsJob.wireKafka(env, conf);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName("matchstream local");
            restoreFrom.ifPresent(path -> {
                LOG.info("Resuming the jobs from {}", path);
                graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(path.toUri().toString(), false));
            });
            JobID jobId = cluster.submitJob(graph).get().getJobID();
            return new LocalFlink(cluster, jobId, dataDir, keepState);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    JobStatus status() throws Exception {
        return cluster.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
    }

    /**
     * Stops the job — with a savepoint when state is kept, so the next run neither loses nor
     * repeats anything — and shuts the cluster down.
     */
    @Override
    public void close() throws Exception {
        try {
            if (!status().isGloballyTerminalState()) {
                if (keepState) {
                    String savepoint = cluster.stopWithSavepoint(jobId, dataDir.savepoints().toUri().toString(), false,
                            SavepointFormatType.CANONICAL).get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    LOG.info("Jobs stopped with savepoint {}", savepoint);
                } else {
                    cluster.cancelJob(jobId).get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            LOG.warn("Stopping the jobs cleanly failed; the last retained checkpoint remains", e);
            cluster.cancelJob(jobId);
        } finally {
            cluster.close();
        }
    }
}
