package io.matchstream.bench.learn;

import io.matchstream.events.Match;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Weights that learn from outcomes (issue 12, item 5). On a seeded closed loop — the simulator's
 * events through the match job's own operators, every match offered back to the simulator, which
 * answers with {@code match-outcomes} drawn from its hidden true fit — it
 *
 * <ol>
 *   <li>reports how well the job's score ranks hires (AUC of "hired" against "not hired") per
 *       occupation family and overall;
 *   <li>fits the five component weights on the earlier days (logistic regression, weights ≥ 0,
 *       normalised to sum to 1) and a threshold that keeps the matches a day where the static
 *       settings have them; if the fitted weights' best pairs tie so that no threshold can, they
 *       are shrunk toward the static weights just far enough that one can;
 *   <li>compares static and fitted on the last held-out days: offline (both scores over the
 *       static run's matches: the only outcomes there are) and online (the same seed run again
 *       with the fitted version written to the pools' settings input from the first held-out
 *       day, so the fitted score picks its own matches and the simulator answers them);
 *   <li>prints the fitted version as a {@code match-settings} record, checked by the events
 *       module's validator.
 * </ol>
 */
@Command(name = "weights-bench", mixinStandardHelpOptions = true,
    description = "Static vs fitted score weights on simulated match outcomes.")
public final class WeightsBench implements Callable<Integer> {
  static final String[] COMPONENTS = {"skills", "level", "salary", "employment", "location"};

  @Option(names = "--cities", split = ",", defaultValue = "ningbo,wuhan,chengdu",
      description = "Simulated cities (default: ${DEFAULT-VALUE}).")
  List<String> cities;

  @Option(names = "--volume", defaultValue = "1.0", description = "Simulator volume (default: ${DEFAULT-VALUE}).")
  double volume;

  @Option(names = "--days", defaultValue = "21", description = "Simulated days evaluated (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--holdout", defaultValue = "7", description = "The last days held out (default: ${DEFAULT-VALUE}).")
  int holdout;

  @Option(names = "--settle", defaultValue = "8",
      description = "Days run past the last evaluated one so its matches' outcomes have ended (default: ${DEFAULT-VALUE}).")
  int settle;

  @Option(names = "--calibration-days", defaultValue = "3",
      description = "Live days of the threshold calibration run (default: ${DEFAULT-VALUE}).")
  int calibrationDays;

  @Option(names = "--volume-tolerance", defaultValue = "0.1",
      description = "How far from the static matches a day the fitted settings may be (default: ${DEFAULT-VALUE}).")
  double volumeTolerance;

  @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--iterations", defaultValue = "3000", description = "Gradient descent steps (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--settings-version", defaultValue = "1",
      description = "Version of the printed match-settings record: above the one the job holds (default: ${DEFAULT-VALUE}).")
  long settingsVersion;

  @Option(names = "--no-online",
      description = "Offline only: do not run the held-out days again with the fitted settings live.")
  boolean offlineOnly;

