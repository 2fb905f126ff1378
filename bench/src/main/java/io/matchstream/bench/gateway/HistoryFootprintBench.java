package io.matchstream.bench.gateway;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CityStats;
import io.matchstream.events.Ids;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.history.HistoryConfig;
import io.matchstream.gateway.history.HistoryStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap of the gateway's history store, measured: a year of days for the 39 cities and the nation,
 * then alert changes, each decoded from its JSON as the feed does (so strings are the decoder's own,
 * as in production). Heap used after GC before and after filling; prints bytes per day and per change.
 *
 * <pre>java -Xmx1g -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
 *   io.matchstream.bench.gateway.HistoryFootprintBench 366 200000</pre>
 */
public final class HistoryFootprintBench {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HistoryFootprintBench() {}

  @Command(name = "history-footprint-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--days", defaultValue = "366", description = "Days of final figures (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--alert-changes", defaultValue = "200000", description = "Alert changes (default ${DEFAULT-VALUE}).")
    int alertChanges;
  }

  public static void main(String[] args) throws Exception {
    Options o = BenchOptions.parse(new Options(), args);
    int days = o.days;
    int changes = o.alertChanges;
    CityRegistry cities = CityRegistry.loadDefault();
    Taxonomy taxonomy = Taxonomy.loadDefault();
    List<Occupation> occupations = new ArrayList<>(taxonomy.occupations());
    List<String> keys = new ArrayList<>();
    keys.add(CityStats.NATIONAL);
    for (City c : cities.all()) keys.add(c.id());
    LocalDate first = LocalDate.parse("2025-12-01");

    HistoryStore store = new HistoryStore(cities, taxonomy, new HistoryConfig(days + 1, changes, 366));
    // The codec's caches and the store's first structures are not per day: built before measuring.
    HistoryStore warmUp = new HistoryStore(cities, taxonomy, new HistoryConfig(1, 1, 1));
    warmUp.putDay(EventCodec.decodeCityStats(EventCodec.encode(new CityStats(CityStats.NATIONAL, "w", 0L, 1,
        "2025-01-01", 1, true, 0, 0, 0, 0, 0, 0, 1.0, 1.0, 1.0, 0, List.of(), List.of(), List.of()))));
    long before = usedAfterGc();
    for (int d = 0; d < days; d++) {
      String day = first.plusDays(d).toString();
      for (String key : keys) {
        CityStats s = new CityStats(key, key + "/" + day + "/7", 0L, 1, day, 7, true, 3_000 + d, 900, 1_100, 350,
            8_000, 6_000, 1.33, 12.5, 0.31, 17, Collections.nCopies(24, 100L),
            List.of(new CityStats.DayCount(day, 3_000 + d)),
            List.of(new CityStats.OccupationFigure(occupations.get(0).code(), 5, 2, 2.5)));
        store.putDay(EventCodec.decodeCityStats(EventCodec.encode(s)));
      }
    }
    long afterDays = usedAfterGc();
    long start = ShanghaiCalendar.start(first).toEpochMilli();
    for (int i = 0; i < changes; i++) {
      String vacancy = String.format("vac-%012d", i / 2);
      AlertState state = i % 2 == 0 ? AlertState.FIRING : AlertState.RESOLVED;
      String alertId = Ids.alertId(vacancy, AlertType.UNFILLED_TECHNICAL_POST);
      long t = start + (long) i * 60_000;
      Alert a = new Alert(alertId, Ids.alertEventId(alertId, state, t), t, 1, AlertType.UNFILLED_TECHNICAL_POST,
          state, keys.get(1 + i % (keys.size() - 1)), occupations.get(i % occupations.size()).code(), vacancy,
          "emp-000001", t - 31L * 86_400_000, 31, null, 6_000, 8_000, null, "焊工岗位空缺超过30天");
      store.putAlert(EventCodec.decodeAlert(EventCodec.encode(a)));
    }
    long afterAlerts = usedAfterGc();
    int dayCount = days * keys.size();
    System.out.printf("days kept: %,d (%d keys x %d days), heap %,d B, %.0f B per day%n",
        dayCount, keys.size(), days, afterDays - before, (afterDays - before) / (double) dayCount);
    System.out.printf("alert changes kept: %,d, heap %,d B, %.0f B per change%n",
        store.alertChangesKept(), afterAlerts - afterDays, (afterAlerts - afterDays) / (double) changes);
    if (store.days(CityStats.NATIONAL, first, first).isEmpty()) throw new AssertionError("store lost a day");
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
