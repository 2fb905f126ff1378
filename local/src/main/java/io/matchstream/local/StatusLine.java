package io.matchstream.local;

import io.matchstream.events.CityStats;
import io.matchstream.events.ShanghaiCalendar;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line of live status every few seconds, e.g.
 * {@code sim 2026-03-04 14:20 · in 1,230/s · out 4,560/s · matches today 81,234 national, 2,104 ningbo · heap 1,210 of 2,048 MiB · lag 1,234}.
 * On a terminal the line is rewritten in place; otherwise (a pipe, a file) each is a new line.
 */
final class StatusLine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusLine.class);
    private static final DateTimeFormatter SIM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ShanghaiCalendar.ZONE);

    private final LocalSystem system;
    private final String city;
    private final PrintStream out;
    private final boolean inPlace;
    private final ScheduledExecutorService timer;
    private long lastIn = -1;
    private long lastOut;
    private long lastNanos;

    StatusLine(LocalSystem system, String city, PrintStream out, boolean inPlace) {
        this.system = system;
        this.city = city;
        this.out = out;
        this.inPlace = inPlace;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "matchstream-status");
            t.setDaemon(true);
            return t;
        });
    }

    /** Prints a status line every {@code periodSeconds} until closed. */
    static StatusLine start(LocalSystem system, String city, PrintStream out, boolean inPlace, long periodSeconds) {
        StatusLine line = new StatusLine(system, city, out, inPlace);
        line.timer.scheduleWithFixedDelay(line::print, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return line;
    }

    private void print() {
        try {
            String text = line();
            if (text != null) {
                out.print(inPlace ? "\r\033[K" + text : text + System.lineSeparator());
                out.flush();
            }
        } catch (RuntimeException e) {
            // A slow broker must not end the status line; the next tick tries again.
            LOG.warn("Status unavailable: {}", e.getMessage());
        }
    }

    /** The status now, or null on the first call (rates need two samples). */
    String line() {
        LocalSystem.Throughput now = system.throughput();
        long nanos = System.nanoTime();
        String text = null;
        if (lastIn >= 0) {
            double seconds = (nanos - lastNanos) / 1e9;
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            text = String.format(Locale.ROOT, "sim %s · in %,d/s · out %,d/s · matches today %s national, %s %s"
                            + " · heap %,d of %,d MiB · lag %,d",
                    SIM_TIME.format(system.simulatedTime()),
                    Math.round((now.in() - lastIn) / seconds), Math.round((now.out() - lastOut) / seconds),
                    today(CityStats.NATIONAL), today(city), city,
                    heap.getUsed() >> 20, heap.getMax() >> 20, system.consumerLag());
        }
        lastIn = now.in();
        lastOut = now.out();
        lastNanos = nanos;
        return text;
    }

    private String today(String cityId) {
        return system.figures().latest(cityId)
                .map(s -> String.format(Locale.ROOT, "%,d", s.matchesToday()))
                .orElse("–");
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (inPlace) {
            out.println();
        }
    }
}