  public static void main(String[] args) {
    System.exit(new CommandLine(new WeightsBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (holdout < 1 || holdout >= days) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--holdout must be in 1..days-1");
    }
    MatchSettings options = MatchSettings.defaults();
    SimulatorConfig sim = SimulatorConfig.builder().seed(seed).cities(cities).volumeScale(volume)
        .duration(Duration.ofDays(days + settle)).build();
    int lastTrain = days - holdout;
    LocalDate first = ShanghaiCalendar.dateOf(sim.start());
    out("# Weights that learn: static vs fitted score weights on simulated outcomes%n%n");
    out("Closed loop: the simulator (seed %d, %s, volume %.2f, start %s) through the match job's own operators "
            + "(parse and validation, VacancyRouting, CandidateRouting, MatchFunction in Flink test harnesses), "
            + "each match offered back to the simulator, which answers with outcomes from its hidden true fit. "
            + "Days 1–%d are evaluated (day 1 = %s; day 0, the initial stock's, is left out); %d more days run "
            + "so the last day's matches have settled. Training: days 1–%d; held out: days %d–%d.%n%n",
        seed, String.join(",", sim.cities()), volume, sim.start(), days, first, settle, lastTrain, lastTrain + 1, days);
    out("Static settings (the job's options, version 0): weights skills %.2f, level %.2f, salary %.2f, "
            + "employment %.2f, location %.2f; threshold %.2f; top-k %d.%n%n",
        options.weightSkills(), options.weightLevel(), options.weightSalary(), options.weightEmployment(),
        options.weightLocation(), options.threshold(), options.topK());

    LoopRun base = LoopRun.run(sim, options, null);
    out("Static run: %,d events, %,d matches, %,d hired through matches, %.0f s; offers %s%n%n",
        base.events, base.rows.size(), base.hired.size(), base.seconds, base.offers);
    List<LoopRun.Row> train = base.days(1, lastTrain);
    List<LoopRun.Row> test = base.days(lastTrain + 1, days);

    // Fit on the training days.
    double[][] x = train.stream().map(LoopRun.Row::components).toArray(double[][]::new);
    boolean[] y = labels(train, base.hired);
    Ranking.Logistic fit = Ranking.fit(x, y, iterations, 0.5, 1e-4);
    double[] weights = normalise(fit, options);
    out("## Fit (days 1–%d: %,d matches, %,d hired)%n%n", lastTrain, train.size(), count(y));
    out("Logistic regression on the five components (gradient descent, %d steps, weights ≥ 0), log loss %.4f; "
            + "raw coefficients %s, intercept %.3f.%n", iterations, fit.logLoss(), fmt(fit.weights()), fit.intercept());
    for (int j = 0; j < COMPONENTS.length; j++) {
      if (!fit.identified()[j]) {
        out("* %s does not vary among the matched pairs (the static threshold lets none but its best through): "
            + "the outcomes say nothing about it, so it keeps its static weight %.2f.%n", COMPONENTS[j], staticWeights(options)[j]);
      }
    }
    out("Logistic weights (sum 1): %s%n", named(weights));
    final double[] logistic = weights;
    out("AUC on the training days (in sample): static score %s, logistic weights %s.%n%n",
        Ranking.auc(train.stream().mapToDouble(LoopRun.Row::score).toArray(), y).text(),
        Ranking.auc(train.stream().mapToDouble(r -> combine(logistic, r.components())).toArray(), y).text());

    // Threshold: the same matches a day as the static settings. If ties at the top keep the fitted
    // weights above that volume, the least shrinkage toward the static weights that can hold it.
    double[] shrinks = {0, 0.25, 0.5, 0.75};
    List<double[]> weightings = new ArrayList<>();
    for (double k : shrinks) {
      weightings.add(blend(weights, staticWeights(options), k));
    }
    List<Calibrated> calibrated = calibrate(sim, options, weightings, shrinks, 0.8);
    Calibrated chosen = calibrated.stream().filter(c -> Math.abs(c.ratio() - 1) <= volumeTolerance).findFirst()
        .orElse(calibrated.get(0));
    if (chosen != calibrated.get(0)) {
      out("The fitted weights cannot hold the static volume (%.2f× at their highest threshold: their best pairs tie); "
              + "the least shrinkage toward the static weights that can (within ±%.0f%%): %.2f.%n%n",
          calibrated.get(0).ratio(), 100 * volumeTolerance, chosen.shrink());
    } else if (Math.abs(chosen.ratio() - 1) > volumeTolerance) {
      out("No shrinkage holds the static volume within ±%.0f%%: the fitted weights are used at %.2f× it.%n%n",
          100 * volumeTolerance, chosen.ratio());
    }
    final double[] applied = chosen.weights();
    double threshold = chosen.threshold();
    out("Fitted settings (as applied): %s; threshold %.4f.%n", named(applied), threshold);
    ScoreSettings fitted = settings(options, applied, threshold, settingsVersion, 0);
    String json = EventCodec.encodeToString(fitted);
    ParseResult<ScoreSettings> check = EventValidator.withDefaults().parseSettings(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (!check.isValid()) {
      throw new IllegalStateException("the fitted settings would be dead-lettered: " + check.reason());
    }

    // Offline: both scores over the static run's held-out matches.
    out("%n## Held-out days %d–%d%n%n", lastTrain + 1, days);
    ToDoubleFunction<LoopRun.Row> staticScore = LoopRun.Row::score;
    ToDoubleFunction<LoopRun.Row> logisticScore = r -> combine(weights, r.components());
    ToDoubleFunction<LoopRun.Row> fittedScore = r -> combine(applied, r.components());
    LoopRun live = null;
    if (!offlineOnly) {
      long from = ShanghaiCalendar.start(first.plusDays(lastTrain)).toEpochMilli();
      live = LoopRun.run(sim, options, settings(options, applied, threshold, 1, from));
      long same = base.days(0, lastTrain).size();
      long again = live.days(0, lastTrain).size();
      out("Online run (%.0f s): the fitted settings written to the pools' settings input as version 1, effective from "
              + "day %d 00:00 Shanghai; days 0–%d have %,d matches (static run: %,d%s).%n%n",
          live.seconds, lastTrain + 1, lastTrain, again, same, again == same ? ", the same" : ", DIFFERENT");
    }
    out("%s%n", familyTable(test, base.hired, staticScore, logisticScore, fittedScore,
        live == null ? null : live.days(lastTrain + 1, days), live == null ? null : live.hired));
    out("%s%n", volumeTable(base, live, test, fittedScore, threshold, lastTrain + 1, days));
    out("""
        Selection bias: outcomes exist only for pairs a score matched. The offline columns score the static run's
        matches — every one already passed the static threshold — so they say how well each score ranks *within*
        what the static score chose, not whether the fitted score would find better pairs outside it; components
        the static threshold pins near 1 (see above) cannot be weighed from them at all. The online rows are the
        closer test: the same seed run again with the fitted version live from day %d, so its own matches get
        outcomes; they differ from the static run also by whatever the changed matches change in the simulation
        (who is still available, which posts are filled). The hidden true fit (simulator README) weighs pay gap,
        commute, shift pattern and employer type that the five components see only in part: no weighting of them
        can reach it.
        %n""", lastTrain + 1);
    out("## Fitted settings as a `match-settings` record (valid: checked by `EventValidator.parseSettings`)%n%n");
    out("Threshold: chosen so that the fitted score makes as many matches a day as the static settings "
        + "(calibration run, see above), not to maximise hires per match. No `effectiveFrom`: it applies from "
        + "the next arrival the job scores after reading it; write it under the key `%s`.%n%n```%n%s%n```%n", ScoreSettings.KEY, json);
    return 0;
  }

  /** A weighting's threshold for the static volume, and the volume it gives against the static one. */
  record Calibrated(double[] weights, double shrink, double threshold, double ratio) {}

  /**
   * For each weighting, the threshold at which it makes as many matches as the static settings:
   * one open-loop pass of the simulator through copies of the job's operators, one with the static
   * settings and one per weighting at a low threshold. An arrival's matches are its top-k pairs
   * above the threshold, so those of a higher threshold are (pair memory aside) those of the low
   * one that score at least as high: the threshold is the score of the N-th best match of the low
   * run, N the static run's count over the same days. Ties at that score all count in, so a
   * weighting whose best pairs tie (e.g. at 1.0) may not get down to the static volume.
   */
  private List<Calibrated> calibrate(SimulatorConfig sim, MatchSettings options, List<double[]> weightings,
      double[] shrinks, double low) throws Exception {
    SimulatorConfig open = sim.toBuilder().closedLoop(false).duration(Duration.ofDays(calibrationDays)).build();
    long started = System.nanoTime();
    LocalDate first = ShanghaiCalendar.dateOf(sim.start());
    JobPools reference = new JobPools(options);
    List<JobPools> rigs = new ArrayList<>();
    List<List<Double>> scores = new ArrayList<>();
    for (double[] w : weightings) {
      rigs.add(new JobPools(options.withLive(settings(options, w, low, 1, 0))));
      scores.add(new ArrayList<>());
    }
    long staticCount = 0;
    Iterator<SimEvent> events = Simulator.events(open);
    long end = open.end().toEpochMilli();
    while (true) {
      SimEvent e = events.hasNext() ? events.next() : null;
      for (Match m : e == null ? reference.advance(end) : reference.accept(e)) {
        staticCount += LoopRun.day(m.eventTime(), first) >= 1 ? 1 : 0;
      }
      for (int i = 0; i < rigs.size(); i++) {
        for (Match m : e == null ? rigs.get(i).advance(end) : rigs.get(i).accept(e)) {
          if (LoopRun.day(m.eventTime(), first) >= 1) {
            scores.get(i).add(m.score());
          }
        }
      }
      if (e == null) {
        break;
      }
    }
    reference.close();
    for (JobPools r : rigs) {
      r.close();
    }
    out("Threshold calibration (open loop, days 1–%d, %.0f s): the static settings make %,d matches.%n%n",
        calibrationDays, (System.nanoTime() - started) / 1e9, staticCount);
    out("| weights | shrink toward static | matches at threshold %.2f | threshold for the static volume | matches there | × static |%n", low);
    out("|---|---:|---:|---:|---:|---:|%n");
    List<Calibrated> result = new ArrayList<>();
    for (int i = 0; i < rigs.size(); i++) {
      List<Double> s = scores.get(i);
      s.sort((p, q) -> Double.compare(q, p));
      double t = s.size() > staticCount && staticCount > 0 ? round4(s.get((int) staticCount - 1)) : low;
      long at = s.stream().filter(v -> v >= t).count();
      double ratio = staticCount == 0 ? Double.NaN : (double) at / staticCount;
      result.add(new Calibrated(weightings.get(i), shrinks[i], t, ratio));
      out("| %s | %.2f | %,d | %.4f | %,d | %.2f |%n", named(weightings.get(i)), shrinks[i], s.size(), t, at, ratio);
    }
    out("%n");
    return result;
  }

  private static String familyTable(List<LoopRun.Row> test, Set<String> hired, ToDoubleFunction<LoopRun.Row> staticScore,
      ToDoubleFunction<LoopRun.Row> logisticScore, ToDoubleFunction<LoopRun.Row> fittedScore, List<LoopRun.Row> live, Set<String> liveHired) {
    StringBuilder s = new StringBuilder();
    s.append("AUC of the score for hired vs not hired, per occupation family (CSCO minor group). Offline: the static "
        + "run's held-out matches, scored by each. Online: the fitted run's own held-out matches, by the score that made them.\n\n");
    s.append("| family | matches (static run) | hired | AUC static | AUC logistic weights, offline | AUC fitted as applied, offline "
        + "| matches (fitted run) | hired | AUC fitted, online |\n");
    s.append("|---|---:|---:|---|---|---|---:|---:|---|\n");
    Map<String, List<LoopRun.Row>> byFamily = new TreeMap<>();
    test.forEach(r -> byFamily.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r));
    Map<String, List<LoopRun.Row>> liveByFamily = new TreeMap<>();
    if (live != null) {
      live.forEach(r -> liveByFamily.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r));
      liveByFamily.keySet().forEach(f -> byFamily.putIfAbsent(f, List.of()));
    }
    for (var e : byFamily.entrySet()) {
      s.append(row(e.getKey(), e.getValue(), hired, staticScore, logisticScore, fittedScore, liveByFamily.get(e.getKey()), liveHired));
    }
    s.append(row("**all**", test, hired, staticScore, logisticScore, fittedScore, live, liveHired));
    return s.toString();
  }

