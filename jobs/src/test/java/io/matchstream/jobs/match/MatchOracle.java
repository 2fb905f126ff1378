package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Ids;
import io.matchstream.events.VacancyEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The brute-force answer: replays the valid events in event-time order (eventId breaking ties),
 * keeps plain per-pool maps, and on each arrival scores every counterpart in its pool. Shares only
 * the scoring arithmetic with the job — no index, no state, no Flink. Ages are not modelled: tests
 * using it run for less than the age limits.
 */
final class MatchOracle {
  private MatchOracle() {}

  /** matchId → score of every match the job should make. */
  static Map<String, Double> matches(List<Object> events, MatchSettings settings) {
    MatchScorer scorer = new MatchScorer(settings, Fixtures.TAXONOMY);
    List<Object> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparingLong(MatchOracle::time).thenComparing(MatchOracle::eventId));
    Map<String, Map<String, VacancyEvent>> vacancies = new HashMap<>();
    Map<String, Map<String, CandidateEvent>> candidates = new HashMap<>();
    Set<String> matched = new HashSet<>();
    Map<String, Double> out = new LinkedHashMap<>();
    for (Object e : ordered) {
      if (e instanceof VacancyEvent v) {
        Map<String, VacancyEvent> pool = vacancies.computeIfAbsent(PoolKey.of(v), k -> new HashMap<>());
        VacancyEvent old = pool.get(v.vacancyId());
        if (v.type().closes()) {
          pool.remove(v.vacancyId());
          continue;
        }
        if (old != null && old.eventTime() > v.eventTime()) {
          continue;
        }
        pool.put(v.vacancyId(), v);
        VacancyProfile vp = scorer.vacancy(v);
        List<Object[]> scored = new ArrayList<>();
        for (CandidateEvent c : candidates.getOrDefault(PoolKey.of(v), Map.of()).values()) {
          if (matched.contains(Ids.matchId(v.vacancyId(), c.candidateId()))) continue;
          double s = scorer.score(vp, scorer.candidate(c), v.cityId());
          if (s >= settings.threshold()) scored.add(new Object[] {c.candidateId(), s});
        }
        take(scored, settings.topK(), v.vacancyId(), true, matched, out);
      } else {
        CandidateEvent c = (CandidateEvent) e;
        for (String key : PoolKey.of(c)) {
          Map<String, CandidateEvent> pool = candidates.computeIfAbsent(key, k -> new HashMap<>());
          CandidateEvent old = pool.get(c.candidateId());
          if (c.type().closes()) {
            pool.remove(c.candidateId());
            continue;
          }
          if (old != null && old.eventTime() > c.eventTime()) {
            continue;
          }
          pool.put(c.candidateId(), c);
          CandidateProfile cp = scorer.candidate(c);
          List<Object[]> scored = new ArrayList<>();
          for (VacancyEvent v : vacancies.getOrDefault(key, Map.of()).values()) {
            if (matched.contains(Ids.matchId(v.vacancyId(), c.candidateId()))) continue;
            double s = scorer.score(scorer.vacancy(v), cp, PoolKey.cityOf(key));
            if (s >= settings.threshold()) scored.add(new Object[] {v.vacancyId(), s});
          }
          take(scored, settings.topK(), c.candidateId(), false, matched, out);
        }
      }
    }
    return out;
  }

  private static void take(List<Object[]> scored, int k, String arriving, boolean arrivingIsVacancy,
      Set<String> matched, Map<String, Double> out) {
    scored.sort(Comparator.<Object[]>comparingDouble(a -> -(double) a[1]).thenComparing(a -> (String) a[0]));
    for (Object[] a : scored.subList(0, Math.min(k, scored.size()))) {
      String id = arrivingIsVacancy ? Ids.matchId(arriving, (String) a[0]) : Ids.matchId((String) a[0], arriving);
      matched.add(id);
      out.put(id, (Double) a[1]);
    }
  }

  private static long time(Object e) {
    return e instanceof VacancyEvent v ? v.eventTime() : ((CandidateEvent) e).eventTime();
  }

  private static String eventId(Object e) {
    return e instanceof VacancyEvent v ? v.eventId() : ((CandidateEvent) e).eventId();
  }
}
