package io.matchstream.simulator;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A closed-loop run with the {@link ToyMatcher} standing in for the match job: each event goes to
 * the matcher, whose matches are offered at that event's emit time. Counts per Shanghai day (of
 * emission) what a consumer would: placements, matches, outcomes by stage.
 */
final class ClosedLoopRun {
  /** Tuned so that Ningbo gets ~3,000 matches a day, as from the match job. */
  static final double TOY_THRESHOLD = 0.90;

  final Map<LocalDate, Long> placed = new TreeMap<>();
  final Map<LocalDate, Long> matches = new TreeMap<>();
  final Map<LocalDate, Map<OutcomeStage, Long>> outcomes = new TreeMap<>();
  final Map<OutcomeStage, Long> stages = new EnumMap<>(OutcomeStage.class);
  long offered;
  long played;
  int maxPending;

  static ClosedLoopRun run(SimulatorConfig config, boolean closedLoop, Consumer<SimEvent> also)
      throws InvalidEventException {
    ClosedLoopRun r = new ClosedLoopRun();
    Simulator sim = Simulator.create(config.toBuilder().closedLoop(closedLoop).build());
    ToyMatcher matcher = new ToyMatcher(TOY_THRESHOLD);
    List<Match> ready = new ArrayList<>();
    Iterator<SimEvent> events = new ClosedLoopEvents(sim, () -> ready.isEmpty() ? null : ready.remove(0));
    while (events.hasNext()) {
      SimEvent e = events.next();
      also.accept(e);
      LocalDate day = Instant.ofEpochMilli(e.emitTime()).atZone(ShanghaiCalendar.ZONE).toLocalDate();
      if (e.topic().equals(Topics.CANDIDATES)) {
        CandidateEvent c = EventCodec.decodeCandidate(e.value());
        if (c.type() == CandidateEventType.PLACED) r.placed.merge(day, 1L, Long::sum);
      } else if (e.topic().equals(Topics.MATCH_OUTCOMES)) {
        MatchOutcome o = EventCodec.decodeOutcome(e.value());
        r.outcomes.computeIfAbsent(day, d -> new EnumMap<>(OutcomeStage.class)).merge(o.stage(), 1L, Long::sum);
        r.stages.merge(o.stage(), 1L, Long::sum);
      }
      List<Match> found = matcher.accept(e);
      if (closedLoop) {
        ready.addAll(found);
      }
      for (Match m : found) {
        r.matches.merge(day, 1L, Long::sum);
      }
      r.maxPending = Math.max(r.maxPending, sim.pendingMatches());
    }
    r.offered = sim.offeredMatches();
    r.played = sim.playedMatches();
    return r;
  }

  long hiresThroughMatches(LocalDate day) {
    return outcomes.getOrDefault(day, Map.of()).getOrDefault(OutcomeStage.HIRED, 0L);
  }

  public static void main(String[] args) throws Exception {
    SimulatorConfig c = SimulatorConfig.builder().cities("ningbo").duration(Duration.ofDays(Integer.parseInt(args[0]))).build();
    ClosedLoopRun open = run(c, false, e -> {});
    ClosedLoopRun closed = run(c, true, e -> {});
    System.out.println("open placed " + open.placed);
    System.out.println("open matches " + open.matches);
    System.out.println("closed placed " + closed.placed);
    System.out.println("closed matches " + closed.matches);
    System.out.println("closed outcomes " + closed.outcomes);
    System.out.println("stages " + closed.stages + " offered " + closed.offered + " played " + closed.played
        + " maxPending " + closed.maxPending);
  }
}
