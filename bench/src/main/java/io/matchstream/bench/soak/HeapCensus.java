package io.matchstream.bench.soak;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * The live heap, measured rather than estimated: the JVM's class histogram of live objects (the
 * same as {@code jcmd <pid> GC.class_histogram}), which runs a full GC first. Its total is the
 * live set; it also counts Flink's heap timers, which Flink has no metric for.
 *
 * @param liveBytes bytes of all live objects after a full GC
 * @param timers live {@code TimerHeapInternalTimer} instances: Flink's registered event- and
 *     processing-time timers on the heap backend
 * @param histogram the histogram's text, for the top classes
 */
record HeapCensus(long liveBytes, long timers, String histogram) {
    static final String TIMER_CLASS = "org.apache.flink.streaming.api.operators.TimerHeapInternalTimer";

    /** Takes the census (a full GC and a heap walk: seconds on a 2 GB heap). */
    static HeapCensus take() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (Exception e) {
            throw new IllegalStateException("the JVM's class histogram is unavailable: " + e, e);
        }
        long total = 0;
        long timers = 0;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("Total")) {
                total = Long.parseLong(f[2]);
            } else if (f.length >= 4 && f[3].equals(TIMER_CLASS)) {
                timers = Long.parseLong(f[1]);
            }
        }
        return new HeapCensus(total, timers, text);
    }

    /** The {@code n} classes holding the most bytes, as {@code name bytes} lines. */
    String top(int n) {
        StringBuilder out = new StringBuilder();
        int k = 0;
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && k < n) {
                out.append(String.format("    %-70s %,14d B %,12d instances%n", f[3], Long.parseLong(f[2]),
                        Long.parseLong(f[1])));
                k++;
            }
        }
        return out.toString();
    }
}
