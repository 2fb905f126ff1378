package io.matchstream.bench.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Heap, checkpoint and time per open pool entry of the match job's stateful operators (the
 * vacancy and candidate routers and the pools), filled through the real operators in keyed test
 * harnesses with the simulator's stream (39 cities, seed 42, no poison): its OPENED and REGISTERED
 * events, in emission order, watermark 2 minutes behind the newest event time, until the pools
 * hold 10k, 100k and 1M entries (a vacancy is one entry, a candidate one per pool it is routed to).
 *
 * <p>Per size it prints: heap bytes per open pool entry (used heap after a forced GC, full minus the
 * same rig empty, so state, index and timers are all in it), Flink timers and state entries, the
 * checkpoint's bytes per entry (a snapshot of all three operators), and the cost of one more
 * arrival once full (µs, the next 20,000 OPENED/REGISTERED events, watermark included).
 *
 * <p>{@code -Dbench.backend=rocksdb} runs the operators on the embedded RocksDB backend instead of
 * the heap one (then the heap figure is what stays on the heap: the index and Flink's timers).
 */
public final class MatchFootprintBench {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final int TIMED_ARRIVALS = 20_000;

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {10_000, 100_000, 1_000_000};
    String backend = System.getProperty("bench.backend", "heap");
    System.out.printf("match job footprint, backend %s, max heap %d MiB%n%n", backend,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("| open pool entries | vacancies | candidates | heap B/entry | timers | state entries"
        + " | checkpoint B/entry | µs/arrival when full |%n|---:|---:|---:|---:|---:|---:|---:|---:|%n");
    for (int size : sizes) {
      Row r = run(size, backend);
      System.out.printf("| %,d | %,d | %,d | %,.0f | %,d | %,d | %,.0f | %,.1f |%n", r.entries, r.vacancies,
          r.candidates, r.heapPerEntry, r.timers, r.stateEntries, r.checkpointPerEntry, r.microsPerArrival);
    }
  }

  private record Row(long entries, long vacancies, long candidates, double heapPerEntry, int timers,
                     int stateEntries, double checkpointPerEntry, double microsPerArrival) {}

  private static Row run(int size, String backend) throws Exception {
    Feed feed = new Feed();
    FootprintRig rig = new FootprintRig(backend);
    long empty = usedAfterGc();
    while (rig.poolEntries() < size) {
      feed.next(rig);
    }
    rig.flush(feed.maxTime);
    long full = usedAfterGc();
    long entries = rig.poolEntries();
    long vacancies = rig.vacancies();
    long candidates = rig.candidates();
    double heapPerEntry = (full - empty) / (double) entries;
    int timers = rig.timers();
    int stateEntries = rig.stateEntries();
    double checkpointPerEntry = rig.snapshotBytes() / (double) entries;
    long t0 = System.nanoTime();
    long before = rig.arrivals();
    while (rig.arrivals() - before < TIMED_ARRIVALS) {
      feed.next(rig);
    }
    rig.flush(feed.maxTime);
    double micros = (System.nanoTime() - t0) / 1e3 / (rig.arrivals() - before);
    Row row = new Row(entries, vacancies, candidates, heapPerEntry, timers, stateEntries,
        checkpointPerEntry, micros);
    rig.close();
    return row;
  }

  /** The simulator's OPENED and REGISTERED events, in emission order, decoded. */
  private static final class Feed {
    final Iterator<SimEvent> events = Simulator.events(SimulatorConfig.builder()
        .duration(Duration.ofDays(60)).poisonRate(0).volumeScale(2.0).build());
    long maxTime = Long.MIN_VALUE;
    long sinceWatermark;

    void next(FootprintRig rig) throws Exception {
      SimEvent e = events.next();
      if (e.topic().equals(Simulator.VACANCIES)) {
        VacancyEvent v = EventCodec.decodeVacancy(e.value());
        if (v.type() != VacancyEventType.OPENED) {
          return;
        }
        rig.vacancy(v);
        maxTime = Math.max(maxTime, v.eventTime());
      } else {
        CandidateEvent c = EventCodec.decodeCandidate(e.value());
        if (c.type() != CandidateEventType.REGISTERED) {
          return;
        }
        rig.candidate(c);
        maxTime = Math.max(maxTime, c.eventTime());
      }
      if (++sinceWatermark == 1000) {
        sinceWatermark = 0;
        rig.watermark(maxTime - Simulator.MAX_DISORDER.toMillis());
      }
    }
  }

  static long usedAfterGc() throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      Thread.sleep(150);
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (Math.abs(last - used) < (1 << 20)) {
        return Math.min(last, used);
      }
      last = used;
    }
    return last;
  }
}
