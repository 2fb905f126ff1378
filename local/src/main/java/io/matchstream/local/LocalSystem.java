package io.matchstream.local;

import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.gateway.Gateway;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.local.DataDir.SimulatorProgress;
import io.matchstream.notifier.Notifier;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in this JVM: embedded Kafka → Flink mini cluster running the jobs → the
 * gateway with the dashboards (development mode, loopback only) ← the simulator feeding Kafka.
 * {@link #close()} stops them in the reverse order, so nothing is lost in flight.
 */
public final class LocalSystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSystem.class);

    /** How long the dev tokens the banner prints stay valid. */
    static final Duration TOKEN_TTL = Duration.ofHours(12);

    /** A fresh run starts this far back, so the pools fill in seconds and days pass visibly. */
    static final Duration FRESH_START_BACK = Duration.ofDays(7);

    /** The consumer groups of the two jobs' Kafka sources, and what each reads. */
    private static final Map<String, List<String>> JOB_INPUTS = Map.of(
            JobOptions.GROUP_ID_PREFIX.defaultValue() + "-" + MatchJob.NAME,
            List.of(Topics.VACANCIES, Topics.CANDIDATES),
            JobOptions.GROUP_ID_PREFIX.defaultValue() + "-" + CityStatsJob.NAME,
            List.of(Topics.VACANCIES, Topics.CANDIDATES, Topics.MATCHES, Topics.MATCH_OUTCOMES));
    private static final List<String> INPUTS = List.of(Topics.VACANCIES, Topics.CANDIDATES, Topics.MATCH_OUTCOMES);
    private static final List<String> OUTPUTS =
            List.of(Topics.MATCHES, Topics.CITY_STATS, Topics.ALERTS, Topics.DEAD_LETTERS);
    private static final long LAG_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DataDir dataDir;
    private final boolean temporary;
    private final EmbeddedKafka kafka;
    private final LocalFlink flink;
    private final Vertx vertx;
    private final Gateway gateway;
    private final SimulatorFeed simulator;
    private final TopicOffsets offsets;
    private final LiveFigures figures;
    private final int generation;
    /** Null when no receivers are configured. */
    private Notifier notifier;
    private long lag;
    private long lagAtNanos;
    private boolean closed;

    private LocalSystem(DataDir dataDir, boolean temporary, EmbeddedKafka kafka, LocalFlink flink, Vertx vertx,
            Gateway gateway, SimulatorFeed simulator, TopicOffsets offsets, LiveFigures figures, int generation) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.kafka = kafka;
        this.flink = flink;
        this.vertx = vertx;
        this.gateway = gateway;
        this.simulator = simulator;
        this.offsets = offsets;
        this.figures = figures;
        this.generation = generation;
    }

    public static LocalSystem start(LocalConfig config) throws Exception {
        return start(config, Map.of());
    }

    /** @param notifierOptions the notifier's options (see notifier/README.md); it runs when receivers are configured */
    public static LocalSystem start(LocalConfig config, Map<String, String> notifierOptions) throws Exception {
        return start(config, notifierOptions, Map.of(), System.getenv());
    }

    /**
     * @param notifierOptions the notifier's options (see notifier/README.md); it runs when receivers are configured
     * @param flinkOptions the jobs' options and Flink's {@code metrics.*} (see {@link LocalFlink#options})
     * @param environment where the notifier reads its {@code MATCHSTREAM_*} variables and secrets
     */
    public static LocalSystem start(LocalConfig config, Map<String, String> notifierOptions,
            Map<String, String> flinkOptions, Map<String, String> environment) throws Exception {
        Configuration flinkConf = LocalFlink.options(flinkOptions);
        boolean temporary = config.dataDir() == null;
        DataDir dataDir = new DataDir(temporary ? Files.createTempDirectory("matchstream-local-") : config.dataDir());
        // The gateway's allowed origins name its port, so "any free port" is chosen here.
        int port = config.port() == 0 ? freePort() : config.port();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir.kafka()).start();
            started.add(kafka);
            TopicOffsets offsets = new TopicOffsets(kafka.bootstrapServers());
            started.add(offsets);
            // The jobs commit their offsets at the first checkpoint; without this their first
            // commits fail while the broker creates its offsets topic.
            offsets.awaitGroupCoordinator(JOB_INPUTS.keySet().iterator().next());
            Optional<Path> snapshot = temporary ? Optional.empty() : dataDir.latestSnapshot();
            LocalFlink flink = LocalFlink.start(kafka.bootstrapServers(), dataDir, config.parallelism(), snapshot,
                    !temporary, flinkConf);
            started.add(flink);
            Vertx vertx = Vertx.vertx();
            started.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
            Gateway gateway = Gateway.deploy(vertx, gatewayConfig(port, kafka.bootstrapServers()))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            Notifier notifier = LocalNotifier.start(notifierOptions, environment, kafka.bootstrapServers(), port);
            if (notifier != null) {
                started.add(notifier);
            }

            Optional<SimulatorProgress> progress = dataDir.simulatorProgress();
            int generation = progress.map(p -> p.generation() + 1).orElse(0);
            SimulatorFeed simulator = new SimulatorFeed(kafka.bootstrapServers(), SimulatorConfig.builder()
                    .seed(seedOf(config.seed(), generation))
                    .start(progress.map(p -> resumeAt(p.reached()))
                            .orElseGet(() -> config.start() != null ? config.start() : freshStart()))
                    .poisonRate(config.poisonRate())
                    .volumeScale(config.volumeScale())
                    .cities(config.cities())
                    .build(), config.clockSpeed(), config.closedLoop());
            LiveFigures figures = new LiveFigures(kafka.bootstrapServers());
            started.add(figures);
            LocalSystem system = new LocalSystem(dataDir, temporary, kafka, flink, vertx, gateway, simulator, offsets,
                    figures, generation);
            system.notifier = notifier;
            if (config.maxLag() > 0) {
                simulator.brake(() -> {
                    try {
                        return system.consumerLag() > config.maxLag();
                    } catch (RuntimeException e) {
                        return true; // the broker is too busy to answer: wait for it
                    }
                });
            }
            if (config.simulator()) {
                simulator.start();
            }
            return system;
        } catch (Exception e) {
            closeAll(started);
            if (temporary) {
                deleteTree(dataDir.root());
            }
            throw e;
        }
    }

    public int port() {
        return gateway.port();
    }

    public String dashboardUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Path dataDir() {
        return dataDir.root();
    }

    public String ministryToken() {
        return gateway.tokens().ministry("local-ministry", TOKEN_TTL);
    }

    public String cityToken(String cityId) {
        return gateway.tokens().city("local-" + cityId, cityId, TOKEN_TTL);
    }

    /** The simulated instant the simulator has reached. */
    public Instant simulatedTime() {
        return simulator.reached();
    }

    public long simulatedEvents() {
        return simulator.sent();
    }

    /** The notifier's {@code /metrics} port, or -1 when no receivers are configured. */
    public int notifierMetricsPort() {
        return notifier == null ? -1 : notifier.metricsPort();
    }

    /** Records written so far into the jobs' input topics and by the jobs. */
    public record Throughput(long in, long out) {
    }

    public Throughput throughput() {
        return new Throughput(offsets.written(INPUTS), offsets.written(OUTPUTS));
    }

    /** Matches the match job has written so far. */
    public long matchesWritten() {
        return offsets.written(List.of(Topics.MATCHES));
    }

    /** Outcomes the simulator has written to {@code match-outcomes} so far (closed loop). */
    public long outcomesWritten() {
        return offsets.written(List.of(Topics.MATCH_OUTCOMES));
    }

    /**
     * Input records the two jobs have not yet read, as of their last checkpoint; refreshed at most
     * once a second.
     */
    public synchronized long consumerLag() {
        if (lagAtNanos == 0 || System.nanoTime() - lagAtNanos > LAG_REFRESH_NANOS) {
            long sum = 0;
            for (Map.Entry<String, List<String>> job : JOB_INPUTS.entrySet()) {
                sum += offsets.lag(job.getKey(), job.getValue());
            }
            lag = sum;
            lagAtNanos = System.nanoTime();
        }
        return lag;
    }

    /** The city-stats job's figures, as the dashboards get them. */
    public LiveFigures figures() {
        return figures;
    }

    /** Bytes on disk of the newest complete checkpoint (0 before the first). */
    public long checkpointBytes() {
        return dataDir.newestCheckpoint().map(DataDir::sizeOf).orElse(0L);
    }

    /** Whether the jobs are running (not failed, restarting or stopped). */
    public boolean jobsRunning() {
        try {
            return flink.status() == org.apache.flink.api.common.JobStatus.RUNNING;
        } catch (Exception e) {
            return false;
        }
    }

    /** Stops the simulator, the jobs (with a savepoint if the data directory is kept), the gateway, Kafka. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        simulator.close();
        figures.close();
        if (!temporary) {
            dataDir.saveSimulatorProgress(new SimulatorProgress(generation, simulator.reached()));
        }
        // In start order; closeAll stops the last first: jobs, gateway, Vert.x, then the broker.
        List<AutoCloseable> order = new ArrayList<>();
        order.add(kafka);
        order.add(offsets);
        order.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        order.add(() -> gateway.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        order.add(flink);
        if (notifier != null) {
            order.add(notifier);
        }
        closeAll(order);
        if (temporary) {
            deleteTree(dataDir.root());
        }
    }

    private static JsonObject gatewayConfig(int port, String bootstrapServers) {
        return new JsonObject()
                .put("http.host", "127.0.0.1")
                .put("http.port", port)
                .put("kafka.bootstrap-servers", bootstrapServers)
                .put("dev-mode", true)
                // The local jobs write at-least-once, without transactions.
                .put("kafka.isolation-level", "read_uncommitted")
                .put("allowed-origins", new JsonArray()
                        .add("http://127.0.0.1:" + port)
                        .add("http://localhost:" + port));
    }

    /** Each run after the first gets its own seed, so its new ids never collide with earlier ones. */
    static long seedOf(long seed, int generation) {
        return seed + 1_000_003L * generation;
    }

    /**
     * Where a restarted simulator begins: its fresh initial stock is timed in the {@link
     * Simulator#INITIAL_STOCK_WINDOW} before its start, and must not be older than what the
     * restored jobs' watermark (the previous run's newest time less {@link Simulator#MAX_DISORDER})
     * has already passed, or the jobs would drop it as late.
     */
    static Instant resumeAt(Instant reached) {
        return reached.plus(Simulator.INITIAL_STOCK_WINDOW).plus(Simulator.MAX_DISORDER).plusSeconds(1);
    }

    /** Shanghai midnight a week ago: recent enough that the jobs accept the times as current. */
    static Instant freshStart() {
        LocalDate day = LocalDate.now(ShanghaiCalendar.ZONE).minusDays(FRESH_START_BACK.toDays());
        return day.atStartOfDay(ShanghaiCalendar.ZONE).toInstant();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("Stopping {} failed", started.get(i), e);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", root, e);
        }
    }
}
