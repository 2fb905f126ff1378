package io.matchstream.local;

import static org.awaitility.Awaitility.await;

import io.matchstream.events.ShanghaiCalendar;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The bounded-memory test's child JVM: the all-in-one (all 39 cities) at a reduced volume, on a
 * clock as fast as the jobs keep up, until the city-stats job has closed {@code days} simulated
 * days (the initial stock's day before them included). After each closed day it prints {@code day <date> live-heap-bytes <n>} (heap used after a
 * full GC), at the end {@code done}, and exits 0.
 *
 * <p>It fails fast rather than thrash: a watchdog checks the heap every few seconds and, once more
 * is in use than the budget, runs a full GC; if the live heap is still over budget it prints so and
 * exits 3. Days not all closed in time: exit 2. An OutOfMemoryError ends the JVM (the parent starts
 * it with {@code -XX:+ExitOnOutOfMemoryError}).
 *
 * <p>Args: days, volume, seconds allowed for the whole run, live-heap budget in MiB.
 */
final class BoundedMemoryRun {
    static final int OVER_BUDGET = 3;
    static final int DAY_NOT_CLOSED = 2;

    private BoundedMemoryRun() {
    }

    public static void main(String[] args) throws Exception {
        int days = Integer.parseInt(args[0]);
        double volume = Double.parseDouble(args[1]);
        Duration allowed = Duration.ofSeconds(Long.parseLong(args[2]));
        long deadline = System.nanoTime() + allowed.toNanos();
        long budget = Long.parseLong(args[3]) << 20;
        startWatchdog(budget);
        LocalDate first = LocalDate.now(ShanghaiCalendar.ZONE).minusDays(days + 2L);
        Instant start = first.atStartOfDay(ShanghaiCalendar.ZONE).toInstant();
        LocalConfig config = new LocalConfig(null, 0, 0, 42, true, 0.001, 2, volume, List.of(), start, 20_000);
        LocalSystem system = LocalSystem.start(config);
        for (int d = 0; d < days; d++) {
            String day = first.plusDays(d).toString();
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            try {
                await().atMost(left).pollInterval(Duration.ofMillis(200))
                        .until(() -> system.figures().closedDays().contains(day));
            } catch (ConditionTimeoutException e) {
                System.out.printf("day %s did not close within %s of the start (jobs running: %s, lag %d)%n", day, allowed,
                        system.jobsRunning(), system.consumerLag());
                System.out.flush();
                Runtime.getRuntime().halt(DAY_NOT_CLOSED);
            }
            System.out.printf("day %s live-heap-bytes %d%n", day, liveHeap());
        }
        system.close();
        System.out.println("done");
        System.out.flush();
        System.exit(0);
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void startWatchdog(long budget) {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bounded-memory-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(() -> {
            if (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() > budget) {
                long live = liveHeap();
                if (live > budget) {
                    System.out.printf("live heap after a full GC is %d MiB, over the budget of %d MiB%n",
                            live >> 20, budget >> 20);
                    System.out.flush();
                    Runtime.getRuntime().halt(OVER_BUDGET);
                }
            }
        }, 3, 3, TimeUnit.SECONDS);
    }
}
