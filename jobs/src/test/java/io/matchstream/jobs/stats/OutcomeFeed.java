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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcomes a closed loop played, as a real feed would bring them: each sixth record written once
 * more a little later (a retried write), and, deterministically, the kinds the job must refuse — an
 * outcome for a match that does not exist, one naming another city, one before its match, a NO_SHOW
 * with nothing arranged, and a step after a final one. Written in time order.
 */
final class OutcomeFeed {
  static final long HOUR = 3_600_000L;

  private OutcomeFeed() {}

  static List<MatchOutcome> of(List<MatchOutcome> played, List<Match> matches) {
    List<MatchOutcome> all = new ArrayList<>(played);
    Map<String, Match> distinct = new TreeMap<>();
    matches.forEach(m -> distinct.putIfAbsent(m.matchId(), m));
    int i = 0;
    for (Match m : distinct.values()) {
      long t = m.eventTime();
      switch (i++ % 50) {
        case 7 -> all.add(outcome(all.size(), Ids.matchId("vac-nobody" + i, "cand-nobody"), m.cityId(),
            OutcomeStage.CONTACTED, t + HOUR));
        case 17 -> all.add(outcome(all.size(), m.matchId(), m.cityId().equals("wuhan") ? "ningbo" : "wuhan",
            OutcomeStage.CONTACTED, t + HOUR));
        case 27 -> all.add(outcome(all.size(), m.matchId(), m.cityId(), OutcomeStage.CONTACTED, t - HOUR));
        case 37 -> all.add(outcome(all.size(), m.matchId(), m.cityId(), OutcomeStage.NO_SHOW, t + 60_000L));
        default -> { }
      }
    }
    Map<String, MatchOutcome> last = new HashMap<>();
    played.stream().sorted(Comparator.comparingLong(MatchOutcome::eventTime)).forEach(o -> last.put(o.matchId(), o));
    int finals = 0;
    for (MatchOutcome o : last.values().stream().sorted(Comparator.comparing(MatchOutcome::matchId)).toList()) {
      if (o.stage().isFinal() && finals++ % 10 == 0) {
        all.add(outcome(all.size(), o.matchId(), o.cityId(), OutcomeStage.CONTACTED, o.eventTime() + HOUR));
      }
    }
    all.sort(Comparator.comparingLong(MatchOutcome::eventTime));
    List<MatchOutcome> withRepeats = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      withRepeats.add(all.get(k));
      if (k % 6 == 5) {
        withRepeats.add(all.get(k - 3)); // the same record again, a little later
      }
    }
    return withRepeats;
  }

  private static MatchOutcome outcome(int n, String matchId, String city, OutcomeStage stage, long time) {
    return new MatchOutcome(String.format("o-feed-%06d", n), matchId, time, SchemaVersion.CURRENT, city, stage,
        OutcomeActor.PARK_OPERATOR, stage.isProgress() ? OutcomeReason.ADVANCED : OutcomeReason.NOT_GIVEN);
  }
}
