package io.matchstream.bench.soak;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The simulator's own memory, alone: it keeps every open post and available candidate (and what it
 * has scheduled for them) for as long as the run lasts, inside the all-in-one's heap. Runs the
 * simulator as fast as it goes for {@code days} simulated days at {@code volume} and prints, at
 * every simulated midnight (Shanghai), the live heap (class histogram after a full GC) minus the
 * same before the simulator existed, the open entities (counted from the events: opened minus
 * closed), and the bytes per open entity. Flat from day to day means nothing leaks.
 *
 * <p>Run: {@code java -Xmx2g -cp … io.matchstream.bench.soak.SimulatorFootprint [days] [volume]}
 * (defaults 30 and 1.0).
 */
public final class SimulatorFootprint {

    private SimulatorFootprint() {}

      @Command(name = "simulator-footprint", mixinStandardHelpOptions = true)
    static final class Options {
        @Option(names = "--days", defaultValue = "30", description = "Simulated days (default ${DEFAULT-VALUE}).")
        int days;

        @Option(names = {"--simulator.volume-scale", "--volume"}, defaultValue = "1.0",
                description = "Simulator volume scale (default ${DEFAULT-VALUE}).")
        double volume;
    }

  public static void main(String[] args) {
        Options o = BenchOptions.parse(new Options(), args);
        int days = o.days;
        double volume = o.volume;
        Instant start = SimulatorConfig.DEFAULT_START;
        SimulatorConfig config = SimulatorConfig.builder()
                .cityRegistry(CityRegistry.loadDefault())
                .start(start)
                .duration(Duration.ofDays(days))
                .volumeScale(volume)
                .poisonRate(0)
                .build();
        long empty = HeapCensus.take().liveBytes();
        System.out.printf("simulator footprint: %d days, volume %.2f, all cities; live heap before: %,d B%n",
                days, volume, empty);
        System.out.println("| day (emission) | events | open posts | available candidates | live heap MiB | B per open entity |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        Iterator<SimEvent> events = Simulator.events(config);
        long nextMidnight = start.toEpochMilli();
        long count = 0;
        long posts = 0;
        long candidates = 0;
        int day = 0;
        long first = 0;
        long last = 0;
        while (events.hasNext()) {
            SimEvent e = events.next();
            if (e.emitTime() >= nextMidnight) {
                long live = HeapCensus.take().liveBytes() - empty;
                long open = posts + candidates;
                System.out.printf("| %d | %,d | %,d | %,d | %,d | %,d |%n", day, count, posts, candidates,
                        live >> 20, open == 0 ? 0 : live / open);
                if (day == 1) first = live;
                last = live;
                day++;
                nextMidnight = ShanghaiCalendar.end(ShanghaiCalendar.dayOf(e.emitTime()));
            }
            count++;
            if (e.isPoison()) continue;
            String type = type(e.value());
            if (e.topic().equals(Topics.VACANCIES)) {
                if (type.equals("OPENED")) posts++;
                else if (type.equals("FILLED") || type.equals("WITHDRAWN")) posts--;
            } else {
                if (type.equals("REGISTERED")) candidates++;
                else if (type.equals("PLACED") || type.equals("WITHDRAWN")) candidates--;
            }
        }
        if (day > 2) {
            System.out.printf("live heap day 1 → day %d: %,d → %,d MiB (%+.1f %%)%n", day - 1, first >> 20, last >> 20,
                    100.0 * (last - first) / first);
        }
    }

    /** The event's {@code type}, read without parsing the whole record. */
    private static String type(byte[] json) {
        String s = new String(json, StandardCharsets.US_ASCII);
        int i = s.indexOf("\"type\":\"") + 8;
        return s.substring(i, s.indexOf('"', i));
    }
}
