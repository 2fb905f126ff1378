package io.matchstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pilot's state must fit a small, fixed heap: three simulated days of all 39 cities at
 * volume {@value #VOLUME} through both jobs (and Kafka, the gateway and the simulator, as {@code
 * ./run} has them) in a child JVM with a small fixed heap. When state per entity grows back,
 * the child's live heap after a full GC passes the budget (it stops at once) or it runs out of
 * memory (it exits on the first OutOfMemoryError), and this test fails saying so. The heap is a
 * margin above the budget, so the child runs at full speed until the budget decides.
 *
 * <p>Sizing (local/README.md, "Bounded memory"): the system with no state to speak of holds
 * ~181 MiB live; this volume's ~58k open posts and candidates added ~290–310 MiB more before state was
 * compacted (~5 KB per open entity across both jobs and the simulator), giving ~500 MiB live.
 */
class BoundedMemoryTest {
    static final int DAYS = 3;
    static final double VOLUME = 0.1;
    static final int HEAP_MB = Integer.getInteger("bounded-memory.heap-mb", 640);
    static final int LIVE_BUDGET_MB = Integer.getInteger("bounded-memory.live-budget-mb", 384);
    /** Wall seconds the child may take; ~5 minutes on 2 cores shared with heavy builds. */
    static final long ALLOWED_SECONDS = 600;
    private static final Pattern DAY_LINE = Pattern.compile("day (\\S+) live-heap-bytes (\\d+)");

    @Test
    void threeDaysOfThePilotFitASmallFixedHeap(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("child.out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP_MB + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // The all-in-one's own logging: framework chatter to a file, errors to the output read here.
        command.add("-Dlog4j2.configurationFile=log4j2.xml");
        command.add("-D" + LocalMain.LOG_FILE_PROPERTY + "=" + dir.resolve("child.log"));
        // Flink's module opens, as this JVM got them.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BoundedMemoryRun.class.getName());
        command.add(Integer.toString(DAYS));
        command.add(Double.toString(VOLUME));
        command.add(Long.toString(ALLOWED_SECONDS));
        command.add(Integer.toString(LIVE_BUDGET_MB));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            boolean ended = child.waitFor(ALLOWED_SECONDS + 120, TimeUnit.SECONDS);
            assertThat(ended).as("the child JVM ended in time; its output:%n%s", tail(output)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String out = Files.readString(output);
        assertThat(out).as("the child JVM (-Xmx%dm) ran out of memory: state regressed; its output:%n%s",
                HEAP_MB, tail(output)).doesNotContain("OutOfMemoryError");
        assertThat(child.exitValue()).as("the child JVM's live heap after a full GC passed the budget of %d MiB: "
                + "state regressed; its output:%n%s", LIVE_BUDGET_MB, tail(output))
                .isNotEqualTo(BoundedMemoryRun.OVER_BUDGET);
        assertThat(child.exitValue()).as("the child JVM's exit; its output:%n%s", tail(output)).isZero();

        List<Long> live = new ArrayList<>();
        Matcher m = DAY_LINE.matcher(out);
        while (m.find()) {
            live.add(Long.parseLong(m.group(2)));
        }
        assertThat(live).as("a live-heap reading per closed day").hasSize(DAYS);
        assertThat(live).as("live heap after a full GC, bytes, per day (budget %d MiB)", LIVE_BUDGET_MB)
                .allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo((long) LIVE_BUDGET_MB << 20));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }
}