  private static String row(String name, List<LoopRun.Row> rows, Set<String> hired, ToDoubleFunction<LoopRun.Row> staticScore,
      ToDoubleFunction<LoopRun.Row> logisticScore, ToDoubleFunction<LoopRun.Row> fittedScore, List<LoopRun.Row> live, Set<String> liveHired) {
    boolean[] y = labels(rows, hired);
    String liveCells = "– | – | –";
    if (live != null) {
      boolean[] ly = labels(live, liveHired);
      liveCells = String.format(Locale.ROOT, "%,d | %,d | %s", live.size(), count(ly),
          Ranking.auc(live.stream().mapToDouble(LoopRun.Row::score).toArray(), ly).text());
    }
    return String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %s |%n", name, rows.size(), count(y),
        Ranking.auc(rows.stream().mapToDouble(staticScore).toArray(), y).text(),
        Ranking.auc(rows.stream().mapToDouble(logisticScore).toArray(), y).text(),
        Ranking.auc(rows.stream().mapToDouble(fittedScore).toArray(), y).text(), liveCells);
  }

  private static String volumeTable(LoopRun base, LoopRun live, List<LoopRun.Row> test,
      ToDoubleFunction<LoopRun.Row> fittedScore, double threshold, int from, int to) {
    int n = to - from + 1;
    StringBuilder s = new StringBuilder();
    s.append("Hires at about the same match volume, held-out days, per day (precision = hires through matches per match).\n\n");
    s.append("| settings | matches a day | hires through matches a day | precision | placements a day, all channels |\n");
    s.append("|---|---:|---:|---:|---:|\n");
    s.append(volumeRow("static (version 0), static run", test, base.hired, base, from, to, n));
    List<LoopRun.Row> pass = test.stream().filter(r -> fittedScore.applyAsDouble(r) >= threshold).toList();
    List<LoopRun.Row> fail = test.stream().filter(r -> fittedScore.applyAsDouble(r) < threshold).toList();
    s.append(String.format(Locale.ROOT, "| offline: static's matches the fitted score also passes (≥ %.4f) | %,.0f | %,.1f | %.2f%% | – |%n",
        threshold, pass.size() / (double) n, count(labels(pass, base.hired)) / (double) n, pct(pass, base.hired)));
    s.append(String.format(Locale.ROOT, "| offline: static's matches the fitted score drops | %,.0f | %,.1f | %.2f%% | – |%n",
        fail.size() / (double) n, count(labels(fail, base.hired)) / (double) n, pct(fail, base.hired)));
    if (live != null) {
      s.append(volumeRow("fitted (version 1), online run", live.days(from, to), live.hired, live, from, to, n));
    }
    return s.toString();
  }

  private static String volumeRow(String name, List<LoopRun.Row> rows, Set<String> hired, LoopRun run, int from, int to, int n) {
    long placed = run.placedPerDay.entrySet().stream().filter(e -> e.getKey() >= from && e.getKey() <= to)
        .mapToLong(Map.Entry::getValue).sum();
    return String.format(Locale.ROOT, "| %s | %,.0f | %,.1f | %.2f%% | %,.0f |%n", name, rows.size() / (double) n,
        count(labels(rows, hired)) / (double) n, pct(rows, hired), placed / (double) n);
  }

  private static double pct(List<LoopRun.Row> rows, Set<String> hired) {
    return rows.isEmpty() ? Double.NaN : 100.0 * count(labels(rows, hired)) / rows.size();
  }

  /** Fitted weights for the job: the identified ones as fitted, the rest at their static weight, sum 1. */
  static double[] normalise(Ranking.Logistic fit, MatchSettings options) {
    double[] fixed = staticWeights(options);
    double unidentified = 0;
    double sum = 0;
    for (int j = 0; j < fixed.length; j++) {
      if (fit.identified()[j]) {
        sum += fit.weights()[j];
      } else {
        unidentified += fixed[j];
      }
    }
    double total = Arrays.stream(fixed).sum();
    double[] w = new double[fixed.length];
    for (int j = 0; j < fixed.length; j++) {
      if (sum <= 0) {
        w[j] = fixed[j] / total;
      } else {
        w[j] = fit.identified()[j] ? fit.weights()[j] / sum * (1 - unidentified / total) : fixed[j] / total;
      }
      w[j] = round4(w[j]);
    }
    return w;
  }

  /** (1 − k)·fitted + k·static, rounded as the record carries them. */
  static double[] blend(double[] fitted, double[] fixed, double k) {
    double[] w = new double[fitted.length];
    double total = Arrays.stream(fixed).sum();
    for (int j = 0; j < w.length; j++) {
      w[j] = round4((1 - k) * fitted[j] + k * fixed[j] / total);
    }
    return w;
  }

  static double[] staticWeights(MatchSettings o) {
    return new double[] {o.weightSkills(), o.weightLevel(), o.weightSalary(), o.weightEmployment(), o.weightLocation()};
  }

  /** The job's combination: the weighted mean of the components. */
  static double combine(double[] w, double[] c) {
    double s = 0;
    double sum = 0;
    for (int j = 0; j < w.length; j++) {
      s += w[j] * c[j];
      sum += w[j];
    }
    return s / sum;
  }

  static ScoreSettings settings(MatchSettings o, double[] w, double threshold, long version, long effectiveFrom) {
    return new ScoreSettings(version, SchemaVersion.CURRENT, effectiveFrom, threshold, o.topK(), w[0], w[1], w[2], w[3],
        w[4], o.acceptedCityScore(), o.salaryTolerance());
  }

  private static boolean[] labels(List<LoopRun.Row> rows, Set<String> hired) {
    boolean[] y = new boolean[rows.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = hired.contains(rows.get(i).matchId());
    }
    return y;
  }

  private static int count(boolean[] y) {
    int n = 0;
    for (boolean b : y) {
      n += b ? 1 : 0;
    }
    return n;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static String fmt(double[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", v[i]));
    }
    return s.append(']').toString();
  }

  private static String named(double[] w) {
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < w.length; j++) {
      s.append(j > 0 ? ", " : "").append(COMPONENTS[j]).append(' ').append(String.format(Locale.ROOT, "%.4f", w[j]));
    }
    return s.toString();
  }

  private static void out(String format, Object... args) {
    System.out.printf(Locale.ROOT, format, args);
  }
}
