package io.matchstream.jobs.stats;

import io.matchstream.events.Ids;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeActor;
import io.matchstream.events.OutcomeReason;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.SchemaVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stand-in for the two sides of a closed loop: for each distinct match some outcomes, in
 * increasing time (contact, interview, offer, hire or an ending, a step sometimes skipped), plus
 * what a real feed also brings — repeated records, outcomes for matches that do not exist, of
 * another city, before their match, and impossible steps. Deterministic given the matches and the
 * seed (matches are taken in id order). Written in time order with each repeat soon after its
 * original, as a live writer would.
 */
final class SeededOutcomes {
  static final long HOUR = 3_600_000L;

  private final Random random;
  private final List<MatchOutcome> out = new ArrayList<>();
  private int next;

  private SeededOutcomes(long seed) {
    random = new Random(seed);
  }

  /** The outcomes for {@code matches} (repeats of a match id are one match), repeats included. */
  static List<MatchOutcome> forMatches(List<Match> matches, long seed) {
    Map<String, Match> distinct = new LinkedHashMap<>();
    matches.stream().sorted(Comparator.comparing(Match::matchId)).forEach(m -> distinct.putIfAbsent(m.matchId(), m));
    SeededOutcomes g = new SeededOutcomes(seed);
    int i = 0;
    for (Match m : distinct.values()) {
      g.play(m, i++);
    }
    List<MatchOutcome> sorted = new ArrayList<>(g.out);
    sorted.sort(Comparator.comparingLong(MatchOutcome::eventTime));
    List<MatchOutcome> withRepeats = new ArrayList<>();
    for (int k = 0; k < sorted.size(); k++) {
      withRepeats.add(sorted.get(k));
      if (k % 6 == 5) {
        withRepeats.add(sorted.get(k - 3)); // the same record again, a little later
      }
    }
    return withRepeats;
  }

  private void play(Match m, int index) {
    long t = m.eventTime();
    switch (index % 50) {
      case 7 -> add(Ids.matchId("vac-nobody" + index, "cand-nobody"), m.cityId(), OutcomeStage.CONTACTED, t + HOUR);
      case 17 -> add(m.matchId(), m.cityId().equals("wuhan") ? "ningbo" : "wuhan", OutcomeStage.CONTACTED, t + HOUR);
      case 27 -> add(m.matchId(), m.cityId(), OutcomeStage.CONTACTED, t - HOUR);
      case 37 -> add(m.matchId(), m.cityId(), OutcomeStage.NO_SHOW, t + HOUR);
      default -> { }
    }
    if (random.nextDouble() < 0.35) {
      return; // never followed up
    }
    t = later(t, 48);
    if (random.nextDouble() < 0.1) {
      add(m.matchId(), m.cityId(), OutcomeStage.HIRED, t); // straight to a hire: every step before counts
      return;
    }
    add(m.matchId(), m.cityId(), OutcomeStage.CONTACTED, t);
    if (random.nextDouble() < 0.2) {
      add(m.matchId(), m.cityId(), OutcomeStage.CONTACTED, t = later(t, 24)); // a second call counts nothing
    }
    double r = random.nextDouble();
    if (r < 0.3) {
      end(m, later(t, 24));
      return;
    }
    if (r < 0.5) {
      return;
    }
    add(m.matchId(), m.cityId(), OutcomeStage.INTERVIEW, t = later(t, 72));
    r = random.nextDouble();
    if (r < 0.15) {
      add(m.matchId(), m.cityId(), OutcomeStage.NO_SHOW, later(t, 24));
      return;
    }
    if (r < 0.4) {
      end(m, later(t, 24));
      return;
    }
    add(m.matchId(), m.cityId(), OutcomeStage.OFFER, t = later(t, 48));
    if (random.nextDouble() < 0.7) {
      add(m.matchId(), m.cityId(), OutcomeStage.HIRED, t = later(t, 96));
      if (random.nextDouble() < 0.05) {
        add(m.matchId(), m.cityId(), OutcomeStage.DECLINED, later(t, 24)); // impossible: a hire is final
      }
    } else {
      end(m, later(t, 48));
    }
  }

  private void end(Match m, long t) {
    add(m.matchId(), m.cityId(), OutcomeStage.DECLINED, t);
    if (random.nextDouble() < 0.1) {
      add(m.matchId(), m.cityId(), OutcomeStage.HIRED, later(t, 24)); // impossible: nothing follows DECLINED
    }
  }

  private long later(long t, int maxHours) {
    return t + 60_000L + (long) (random.nextDouble() * maxHours * HOUR);
  }

  private void add(String matchId, String city, OutcomeStage stage, long time) {
    OutcomeActor actor = stage == OutcomeStage.NO_SHOW || stage.isProgress() && random.nextBoolean()
        ? OutcomeActor.PARK_OPERATOR : OutcomeActor.EMPLOYER;
    out.add(new MatchOutcome(String.format("o-%08d", next++), matchId, time, SchemaVersion.CURRENT, city, stage, actor,
        stage.isProgress() ? OutcomeReason.ADVANCED : OutcomeReason.PAY));
  }
}
