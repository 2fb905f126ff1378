package io.matchstream.bench.soak;

import io.matchstream.config.CommandLines;
import io.matchstream.events.CityStats;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.local.LocalConfig;
import io.matchstream.local.LocalSystem;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The all-in-one's pipeline — simulator → embedded Kafka → both jobs on a Flink mini cluster →
 * the gateway's Kafka feed — run by {@link LocalSystem} exactly as {@code ./run} runs it, but on a
 * clock as fast as the jobs keep up (the simulator pauses while their consumer lag exceeds
 * {@code --max-lag}). Each time the city-stats job closes a simulated day (its event time passes
 * Shanghai midnight) one row is printed: live heap after a full GC, checkpoint size, open entries,
 * Flink timers, the day's matches for one city and nationally, events/s and GC time share.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Runs the all-in-one's pipeline as fast as the machine allows for N simulated days "
                + "and prints a row per day.")
public final class Soak implements Callable<Integer> {
    private static final double MIB = 1 << 20;

    @Option(names = "--days", defaultValue = "30", description = "Simulated days after the start (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = {"--simulator.volume-scale", "--volume"}, defaultValue = "1.0", description = "Simulator volume (default: ${DEFAULT-VALUE}).")
    double volume;

    @Option(names = {"--local.city", "--city"}, defaultValue = "ningbo", description = "City whose matches get a column (default: ${DEFAULT-VALUE}).")
    String city;

    @Option(names = "--max-lag", defaultValue = "50000",
            description = "The simulator waits while the jobs are this many records behind (default: ${DEFAULT-VALUE}).")
    long maxLag;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = {"--simulator.seed", "--seed"}, defaultValue = "42", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--day-timeout", defaultValue = "PT45M",
            description = "Give up when a day takes longer than this in wall time (default: ${DEFAULT-VALUE}).")
    Duration dayTimeout;

    @Option(names = "--top-classes", defaultValue = "0",
            description = "Also list the classes holding most of the live heap, per day (default: ${DEFAULT-VALUE}).")
    int topClasses;

