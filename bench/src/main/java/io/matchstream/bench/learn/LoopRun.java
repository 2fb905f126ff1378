package io.matchstream.bench.learn;

import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One closed-loop run: the simulator's events through the match job's operators ({@link JobPools}),
 * each match the pools emit offered back to the simulator at the simulator's current instant (what
 * the all-in-one's {@code MatchReader} does through Kafka, without Kafka), and the simulator's
 * {@code match-outcomes} collected. Same seed, same settings: the same matches and outcomes.
 */
final class LoopRun {
  /** One match as the job wrote it, with what became of it. */
  record Row(String matchId, int day, String city, String family, double[] components, double score,
      long settingsVersion, Simulator.Offer offer) {
    boolean hired(Set<String> hires) {
      return hires.contains(matchId);
    }
  }

  final List<Row> rows = new ArrayList<>();
  final Set<String> hired = new HashSet<>();
  /** Simulated day (1 = the start's Shanghai date) → PLACED of every channel. */
  final Map<Integer, Long> placedPerDay = new TreeMap<>();
  final Map<Simulator.Offer, Long> offers = new EnumMap<>(Simulator.Offer.class);
  long events;
  long deadLetters;
  double seconds;

  /**
   * @param live a settings version written to the pools' broadcast input before the first event
   *     (its {@code effectiveFrom} says where it takes effect), or null for the options alone
   */
  static LoopRun run(SimulatorConfig sim, MatchSettings options, ScoreSettings live) throws Exception {
    long started = System.nanoTime();
    LoopRun r = new LoopRun();
    LocalDate first = ShanghaiCalendar.dateOf(sim.start());
    Simulator simulator = Simulator.create(sim.toBuilder().closedLoop(true).build());
    ArrayDeque<Match> ready = new ArrayDeque<>();
    byte[] placed = "\"PLACED\"".getBytes(StandardCharsets.UTF_8);
    try (JobPools job = new JobPools(options)) {
      if (live != null) {
        job.settings(live);
      }
      while (true) {
        // Before each event, whatever the job has emitted, at the simulator's current instant: what
        // ClosedLoopEvents does with MatchReader's queue, here keeping each offer's answer.
        for (Match m = ready.poll(); m != null; m = ready.poll()) {
          Simulator.Offer o = simulator.offer(m, simulator.now());
          r.offers.merge(o, 1L, Long::sum);
          r.rows.add(row(m, first, o));
        }
        if (!simulator.hasNext()) {
          break;
        }
        SimEvent e = simulator.next();
        r.events++;
        int day = day(e.emitTime(), first);
        if (e.topic().equals(Topics.MATCH_OUTCOMES)) {
          MatchOutcome o = EventCodec.decodeOutcome(e.value());
          if (o.stage() == OutcomeStage.HIRED) {
            r.hired.add(o.matchId());
          }
        } else if (e.topic().equals(Topics.CANDIDATES) && contains(e.value(), placed)) {
          r.placedPerDay.merge(day, 1L, Long::sum);
        }
        ready.addAll(job.accept(e));
      }
      r.deadLetters = job.deadLetters();
    }
    r.seconds = (System.nanoTime() - started) / 1e9;
    return r;
  }

  static Row row(Match m, LocalDate first, Simulator.Offer offer) {
    double[] c = {m.skillScore(), m.levelScore(), m.salaryScore(), m.employmentScore(), m.locationScore()};
    long version = m.settingsVersion() == null ? 0 : m.settingsVersion();
    return new Row(m.matchId(), day(m.eventTime(), first), m.cityId(), family(m.occupationCode()), c, m.score(),
        version, offer);
  }

  /** The occupation family: the CSCO minor group, e.g. {@code 6-18} of {@code 6-18-01-01}. */
  static String family(String occupationCode) {
    return occupationCode.length() >= 4 ? occupationCode.substring(0, 4) : occupationCode;
  }

  /** 1 for the start's Shanghai date, 0 for the stock's day before it. */
  static int day(long epochMillis, LocalDate first) {
    return (int) (ShanghaiCalendar.dateOf(epochMillis).toEpochDay()
        - first.toEpochDay()) + 1;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Matches of days [from, to], in the order they were made. */
  List<Row> days(int from, int to) {
    return rows.stream().filter(x -> x.day() >= from && x.day() <= to).toList();
  }
}
