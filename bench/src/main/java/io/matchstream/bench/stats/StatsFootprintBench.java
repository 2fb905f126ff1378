package io.matchstream.bench.stats;

import io.matchstream.bench.BenchOptions;
import io.matchstream.bench.stats.baseline.OldCandidateLifecycleFunction;
import io.matchstream.bench.stats.baseline.OldMatchDedupeFunction;
import io.matchstream.bench.stats.baseline.OldUnfilledPostAlertFunction;
import io.matchstream.bench.stats.baseline.OldVacancyLifecycleFunction;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Ids;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.functions.CandidateLifecycleFunction;
import io.matchstream.jobs.stats.functions.MatchDedupeFunction;
import io.matchstream.jobs.stats.functions.UnfilledPostAlertFunction;
import io.matchstream.jobs.stats.functions.VacancyLifecycleFunction;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap per open entity in the city-stats job's keyed state (heap backend), before and after compact
 * state, in one run. Fills the four per-entity operators (vacancy lifecycle, unfilled-post alerts,
 * candidate lifecycle, match dedupe) through Flink's keyed test harnesses with the simulator's own
 * events — the initial stock and first arrivals, every OPENED and REGISTERED until N entities are
 * open — plus 0.4 remembered match ids per open entity (about three days of matches at the pilot's
 * rate), then prints per size and implementation: heap bytes per open entity (used heap after GC
 * with the state filled minus with the operators empty: state, timers and all), checkpoint bytes
 * per entity (a harness snapshot), timers and state-map entries, and the cost of one arrival.
 *
 * <p>Arguments: sizes (default {@code 10000,100000,1000000}). Run with a serial collector so "used
 * after GC" is exact: see bench/README.md.
 */
public final class StatsFootprintBench {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** Match ids remembered per open entity: ~75k matches a day nationally over ~3 days, ~575k open. */
  private static final double MATCHES_PER_ENTITY = 0.4;
  private static final int CHUNK = 4096;
  private static final Path CHECKPOINTS = tempDir();

  private record Row(String impl, int entities, long vacancies, long technical, long candidates, long matches,
      double heapPerEntity, double snapshotPerEntity, long timers, long stateEntries, double wallNsPerArrival,
      double cpuNsPerArrival) {}

  private record Vacancy(VacancyChange forLifecycle, VacancyChange forAlerts) {}

  /** The four per-entity operators of one implementation. */
  private static final class Operators implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<?, VacancyChange, CityDelta> vacancies;
    final KeyedOneInputStreamOperatorTestHarness<?, VacancyChange, ?> alerts;
    final KeyedOneInputStreamOperatorTestHarness<?, CandidateChange, CityDelta> candidates;
    final KeyedOneInputStreamOperatorTestHarness<?, CityDelta, CityDelta> matches;

    Operators(boolean compact, StatsSettings s) throws Exception {
      if (compact) {
        vacancies = harness(new VacancyLifecycleFunction(s), Shards.VACANCY, Types.INT);
        alerts = harness(new UnfilledPostAlertFunction(s), Shards.VACANCY, Types.INT);
        candidates = harness(new CandidateLifecycleFunction(s), Shards.CANDIDATE, Types.INT);
        matches = harness(new MatchDedupeFunction(s), Shards.MATCH, Types.INT);
      } else {
        vacancies = harness(new OldVacancyLifecycleFunction(s), (VacancyChange v) -> v.vacancyId, Types.STRING);
        alerts = harness(new OldUnfilledPostAlertFunction(s), (VacancyChange v) -> v.vacancyId, Types.STRING);
        candidates = harness(new OldCandidateLifecycleFunction(s), (CandidateChange c) -> c.candidateId, Types.STRING);
        matches = harness(new OldMatchDedupeFunction(s), (CityDelta d) -> d.matchId, Types.STRING);
      }
    }

