package io.matchstream.bench.match;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.jobs.match.PoolKey;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap, checkpoint and time per open pool entry of the match job's stateful operators (the
 * vacancy and candidate routers and the pools), filled through the real operators in keyed test
 * harnesses with the simulator's stream (39 cities, seed 42, volume 2, no poison): its OPENED and
 * REGISTERED events, in emission order, watermark 2 minutes behind the newest event time, until the
 * pools hold 10k, 100k and 1M entries (a vacancy is one entry, a candidate one per pool it is routed
 * to). The events are generated to a temporary file first, so the simulator's own memory is not
 * counted.
 *
 * <p>Per size it prints: heap bytes per open pool entry (used heap after a forced GC, full minus the
 * same rig empty, so state, index and timers are all in it), Flink timers and state entries, the
 * checkpoint's bytes per entry (a snapshot of all three operators), and the cost of one more
 * arrival once full (the next 20,000 OPENED/REGISTERED events, watermark included): wall µs, and
 * the thread's CPU µs, which time stolen by other processes on a shared machine does not inflate.
 *
 * <p>Also per size: the routers' share, their timers and checkpoint bytes. With {@code
 * -Dbench.routers-only=true} the routers' output is counted and dropped rather than fed to the
 * pools, and the heap column is the routers' own, per open entity (post or candidate).
 *
 * <p>{@code -Dbench.backend=rocksdb} runs the operators on the embedded RocksDB backend instead of
 * the heap one (then the heap figure is what stays on the heap: the index and Flink's timers).
 */
public final class MatchFootprintBench {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int TIMED_ARRIVALS = 20_000;

  @Command(name = "match-footprint-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000", description = "Sizes, comma separated (default ${DEFAULT-VALUE}).")
    int[] sizes;
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = BenchOptions.parse(new Options(), args).sizes;
    String backend = System.getProperty("bench.backend", "heap");
    boolean routersOnly = Boolean.getBoolean("bench.routers-only");
    System.out.printf("match job footprint, backend %s, %s, max heap %d MiB%n%n", backend,
        routersOnly ? "routers only (heap per open entity)" : "routers and pools (heap per open pool entry)",
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("| open pool entries | vacancies | candidates | open entities | heap B/%s | timers | of which"
        + " routers' | state entries | checkpoint B/entry | routers' checkpoint B/entity | µs/arrival when full (wall)"
        + " | CPU µs/arrival |%n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        routersOnly ? "entity" : "entry");
    // -Dbench.events=<file>: reuse the events another run generated (same sizes or smaller).
    String reuse = System.getProperty("bench.events");
    Path events = reuse != null ? Path.of(reuse) : generate(Arrays.stream(sizes).max().orElseThrow());
    for (int size : sizes) {
      Row r = run(size, backend, routersOnly, events);
      System.out.printf("| %,d | %,d | %,d | %,d | %,.0f | %,d | %,d | %,d | %,.0f | %,.0f | %,.1f | %,.1f |%n",
          r.entries, r.vacancies, r.candidates, r.entities, r.heapPerEntry, r.timers, r.routerTimers,
          r.stateEntries, r.checkpointPerEntry, r.routerCheckpointPerEntity, r.microsPerArrival, r.cpuMicros);
    }
  }

  private record Row(long entries, long vacancies, long candidates, long entities, double heapPerEntry, int timers,
                     int routerTimers, int stateEntries, double checkpointPerEntry, double routerCheckpointPerEntity,
                     double microsPerArrival, double cpuMicros) {}

  private static Row run(int size, String backend, boolean routersOnly, Path events) throws Exception {
    try (Feed feed = new Feed(events)) {
      FootprintRig rig = new FootprintRig(backend, routersOnly);
      long empty = usedAfterGc();
      while (rig.poolEntries() < size) {
        feed.next(rig);
      }
      rig.flush(feed.maxTime);
      long full = usedAfterGc();
      long entries = rig.poolEntries();
      long vacancies = rig.vacancies();
      long candidates = rig.candidates();
      long entities = rig.entities();
      double heapPerEntry = (full - empty) / (double) (routersOnly ? entities : entries);
      int timers = rig.timers();
      int routerTimers = rig.routerTimers();
      int stateEntries = rig.stateEntries();
      double checkpointPerEntry = rig.snapshotBytes() / (double) entries;
      double routerCheckpointPerEntity = rig.routerSnapshotBytes() / (double) entities;
      long t0 = System.nanoTime();
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long before = rig.arrivals();
      while (rig.arrivals() - before < TIMED_ARRIVALS) {
        feed.next(rig);
      }
      rig.flush(feed.maxTime);
      double micros = (System.nanoTime() - t0) / 1e3 / (rig.arrivals() - before);
      double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / (rig.arrivals() - before);
      Row row = new Row(entries, vacancies, candidates, entities, heapPerEntry, timers, routerTimers, stateEntries,
          checkpointPerEntry, routerCheckpointPerEntity, micros, cpuMicros);
      rig.close();
      return row;
    }
  }

  /**
   * Writes the simulator's OPENED and REGISTERED events (topic, value) to a file until they would
   * fill {@code entries} pool entries plus the timed arrivals, so the simulator's own memory (it
   * keeps every entity it plans for) is gone before anything is measured.
   */
  private static Path generate(long entries) throws IOException, InvalidEventException {
    Path file = Files.createTempFile("match-footprint-events-", ".bin");
    file.toFile().deleteOnExit();
    Iterator<SimEvent> events = Simulator.events(SimulatorConfig.builder()
        .duration(Duration.ofDays(60)).poisonRate(0).volumeScale(2.0).build());
    long poolEntries = 0;
    long after = 0;
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      while (after < TIMED_ARRIVALS + 1000) {
        SimEvent e = events.next();
        boolean vacancy = e.topic().equals(Topics.VACANCIES);
        int n;
        if (vacancy) {
          n = EventCodec.decodeVacancy(e.value()).type() == VacancyEventType.OPENED ? 1 : 0;
        } else {
          CandidateEvent c = EventCodec.decodeCandidate(e.value());
          n = c.type() == CandidateEventType.REGISTERED ? PoolKey.of(c).size() : 0;
        }
        if (n == 0) {
          continue;
        }
        out.writeBoolean(vacancy);
        out.writeInt(e.value().length);
        out.write(e.value());
        if (poolEntries >= entries) {
          after++;
        }
        poolEntries += n;
      }
    }
    return file;
  }

  /** The generated events, decoded one at a time, with a watermark 2 minutes behind every 1,000. */
  private static final class Feed implements AutoCloseable {
    final DataInputStream in;
    long maxTime = Long.MIN_VALUE;
    long sinceWatermark;

    Feed(Path file) throws IOException {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    void next(FootprintRig rig) throws Exception {
      boolean vacancy = in.readBoolean();
      byte[] value = new byte[in.readInt()];
      in.readFully(value);
      if (vacancy) {
        VacancyEvent v = EventCodec.decodeVacancy(value);
        rig.vacancy(v);
        maxTime = Math.max(maxTime, v.eventTime());
      } else {
        CandidateEvent c = EventCodec.decodeCandidate(value);
        rig.candidate(c);
        maxTime = Math.max(maxTime, c.eventTime());
      }
      if (++sinceWatermark == 1000) {
        sinceWatermark = 0;
        rig.watermark(maxTime - Simulator.MAX_DISORDER.toMillis());
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
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
