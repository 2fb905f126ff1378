package io.matchstream.bench.stats;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.Ids;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.functions.FunnelFunction;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.OutcomeChange;
import io.matchstream.jobs.stats.state.Shards;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap per followed match in the funnel operator ({@code FunnelFunction}, heap backend): N matches
 * spread over the 30 days of the window (39 cities, the taxonomy's occupations, ids as the match job
 * makes them), each with the outcomes of a closed loop's mix (35 % none, else contact and on towards
 * a hire or an ending: ~1.9 outcomes a match), decided as the watermark passes them. Prints heap
 * bytes per match (used heap after GC, full − empty: tables, outcome ids, keys, timers and all),
 * checkpoint bytes per match (a harness snapshot), timers, and the CPU cost per record.
 *
 * <p>Arguments: sizes (default {@code 100000,1000000,4000000}: 4M is the peak the window holds
 * nationally, ~100k matches a day for 30 days plus the ~800k of the initial stock's day). Run with a
 * serial collector so "used after GC" is exact: see bench/README.md.
 */
public final class FunnelFootprintBench {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long START = ShanghaiCalendar.start(ShanghaiCalendar.parse("2026-03-01"));
  private static final int DAYS = 30;

  @Command(name = "funnel-footprint-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--sizes", split = ",", defaultValue = "100000,1000000,4000000", description = "Sizes, comma separated (default ${DEFAULT-VALUE}).")
    int[] sizes;
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = BenchOptions.parse(new Options(), args).sizes;
    System.out.printf("funnel state, heap backend; JVM %s, max heap %d MB%n", Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20);
    run(20_000); // warm-up, not reported
    System.out.println("| followed matches | outcomes accepted | heap B/match | snapshot B/match | timers | state entries | CPU ns/record |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    for (int n : sizes) {
      long[] r = run(n);
      System.out.printf("| %,d | %,d | %.1f | %.1f | %,d | %,d | %,d |%n", n, r[0], r[1] / (double) n,
          r[2] / (double) n, r[3], r[4], r[5]);
    }
  }

  /** Returns outcomes, heap bytes, snapshot bytes, timers, state entries, CPU ns per record. */
  private static long[] run(int n) throws Exception {
    List<String> cities = CityRegistry.loadDefault().all().stream().map(City::id).toList();
    List<String> occupations = Taxonomy.loadDefault().occupations().stream().map(Occupation::code).toList();
    Path dir = Files.createTempDirectory("funnel-footprint");
    var h = new KeyedTwoInputStreamOperatorTestHarness<Integer, CityDelta, OutcomeChange, CityDelta>(
        new KeyedCoProcessOperator<>(new FunnelFunction(StatsSettings.defaults())), Shards.MATCH, Shards.OUTCOME,
        Types.INT);
    h.setStateBackend(new HashMapStateBackend());
    h.setCheckpointStorage(new FileSystemCheckpointStorage(dir.toUri()));
    h.open();
    long empty = usedAfterGc();
    Random rnd = new Random(42);
    long outcomes = 0;
    long records = 0;
    long cpu = THREADS.getCurrentThreadCpuTime();
    int perDay = (n + DAYS - 1) / DAYS;
    for (int day = 0; day < DAYS; day++) {
      List<OutcomeChange> batch = new ArrayList<>();
      for (int i = day * perDay; i < Math.min(n, (day + 1) * perDay); i++) {
        long t = START + day * ShanghaiCalendar.DAY_MILLIS + rnd.nextInt((int) ShanghaiCalendar.DAY_MILLIS);
        String id = Ids.matchId("vac-" + Long.toString(i, 36), "cand-" + Long.toString(i * 7L, 36));
        String city = cities.get(rnd.nextInt(cities.size()));
        CityDelta m = CityDelta.of(city, t, DeltaKind.MATCH, 1).withMatchId(id)
            .withOccupation(occupations.get(rnd.nextInt(occupations.size())));
        h.processElement1(new StreamRecord<>(m, t));
        records++;
        for (OutcomeStage s : path(rnd)) {
          t += 60_000L + rnd.nextInt(5 * 3_600_000); // all decided before the first day is forgotten
          OutcomeChange o = new OutcomeChange();
          o.outcomeId = "o-" + Long.toString(outcomes++, 36) + "-bench";
          o.matchId = id;
          o.cityId = city;
          o.stage = s;
          o.eventTime = t;
          o.sourceTopic = Topics.MATCH_OUTCOMES;
          o.raw = new byte[250]; // a record's size, held until decided
          batch.add(o);
        }
      }
      for (OutcomeChange o : batch) {
        h.processElement2(new StreamRecord<>(o, o.eventTime));
        records++;
      }
      h.processBothWatermarks(new Watermark(START + (day + 1) * ShanghaiCalendar.DAY_MILLIS));
      h.getOutput().clear();
    }
    // Every outcome decided, no day forgotten yet (the first goes at the end of its day + 30 d).
    h.processBothWatermarks(new Watermark(START + (DAYS + 1) * ShanghaiCalendar.DAY_MILLIS - 1));
    h.getOutput().clear();
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    long full = usedAfterGc();
    long snapshot = h.snapshot(1L, 1L).getStateSize();
    long[] out = {outcomes, full - empty, snapshot, h.numEventTimeTimers(), h.numKeyedStateEntries(), cpu / records};
    h.close();
    return out;
  }

  /** A closed loop's mix of outcomes for one match. */
  private static List<OutcomeStage> path(Random rnd) {
    double r = rnd.nextDouble();
    if (r < 0.35) return List.of();
    if (r < 0.55) return List.of(OutcomeStage.CONTACTED, OutcomeStage.DECLINED);
    if (r < 0.70) return List.of(OutcomeStage.CONTACTED);
    if (r < 0.80) return List.of(OutcomeStage.CONTACTED, OutcomeStage.INTERVIEW, OutcomeStage.DECLINED);
    if (r < 0.85) return List.of(OutcomeStage.CONTACTED, OutcomeStage.INTERVIEW, OutcomeStage.NO_SHOW);
    return List.of(OutcomeStage.CONTACTED, OutcomeStage.INTERVIEW, OutcomeStage.OFFER, OutcomeStage.HIRED);
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
}
