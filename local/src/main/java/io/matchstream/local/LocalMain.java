package io.matchstream.local;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar matchstream-local.jar}: the whole system on this machine until Ctrl-C. Every
 * option can also come from its {@code MATCHSTREAM_*} environment variable; the command line wins.
 */
@Command(name = "matchstream-local", mixinStandardHelpOptions = true,
        description = "Embedded Kafka, Flink mini cluster with the jobs, gateway with the dashboards, "
                + "and the simulator, in one process.")
public final class LocalMain implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:MATCHSTREAM_DATA_DIR}",
            description = "Keep Kafka's data, Flink's checkpoints and the simulator's progress here; a restart "
                    + "resumes where it stopped. Default: a temporary directory deleted on exit. "
                    + "Env: MATCHSTREAM_DATA_DIR")
    Path dataDir;

    @Option(names = "--port", defaultValue = "${env:MATCHSTREAM_HTTP_PORT:-8080}",
            description = "Gateway and dashboards port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}). "
                    + "Env: MATCHSTREAM_HTTP_PORT")
    int port;

    @Option(names = "--clock-speed", defaultValue = "${env:MATCHSTREAM_SIMULATOR_CLOCK_SPEED:-144}",
            description = "Simulated seconds per wall second; 144 makes a day last 10 minutes "
                    + "(default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_SIMULATOR_CLOCK_SPEED")
    double clockSpeed;

    @Option(names = "--seed", defaultValue = "${env:MATCHSTREAM_SIMULATOR_SEED:-42}",
            description = "Simulator seed (default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_SIMULATOR_SEED")
    long seed;

    @Option(names = "--no-simulator", negatable = false, defaultValue = "${env:MATCHSTREAM_NO_SIMULATOR:-false}",
            description = "Do not run the simulator (feed the vacancies/candidates topics yourself). "
                    + "Env: MATCHSTREAM_NO_SIMULATOR")
    boolean noSimulator;

    @Option(names = "--poison-rate", defaultValue = "${env:MATCHSTREAM_SIMULATOR_POISON_RATE:-0.001}",
            description = "Share of malformed records the simulator mixes in, to see dead letters "
                    + "(default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_SIMULATOR_POISON_RATE")
    double poisonRate;

    @Option(names = "--parallelism", defaultValue = "${env:MATCHSTREAM_PARALLELISM:-2}",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}). Env: MATCHSTREAM_PARALLELISM")
    int parallelism;

    @Option(names = "--city", defaultValue = "${env:MATCHSTREAM_LOCAL_CITY:-ningbo}",
            description = "The city whose development token is printed (default: ${DEFAULT-VALUE}). "
                    + "Env: MATCHSTREAM_LOCAL_CITY")
    String city;

    @Option(names = "--notifier", paramLabel = "KEY=VALUE",
            description = "A notifier option, repeatable: receivers=ops --notifier receiver.ops.type=webhook … "
                    + "(keys in notifier/README.md; secrets only from MATCHSTREAM_RECEIVER_*_TOKEN/_SECRET). "
                    + "The notifier runs when receivers are configured.")
    java.util.Map<String, String> notifier = new java.util.LinkedHashMap<>();

    public static void main(String[] args) {
        int exit = new CommandLine(new LocalMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        LocalConfig config = new LocalConfig(dataDir, port, clockSpeed, seed, !noSimulator, poisonRate, parallelism,
                notifier);
        LocalSystem system = LocalSystem.start(config);
        long readyMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping: simulator, jobs, gateway, Kafka…");
            system.close();
            System.out.println("Stopped." + (dataDir != null ? " State kept in " + dataDir.toAbsolutePath() : ""));
            stopped.countDown();
            // Log4j's own shutdown hook is off (log4j2.xml) so that stopping can still log.
            LogManager.shutdown();
        }, "matchstream-shutdown"));
        System.out.println(banner(system, readyMs));
        stopped.await();
        return 0;
    }

    private String banner(LocalSystem system, long readyMs) {
        return """

                matchstream is running — ready in %.1f s (JVM start to ready)

                  Dashboards      %s
                  Ministry token  %s
                  City token      %s  (%s)
                  Kafka           %s
                  Data            %s

                Sign in on the dashboards page with a token (development mode, loopback only).
                Ctrl-C stops everything%s.
                """.formatted(readyMs / 1000.0, system.dashboardUrl(), system.ministryToken(),
                system.cityToken(city), city, system.bootstrapServers(), system.dataDir(),
                dataDir == null ? " and deletes the temporary data" : "; the next start resumes from " + dataDir);
    }
}