    public static void main(String[] args) {
        // Before anything logs: Flink, Kafka and Vert.x write to a file, the table to stdout.
        System.setProperty("log4j2.configurationFile", "log4j2-soak.xml");
        System.exit(CommandLines.create(new Soak()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path log = Files.createTempFile("matchstream-soak-", ".log");
        System.setProperty("matchstream.log.file", log.toString());
        // Far enough back that N days at full speed never run into the jobs' one-day skew limit.
        LocalDate firstDay = LocalDate.now(ShanghaiCalendar.ZONE).minusDays(days + 2L);
        Instant start = firstDay.atStartOfDay(ShanghaiCalendar.ZONE).toInstant();
        LocalConfig config = new LocalConfig(null, 0, 0, seed, true, 0.001, parallelism, volume, List.of(), start,
                maxLag);
        System.out.printf(Locale.ROOT, "Soak: %d simulated days from %s, all cities, volume %.2f, seed %d, "
                        + "parallelism %d, max lag %,d; JVM max heap %,.0f MiB, %d CPUs; log %s%n",
                days, firstDay, volume, seed, parallelism, maxLag,
                Runtime.getRuntime().maxMemory() / MIB, Runtime.getRuntime().availableProcessors(), log);
        List<Row> rows = new ArrayList<>();
        try (LocalSystem system = LocalSystem.start(config)) {
            System.out.println(Row.HEADER.formatted(city));
            Sample previous = Sample.of(system, 0);
            String lastDay = firstDay.plusDays(days - 1L).toString();
            String next = firstDay.minusDays(1).toString();
            long dayStarted = System.nanoTime();
            while (next.compareTo(lastDay) <= 0) {
                Optional<String> closed = nextClosedDay(system, next);
                if (closed.isEmpty()) {
                    if (System.nanoTime() - dayStarted > dayTimeout.toNanos()) {
                        System.out.printf("Stopped: day %s did not close within %s (jobs running: %s, lag %,d).%n",
                                next, dayTimeout, system.jobsRunning(), system.consumerLag());
                        return 1;
                    }
                    Thread.sleep(500);
                    continue;
                }
                String day = closed.get();
                awaitClosing(system, day, city);
                long censusStart = System.nanoTime();
                long gcBefore = gcMillis();
                HeapCensus census = HeapCensus.take();
                long censusGc = gcMillis() - gcBefore;
                Sample now = Sample.of(system, gcMillis() - censusGc);
                Row row = Row.of(day, LocalDate.parse(day).toEpochDay() - firstDay.toEpochDay() + 1, previous, now,
                        census, system.checkpointBytes(), figures(system, day, CityStats.NATIONAL),
                        figures(system, day, city), system.consumerLag());
                rows.add(row);
                System.out.println(row.text());
                if (topClasses > 0) {
                    System.out.print(census.top(topClasses));
                }
                // The census is the harness's own cost: neither the next day's time nor its GC share.
                previous = new Sample(now.nanos() + (System.nanoTime() - censusStart), now.in(), now.gcMillis());
                next = LocalDate.parse(day).plusDays(1).toString();
                dayStarted = System.nanoTime();
            }
        }
        System.out.print(Verdict.of(rows, city));
        return 0;
    }

    /**
     * Each city's closing record is its own, on its own key: the national one can come first. Waits
     * a little for the city's, so its column is not empty by a race.
     */
    private static void awaitClosing(LocalSystem system, String day, String cityId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (system.figures().closing(day, cityId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** The oldest closed day at or after {@code from}, if the jobs have closed one. */
    private static Optional<String> nextClosedDay(LocalSystem system, String from) {
        return system.figures().closedDays().stream().filter(d -> d.compareTo(from) >= 0).findFirst();
    }

    private static Optional<CityStats> figures(LocalSystem system, String day, String cityId) {
        return system.figures().closing(day, cityId);
    }

    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** What is counted cumulatively: wall time, records into the input topics, GC time. */
    record Sample(long nanos, long in, long gcMillis) {
        static Sample of(LocalSystem system, long gcMillis) {
            return new Sample(System.nanoTime(), system.throughput().in(), gcMillis);
        }
    }

    /** One simulated day as the jobs closed it. */
    record Row(String day, long index, double wallSeconds, double eventsPerSecond, Long cityMatches,
            Long nationalMatches, Long openEntries, long liveBytes, long checkpointBytes, long timers,
            double gcShare, long lag) {
        static final String HEADER = """
                | day | date | wall s | events/s | matches %s | matches national | open entries | live heap MiB | checkpoint MiB | Flink timers | GC time | lag |
                |---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

        static Row of(String day, long index, Sample from, Sample to, HeapCensus census, long checkpointBytes,
                Optional<CityStats> national, Optional<CityStats> city, long lag) {
            double seconds = Math.max(1e-3, (to.nanos() - from.nanos()) / 1e9);
            return new Row(day, index, seconds, (to.in() - from.in()) / seconds,
                    city.map(CityStats::matchesToday).orElse(null),
                    national.map(CityStats::matchesToday).orElse(null),
                    national.map(s -> s.openVacancies() + s.availableCandidates()).orElse(null),
                    census.liveBytes(), checkpointBytes, census.timers(),
                    (to.gcMillis() - from.gcMillis()) / 1000.0 / seconds, lag);
        }

        String text() {
            return String.format(Locale.ROOT, "| %d | %s | %.0f | %,.0f | %s | %s | %s | %,.0f | %,.1f | %,d | %.1f%% | %,d |",
                    index, day, wallSeconds, eventsPerSecond, count(cityMatches), count(nationalMatches),
                    count(openEntries), liveBytes / MIB, checkpointBytes / MIB, timers, 100 * gcShare, lag);
        }

        private static String count(Long n) {
            return n == null ? "–" : String.format(Locale.ROOT, "%,d", n);
        }
    }

    /** The goals, read off the rows. */
    static final class Verdict {
        static String of(List<Row> rows, String city) {
            List<Row> live = rows.stream().filter(r -> r.index() >= 1).toList();
            if (live.size() < 2) {
                return "Too few days for a verdict.\n";
            }
            StringBuilder out = new StringBuilder();
            Row first = live.get(0);
            Row last = live.get(live.size() - 1);
            double min = live.stream().skip(1).mapToLong(Row::liveBytes).min().orElse(0);
            double max = live.stream().skip(1).mapToLong(Row::liveBytes).max().orElse(0);
            out.append(String.format(Locale.ROOT, "live heap from day 2 on: %,.0f–%,.0f MiB (%+.0f%% from day 2 to day %d)%n",
                    min / MIB, max / MIB, 100.0 * (last.liveBytes() - live.get(1).liveBytes()) / live.get(1).liveBytes(),
                    last.index()));
            double steady = live.stream().skip(1).filter(r -> r.cityMatches() != null)
                    .mapToLong(Row::cityMatches).average().orElse(Double.NaN);
            out.append(String.format(Locale.ROOT, "%s matches a day from day 2 on: mean %,.0f (goal 3,000 ± 10%%); "
                            + "day 1: %s (%s of the mean; goal within ±20%%)%n",
                    city, steady, Row.count(first.cityMatches()),
                    first.cityMatches() == null ? "–" : String.format(Locale.ROOT, "%.2f×", first.cityMatches() / steady)));
            return out.toString();
        }
    }
}