    private static <K, I, O> KeyedOneInputStreamOperatorTestHarness<K, I, O> harness(
        KeyedProcessFunction<K, I, O> f, KeySelector<I, K> key, TypeInformation<K> keyType) throws Exception {
      var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), key, keyType);
      h.setStateBackend(new HashMapStateBackend());
      h.setCheckpointStorage(new FileSystemCheckpointStorage(CHECKPOINTS.toUri()));
      h.open();
      return h;
    }

    List<KeyedOneInputStreamOperatorTestHarness<?, ?, ?>> all() {
      return List.of(vacancies, alerts, candidates, matches);
    }

    void dropOutput() {
      all().forEach(h -> h.getOutput().clear());
    }

    long timers() {
      return all().stream().mapToLong(KeyedOneInputStreamOperatorTestHarness::numEventTimeTimers).sum();
    }

    long stateEntries() {
      return all().stream().mapToLong(KeyedOneInputStreamOperatorTestHarness::numKeyedStateEntries).sum();
    }

    long snapshotBytes() throws Exception {
      long bytes = 0;
      for (var h : all()) {
        bytes += h.snapshot(1L, 1L).getStateSize();
      }
      return bytes;
    }

    @Override
    public void close() throws Exception {
      for (var h : all()) {
        h.close();
      }
    }
  }

  @Command(name = "stats-footprint-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000",
        description = "Sizes, comma separated (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--timers", defaultValue = "0",
        description = "Instead: what one Flink timer costs, with this many keys (e.g. 1000000).")
    int timers;
  }

  public static void main(String[] args) throws Exception {
    Options o = BenchOptions.parse(new Options(), args);
    if (o.timers > 0) {
      timerCost(o.timers);
      return;
    }
    int[] sizes = o.sizes;
    StatsSettings settings = StatsSettings.defaults();
    System.out.printf("city-stats per-entity state, heap backend; JVM %s, max heap %d MB%n",
        Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    run(settings, 20_000, false); // warm-up, not reported
    run(settings, 20_000, true);
    List<Row> rows = new ArrayList<>();
    for (int size : sizes) {
      for (boolean compact : new boolean[] {false, true}) {
        Row r = run(settings, size, compact);
        rows.add(r);
        System.out.printf("  %s %,d: %.0f B/entity heap, %.0f B/entity snapshot, %,d timers%n",
            r.impl(), size, r.heapPerEntity(), r.snapshotPerEntity(), r.timers());
      }
    }
    print(rows);
  }

  private static Row run(StatsSettings settings, int size, boolean compact) throws Exception {
    try (Operators ops = new Operators(compact, settings)) {
      long empty = usedAfterGc();
      long[] counts = new long[4]; // vacancies, technical, candidates, matches
      long[] nanos = new long[2]; // wall, cpu
      long arrivals = fill(ops, size, counts, nanos);
      ops.dropOutput();
      long full = usedAfterGc();
      long timers = ops.timers();
      long entries = ops.stateEntries();
      long snapshot = ops.snapshotBytes();
      int entities = (int) (counts[0] + counts[2]);
      return new Row(compact ? "compact (this branch)" : "before (per-entity keys)", entities, counts[0], counts[1],
          counts[2], counts[3], (full - empty) / (double) entities, snapshot / (double) entities, timers, entries,
          nanos[0] / (double) arrivals, nanos[1] / (double) arrivals);
    }
  }

  /**
   * Feeds the simulator's OPENED and REGISTERED events (fresh objects, as the job's deserialiser
   * makes them) until {@code size} entities are open, and the match ids that go with them. The
   * simulator and each chunk are dropped before the heap is measured. Returns the arrivals fed.
   */
  private static long fill(Operators ops, int size, long[] counts, long[] nanos) throws Exception {
    // The stock is ~575k open entities at volume 1.0 and is emitted in the first 10 minutes.
    double volume = Math.max(0.05, size / 500_000.0);
    Iterator<SimEvent> events = Simulator.events(SimulatorConfig.builder().seed(42).volumeScale(volume)
        .poisonRate(0).duration(Duration.ofDays(2)).build());
    Random rnd = new Random(7);
    long arrivals = 0;
    int open = 0;
    List<Object> chunk = new ArrayList<>(CHUNK);
    List<String> vacancyIds = new ArrayList<>();
    List<String> candidateIds = new ArrayList<>();
    while (open < size && events.hasNext()) {
      chunk.clear();
      vacancyIds.clear();
      candidateIds.clear();
      while (chunk.size() < CHUNK && open < size && events.hasNext()) {
        SimEvent e = events.next();
        if (e.isPoison()) {
          continue;
        }
        if (Topics.VACANCIES.equals(e.topic())) {
          VacancyChange v = VacancyChange.of(EventCodec.decodeVacancy(e.value()));
          if (v.type == VacancyEventType.OPENED) {
            // each keyed operator gets its own copy, as it does behind a network shuffle
            chunk.add(new Vacancy(v, VacancyChange.of(EventCodec.decodeVacancy(e.value()))));
            vacancyIds.add(v.vacancyId);
            counts[0]++;
            counts[1] += Boolean.TRUE.equals(v.technical) ? 1 : 0;
            open++;
          }
        } else {
          CandidateChange c = CandidateChange.of(EventCodec.decodeCandidate(e.value()));
          if (c.type == CandidateEventType.REGISTERED) {
            chunk.add(c);
            candidateIds.add(c.candidateId);
            counts[2]++;
            open++;
          }
        }
      }
      int matches = (int) Math.round(chunk.size() * MATCHES_PER_ENTITY);
      for (int i = 0; i < matches && !vacancyIds.isEmpty() && !candidateIds.isEmpty(); i++) {
        String id = Ids.matchId(vacancyIds.get(rnd.nextInt(vacancyIds.size())),
            candidateIds.get(rnd.nextInt(candidateIds.size())));
        long time = SimulatorConfig.DEFAULT_START.toEpochMilli() + (i % 3) * ShanghaiCalendar.DAY_MILLIS + i;
        chunk.add(CityDelta.of("ningbo", time, DeltaKind.MATCH, 1).withMatchId(id));
        counts[3]++;
      }
      long wall = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      for (Object o : chunk) {
        if (o instanceof Vacancy v) {
          ops.vacancies.processElement(new StreamRecord<>(v.forLifecycle(), v.forLifecycle().eventTime));
          ops.alerts.processElement(new StreamRecord<>(v.forAlerts(), v.forAlerts().eventTime));
        } else if (o instanceof CandidateChange c) {
          ops.candidates.processElement(new StreamRecord<>(c, c.eventTime));
        } else {
          CityDelta d = (CityDelta) o;
          ops.matches.processElement(new StreamRecord<>(d, d.time));
        }
      }
      nanos[0] += System.nanoTime() - wall;
      nanos[1] += THREADS.getCurrentThreadCpuTime() - cpu;
      arrivals += chunk.size();
      ops.dropOutput();
    }
    if (open < size) {
      throw new IllegalStateException("the simulator gave " + open + " open entities, not " + size);
    }
    return arrivals;
  }

  /** Registers one event-time timer for each of {@code n} keys and nothing else. */
  private static final class OneTimerPerKey extends KeyedProcessFunction<Integer, Integer, Integer> {
    @Override
    public void processElement(Integer v, Context ctx, Collector<Integer> out) {
      ctx.timerService().registerEventTimeTimer(1_000_000L + v);
    }
  }

  /**
   * What one Flink timer costs on the heap backend, measured: n keys with one timer each and no
   * state, against the same operator empty. The key (a boxed int, 16 B) is held by the timer only.
   */
  private static void timerCost(int n) throws Exception {
    try (var h = Operators.harness(new OneTimerPerKey(), (Integer v) -> v, Types.INT)) {
      long empty = usedAfterGc();
      for (int i = 0; i < n; i++) {
        h.processElement(new StreamRecord<>(1_000 + i, 0L));
      }
      long full = usedAfterGc();
      System.out.printf("%,d event-time timers (one per key, heap backend): %.0f B each, key included%n",
          h.numEventTimeTimers(), (full - empty) / (double) n);
    }
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("stats-footprint");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
          // a temp dir left behind is harmless
        }
      }));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void print(List<Row> rows) {
    System.out.println();
    System.out.println("| open entities | implementation | posts (technical) / candidates | match ids | heap B/entity "
        + "| × before | snapshot B/entity | timers | state entries | ns/arrival (wall) | CPU ns/arrival | × before |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Row before = null;
    for (Row r : rows) {
      if (r.impl().startsWith("before")) {
        before = r;
      }
      boolean base = r == before;
      System.out.printf("| %,d | %s | %,d (%,d) / %,d | %,d | %.0f | %s | %.0f | %,d | %,d | %.0f | %.0f | %s |%n",
          r.entities(), r.impl(), r.vacancies(), r.technical(), r.candidates(), r.matches(), r.heapPerEntity(),
          base ? "1.00" : String.format("%.2f", r.heapPerEntity() / before.heapPerEntity()),
          r.snapshotPerEntity(), r.timers(), r.stateEntries(), r.wallNsPerArrival(), r.cpuNsPerArrival(),
          base ? "1.00" : String.format("%.2f", r.cpuNsPerArrival() / before.cpuNsPerArrival()));
    }
  }
}
