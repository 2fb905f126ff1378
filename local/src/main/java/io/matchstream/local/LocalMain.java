package io.matchstream.local;

import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import io.matchstream.config.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar matchstream-local.jar}: the whole system on this machine until Ctrl-C. Every
 * option is named by its key and can also come from its {@code MATCHSTREAM_*} environment
 * variable; the command line wins (the convention of every command, {@link CommandLines}).
 */
@Command(name = "matchstream-local", mixinStandardHelpOptions = true,
        description = "Embedded Kafka, Flink mini cluster with the jobs, gateway with the dashboards, "
                + "and the simulator, in one process.")
public final class LocalMain implements Callable<Integer> {

    @Option(names = "--data-dir",
            description = "Keep Kafka's data, Flink's checkpoints and the simulator's progress here; a restart "
                    + "resumes where it stopped. Default: a temporary directory deleted on exit. "
                    + "Env: MATCHSTREAM_DATA_DIR")
    Path dataDir;

    @Option(names = {"--http.port", "--port"}, defaultValue = "8080",
            description = "Gateway and dashboards port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}). "
                    + "Env: MATCHSTREAM_HTTP_PORT")
    int port;

    @Option(names = {"--simulator.clock-speed", "--clock-speed"}, defaultValue = "144",
            description = "Simulated seconds per wall second; 144 makes a day last 10 minutes "
                    + "(default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_SIMULATOR_CLOCK_SPEED")
    double clockSpeed;

    @Option(names = {"--simulator.seed", "--seed"}, defaultValue = "42",
            description = "Simulator seed (default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_SIMULATOR_SEED")
    long seed;

    @Option(names = "--no-simulator", negatable = false, defaultValue = "false",
            description = "Do not run the simulator (feed the vacancies/candidates topics yourself). "
                    + "Env: MATCHSTREAM_NO_SIMULATOR")
    boolean noSimulator;

    @Option(names = "--no-closed-loop", negatable = false,
            defaultValue = "false",
            description = "The simulator fills posts without reading the matches: no outcomes on match-outcomes, "
                    + "no hires through matches. Env: MATCHSTREAM_NO_CLOSED_LOOP")
    boolean noClosedLoop;

    @Option(names = {"--simulator.poison-rate", "--poison-rate"}, defaultValue = "0.001",
            description = "Share of malformed records the simulator mixes in, to see dead letters "
                    + "(default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_SIMULATOR_POISON_RATE")
    double poisonRate;

    @Option(names = "--parallelism", defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_PARALLELISM")
    int parallelism;

    @Option(names = {"--local.city", "--city"}, defaultValue = "ningbo",
            description = "The city whose development token is printed and whose matches the status line shows "
                    + "(default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_LOCAL_CITY")
    String city;

    @Option(names = "--notifier", paramLabel = "KEY=VALUE",
            description = "A notifier option, repeatable: receivers=ops --notifier receiver.ops.type=webhook … "
                    + "(keys in notifier/README.md; secrets only from MATCHSTREAM_RECEIVER_*_TOKEN/_SECRET). "
                    + "The notifier runs when receivers are configured.")
    java.util.Map<String, String> notifier = new java.util.LinkedHashMap<>();

    @Option(names = "--flink", paramLabel = "KEY=VALUE",
            description = "A job option (jobs/README.md, e.g. source.idle-timeout=30s) or a Flink metrics.* option, "
                    + "repeatable; e.g. Flink's Prometheus reporter: --flink metrics.reporter.prom.factory.class="
                    + "org.apache.flink.metrics.prometheus.PrometheusReporterFactory --flink metrics.reporter.prom.port=9249")
    java.util.Map<String, String> flink = new java.util.LinkedHashMap<>();

    /** Seconds between two status lines. */
    static final long STATUS_PERIOD_SECONDS = 5;

    /** The system property log4j2.xml names the log file by. */
    static final String LOG_FILE_PROPERTY = "matchstream.log.file";

    public static void main(String[] args) {
        int exit = CommandLines.create(new LocalMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        // Before anything logs: Log4j reads the file's name when it starts.
        Path logFile = logFile(dataDir);
        System.setProperty(LOG_FILE_PROPERTY, logFile.toString());
        LocalConfig config = new LocalConfig(dataDir, port, clockSpeed, seed, !noSimulator, poisonRate, parallelism,
                1.0, List.of(), null, 0, !noClosedLoop);
        LocalSystem system = LocalSystem.start(config, notifier, flink, System.getenv());
        long readyMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        CountDownLatch stopped = new CountDownLatch(1);
        System.out.println(banner(system, readyMs, logFile));
        StatusLine status = StatusLine.start(system, city, System.out, System.console() != null,
                STATUS_PERIOD_SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            status.close();
            System.out.println("\nStopping: simulator, jobs, gateway, Kafka…");
            system.close();
            System.out.println("Stopped." + (dataDir != null ? " State kept in " + dataDir.toAbsolutePath() : ""));
            stopped.countDown();
            // Log4j's own shutdown hook is off (log4j2.xml) so that stopping can still log.
            LogManager.shutdown();
        }, "matchstream-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Flink's, Kafka's and Vert.x's logs go to a file, not the terminal: in the data directory when
     * there is one, else a temporary file that outlives the run (so a failure can still be read).
     */
    static Path logFile(Path dataDir) throws IOException {
        if (dataDir != null) {
            Path logs = dataDir.resolve("logs");
            Files.createDirectories(logs);
            return logs.resolve("matchstream.log").toAbsolutePath();
        }
        return Files.createTempFile("matchstream-local-", ".log").toAbsolutePath();
    }

    private String banner(LocalSystem system, long readyMs, Path logFile) {
        return """

                matchstream is running — ready in %.1f s (JVM start to ready)

                  Dashboards      %s
                  Ministry token  %s
                  City token      %s  (%s)
                  Kafka           %s
                  Data            %s
                  Logs            %s  (errors also here)

                Sign in on the dashboards page with a token (development mode, loopback only).
                Ctrl-C stops everything%s.
                """.formatted(readyMs / 1000.0, system.dashboardUrl(), system.ministryToken(),
                system.cityToken(city), city, system.bootstrapServers(), system.dataDir(), logFile,
                dataDir == null ? " and deletes the temporary data (not the log)" : "; the next start resumes from " + dataDir);
    }
}
