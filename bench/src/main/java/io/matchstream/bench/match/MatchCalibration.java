package io.matchstream.bench.match;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Match;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.ValidatingDeserializationSchema;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.match.CandidateRouting;
import io.matchstream.jobs.match.MatchFunction;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.jobs.match.PoolInput;
import io.matchstream.jobs.match.PoolKey;
import io.matchstream.jobs.match.RoutedCandidate;
import io.matchstream.jobs.match.RoutedVacancy;
import io.matchstream.jobs.match.RouterShards;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Matches per city per day that the match job makes on the simulator's default stream, for a set
 * of (threshold, top-k) candidates: what the defaults in {@code MatchOptions} were chosen from.
 *
 * <p>The events go through the job's own code: the Kafka deserializer's parse and validation, the
 * {@link CandidateRouting} and {@link MatchFunction} operators (in Flink's keyed test harnesses,
 * one instance each, i.e. parallelism 1: keyed state makes the result independent of parallelism),
 * and watermarks as the sources make them ({@link Simulator#MAX_DISORDER} behind the newest
 * record, advanced every simulated minute). Only Kafka and the network are left out.
 *
 * <p>Arguments: {@code days volumeScale cities|all threshold,threshold… topK,topK…}, e.g.
 * {@code 5 1.0 all 0.75,0.8 3}. The initial stock falls on the day before the start and the first
 * live day is still above the rest (the pools are at their fullest), so steady state is the mean
 * of the live days after the first.
 */
public final class MatchCalibration {
  private static final long MINUTE = 60_000L;

  private MatchCalibration() {}

  @Command(name = "match-calibration", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--days", defaultValue = "5", description = "Simulated days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = {"--simulator.volume-scale", "--volume"}, defaultValue = "1.0",
        description = "Simulator volume scale (default ${DEFAULT-VALUE}).")
    double volume;

    @Option(names = {"--simulator.cities", "--cities"}, defaultValue = "all",
        description = "City ids, comma separated, or all (default ${DEFAULT-VALUE}).")
    String cities;

    @Option(names = "--thresholds", description = "Thresholds to try, comma separated (default: match.threshold's).")
    String thresholds;

    @Option(names = "--top-k", description = "Top-k values to try, comma separated (default: match.top-k's).")
    String topK;
  }

  public static void main(String[] args) throws Exception {
    Options o = BenchOptions.parse(new Options(), args);
    int days = o.days;
    double volume = o.volume;
    List<String> cities = o.cities.equals("all") ? List.of() : List.of(o.cities.split(","));
    double[] thresholds = o.thresholds != null ? parse(o.thresholds) : new double[] {MatchSettings.defaults().threshold()};
    double[] ks = o.topK != null ? parse(o.topK) : new double[] {MatchSettings.defaults().topK()};
    SimulatorConfig sim = SimulatorConfig.builder()
        .duration(Duration.ofDays(days)).volumeScale(volume).cities(cities).build();
    CityRegistry registry = sim.cityRegistry();
    System.out.printf(Locale.ROOT, "simulator: seed %d, start %s, %d days, volume %.2f, %d cities%n",
        sim.seed(), sim.start(), days, volume, sim.cities().size());
    for (double k : ks) {
      for (double t : thresholds) {
        MatchSettings settings = MatchSettings.defaults().withThreshold(t).withTopK((int) k);
        long started = System.nanoTime();
        Result r = run(sim, settings);
        System.out.printf(Locale.ROOT, "%n== threshold %.2f, top-k %d (%.0f s)%n", t, (int) k,
            (System.nanoTime() - started) / 1e9);
        r.print(registry, sim);
      }
    }
  }

  /** Matches per (city, Shanghai day) and what they are made of. */
  static final class Result {
    final Map<String, TreeMap<LocalDate, Integer>> perCity = new TreeMap<>();
    long matches;
    long withNoEssentialMissing;
    long withAtMostOneEssentialMissing;
    double scoreSum;
    double skillScoreSum;
    final int[] scoreHistogram = new int[5];
    long arrivals;

    void add(Match m) {
      LocalDate day = Instant.ofEpochMilli(m.eventTime()).atZone(ShanghaiCalendar.ZONE).toLocalDate();
      perCity.computeIfAbsent(m.cityId(), c -> new TreeMap<>()).merge(day, 1, Integer::sum);
      matches++;
      int missing = m.essentialSkillsMissing().size();
      withNoEssentialMissing += missing == 0 ? 1 : 0;
      withAtMostOneEssentialMissing += missing <= 1 ? 1 : 0;
      scoreSum += m.score();
      skillScoreSum += m.skillScore();
      scoreHistogram[Math.min(4, (int) ((m.score() - 0.5) / 0.1 < 0 ? 0 : (m.score() - 0.5) / 0.1))]++;
    }

    /** Mean matches a day over the live days after the first (see the class comment), one simulated city. */
    double steadyPerDay(String city, SimulatorConfig sim) {
      TreeMap<LocalDate, Integer> days = perCity.getOrDefault(city, new TreeMap<>());
      LocalDate first = sim.start().atZone(ShanghaiCalendar.ZONE).toLocalDate();
      long n = sim.duration().toDays();
      double sum = 0;
      for (int d = 1; d < n; d++) {
        sum += days.getOrDefault(first.plusDays(d), 0);
      }
      return n > 1 ? sum / (n - 1) : days.getOrDefault(first, 0);
    }

    void print(CityRegistry registry, SimulatorConfig sim) {
      System.out.printf(Locale.ROOT,
          "matches %d from %d arrivals; mean score %.3f, mean skill coverage %.3f; no essential skill "
              + "missing %.1f%%, at most one %.1f%%%n",
          matches, arrivals, scoreSum / Math.max(1, matches), skillScoreSum / Math.max(1, matches),
          100.0 * withNoEssentialMissing / Math.max(1, matches),
          100.0 * withAtMostOneEssentialMissing / Math.max(1, matches));
      System.out.printf(Locale.ROOT, "score histogram <0.6 %d | 0.6-0.7 %d | 0.7-0.8 %d | 0.8-0.9 %d | >=0.9 %d%n",
          scoreHistogram[0], scoreHistogram[1], scoreHistogram[2], scoreHistogram[3], scoreHistogram[4]);
      System.out.printf(Locale.ROOT, "%-14s %6s %10s %14s   %s%n", "city", "size", "per day", "per day/size",
          "by day (day 1 = initial stock)");
      double total = 0;
      for (String id : sim.cities()) {
        City city = registry.get(id);
        double perDay = steadyPerDay(id, sim) / sim.volumeScale();
        total += perDay;
        System.out.printf(Locale.ROOT, "%-14s %6.2f %10.0f %14.0f   %s%n", id, city.sizeWeight(), perDay,
            perDay / city.sizeWeight(), perCity.getOrDefault(id, new TreeMap<>()).values());
      }
      System.out.printf(Locale.ROOT, "%-14s %6s %10.0f%n", "all", "", total);
      System.out.println("(per day = mean of the live days after the first, divided by the volume scale)");
    }
  }

  static Result run(SimulatorConfig sim, MatchSettings settings) throws Exception {
    var router = new KeyedOneInputStreamOperatorTestHarness<Integer, CandidateEvent, RoutedCandidate>(
        new KeyedProcessOperator<>(new CandidateRouting(settings.candidateMaxAgeMillis())),
        RouterShards.CANDIDATE, Types.INT);
    var pools = new KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match>(
        new CoBroadcastWithKeyedOperator<>(new MatchFunction(settings), java.util.List.of(MatchFunction.SETTINGS)),
        PoolInput::poolKey, null, Types.STRING);
    router.open();
    pools.open();
    ValidatingDeserializationSchema vacancies = new ValidatingDeserializationSchema(Kind.VACANCY, "match");
    ValidatingDeserializationSchema candidates = new ValidatingDeserializationSchema(Kind.CANDIDATE, "match");
    Result result = new Result();
    long disorder = Simulator.MAX_DISORDER.toMillis();
    long lastWatermark = Long.MIN_VALUE;
    long offset = 0;
    Iterator<SimEvent> events = Simulator.events(sim);
    while (events.hasNext()) {
      SimEvent e = events.next();
      boolean vacancy = e.topic().equals(Topics.VACANCIES);
      Inbound in = (vacancy ? vacancies : candidates).parse(e.value(), e.topic(), 0, offset++);
      if (in.vacancy() != null) {
        pools.processElement1(new StreamRecord<>(PoolInput.of(new RoutedVacancy(PoolKey.of(in.vacancy()), in.vacancy())), in.eventTime()));
        result.arrivals++;
      } else if (in.candidate() != null) {
        router.processElement(new StreamRecord<>(in.candidate(), in.eventTime()));
        forward(router, pools);
        result.arrivals++;
      }
      if (e.emitTime() - disorder - 1 >= lastWatermark + MINUTE) {
        lastWatermark = e.emitTime() - disorder - 1;
        advance(lastWatermark, router, pools, result);
      }
    }
    advance(sim.end().toEpochMilli(), router, pools, result);
    router.close();
    pools.close();
    return result;
  }

  private static void advance(long watermark,
      KeyedOneInputStreamOperatorTestHarness<Integer, CandidateEvent, RoutedCandidate> router,
      KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> pools,
      Result result) throws Exception {
    router.processWatermark(new Watermark(watermark));
    forward(router, pools);
    pools.processBothWatermarks(new Watermark(watermark));
    for (Match m : pools.extractOutputValues()) {
      result.add(m);
    }
    pools.getOutput().clear();
  }

  private static void forward(KeyedOneInputStreamOperatorTestHarness<Integer, CandidateEvent, RoutedCandidate> router,
      KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> pools) throws Exception {
    List<RoutedCandidate> routed = new ArrayList<>(router.extractOutputValues());
    router.getOutput().clear();
    for (RoutedCandidate r : routed) {
      pools.processElement1(new StreamRecord<>(PoolInput.of(r), r.event().eventTime()));
    }
  }

  private static double[] parse(String list) {
    return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
  }
}
