package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Ids;
import io.matchstream.events.VacancyEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The brute-force answer: replays the valid events in event-time order (eventId breaking ties),
 * keeps plain per-pool maps, and on each arrival scores every counterpart in its pool. Shares only
 * the scoring arithmetic, the pool keys and the tie rule with the job — no index search, no state,
 * no Flink.
 *
 * <p>It follows the job's rules: an entry leaves at its age limit (before the arrivals of that
 * instant), a candidate's UPDATED takes it out of the pools it no longer belongs to and a post's
 * UPDATED out of the pool it moved from, a pair is matched once.
 */
final class MatchOracle {
  private MatchOracle() {}

  /** matchId → score of every match the job should make. */
  static Map<String, Double> matches(List<Object> events, MatchSettings settings) {
    return new Replay(settings).run(events);
  }

  /** A match the oracle expects: its score and the settings version that scored it. */
  record Expected(double score, long settingsVersion) {}

  /**
   * The matches when the settings change: arrivals at event times before {@code changeAt} are scored
   * with {@code settings} (version 0), those at or after it with {@code after} ({@code version}).
   */
  static Map<String, Expected> matches(List<Object> events, MatchSettings settings, long changeAt,
      MatchSettings after, long version) {
    Replay r = new Replay(settings);
    r.changeAt = changeAt;
    r.after = new MatchScorer(after, Fixtures.TAXONOMY);
    r.afterVersion = version;
    Map<String, Double> scores = r.run(events);
    Map<String, Expected> out = new LinkedHashMap<>();
    scores.forEach((id, score) -> out.put(id, new Expected(score, r.versions.get(id))));
    return out;
  }

  private static final class Replay {
    final MatchSettings settings;
    final MatchScorer scorer;
    /** Only for {@link PoolIndex#tieOrder}: which of equal scores is matched first. */
    final Pools tieRule;
    final Map<String, Map<String, VacancyEvent>> vacancies = new HashMap<>();
    final Map<String, Map<String, CandidateEvent>> candidates = new HashMap<>();
    final Map<String, List<String>> candidatePools = new HashMap<>();
    final Map<String, String> vacancyPools = new HashMap<>();
    /** expiry instant → (pool key, id) of entries whose age limit falls then. */
    final TreeMap<Long, List<String[]>> expiries = new TreeMap<>();
    final Set<String> matched = new HashSet<>();
    final Map<String, Double> out = new LinkedHashMap<>();
    final Map<String, Long> versions = new HashMap<>();
    long changeAt = Long.MAX_VALUE;
    MatchScorer after;
    long afterVersion;

    /** The scorer (and so threshold and top-k) of an arrival at {@code t}. */
    MatchScorer scorerAt(long t) {
      return t >= changeAt ? after : scorer;
    }

    Replay(MatchSettings settings) {
      this.settings = settings;
      this.scorer = new MatchScorer(settings, Fixtures.TAXONOMY);
      this.tieRule = new Pools(scorer);
    }

    Map<String, Double> run(List<Object> events) {
      List<Object> ordered = new ArrayList<>(events);
      ordered.sort(Comparator.comparingLong(MatchOracle::time).thenComparing(MatchOracle::eventId));
      for (Object e : ordered) {
        expireUpTo(time(e));
        if (e instanceof VacancyEvent v) {
          vacancy(v);
        } else {
          candidate((CandidateEvent) e);
        }
      }
      return out;
    }

    void vacancy(VacancyEvent v) {
      String key = PoolKey.of(v);
      Map<String, VacancyEvent> pool = vacancies.computeIfAbsent(key, k -> new HashMap<>());
      // A post that moved (city or family) leaves the pool it was in; a closing event empties both.
      String before = vacancyPools.get(v.vacancyId());
      if (before != null && !before.equals(key)) {
        vacancies.getOrDefault(before, new HashMap<>()).remove(v.vacancyId());
      }
      if (v.type().closes()) {
        pool.remove(v.vacancyId());
        vacancyPools.remove(v.vacancyId());
        return;
      }
      vacancyPools.put(v.vacancyId(), key);
      VacancyEvent old = pool.get(v.vacancyId());
      if (old != null && old.eventTime() > v.eventTime()) {
        return;
      }
      long expiry = v.postedTime() + settings.vacancyMaxAgeMillis();
      if (expiry <= v.eventTime()) {
        pool.remove(v.vacancyId());
        return;
      }
      pool.put(v.vacancyId(), v);
      expiries.computeIfAbsent(expiry, t -> new ArrayList<>()).add(new String[] {key, v.vacancyId()});
      OpenVacancy vp = scorer.vacancy(v);
      MatchScorer now = scorerAt(v.eventTime());
      List<Object[]> scored = new ArrayList<>();
      for (CandidateEvent c : candidates.getOrDefault(key, Map.of()).values()) {
        if (matched.contains(Ids.matchId(v.vacancyId(), c.candidateId()))) continue;
        double s = now.score(vp, scorer.candidate(c), v.cityId());
        if (s >= now.settings().threshold()) scored.add(new Object[] {c.candidateId(), s, scorer.candidate(c)});
      }
      take(scored, v.vacancyId(), true, v.eventTime());
    }

    void candidate(CandidateEvent c) {
      List<String> keys = PoolKey.of(c);
      List<String> before = candidatePools.getOrDefault(c.candidateId(), List.of());
      if (c.type().closes()) {
        Set<String> all = new LinkedHashSet<>(keys);
        all.addAll(before);
        all.forEach(key -> candidates.getOrDefault(key, new HashMap<>()).remove(c.candidateId()));
        candidatePools.remove(c.candidateId());
        return;
      }
      for (String key : before) {
        if (!keys.contains(key)) {
          candidates.getOrDefault(key, new HashMap<>()).remove(c.candidateId());
        }
      }
      candidatePools.put(c.candidateId(), keys);
      long expiry = c.registeredTime() + settings.candidateMaxAgeMillis();
      for (String key : keys) {
        Map<String, CandidateEvent> pool = candidates.computeIfAbsent(key, k -> new HashMap<>());
        CandidateEvent old = pool.get(c.candidateId());
        if (old != null && old.eventTime() > c.eventTime()) {
          continue;
        }
        if (expiry <= c.eventTime()) {
          pool.remove(c.candidateId());
          continue;
        }
        pool.put(c.candidateId(), c);
        expiries.computeIfAbsent(expiry, t -> new ArrayList<>()).add(new String[] {key, c.candidateId()});
        OpenCandidate cp = scorer.candidate(c);
        MatchScorer now = scorerAt(c.eventTime());
        List<Object[]> scored = new ArrayList<>();
        for (VacancyEvent v : vacancies.getOrDefault(key, Map.of()).values()) {
          if (matched.contains(Ids.matchId(v.vacancyId(), c.candidateId()))) continue;
          double s = now.score(scorer.vacancy(v), cp, PoolKey.cityOf(key));
          if (s >= now.settings().threshold()) scored.add(new Object[] {v.vacancyId(), s, scorer.vacancy(v)});
        }
        take(scored, c.candidateId(), false, c.eventTime());
      }
    }

    /** Entries whose age limit is at or before {@code t} leave first, as the job's timers do. */
    void expireUpTo(long t) {
      while (!expiries.isEmpty() && expiries.firstKey() <= t) {
        var due = expiries.pollFirstEntry();
        for (String[] keyAndId : due.getValue()) {
          String key = keyAndId[0];
          String id = keyAndId[1];
          VacancyEvent v = vacancies.getOrDefault(key, Map.of()).get(id);
          if (v != null && v.postedTime() + settings.vacancyMaxAgeMillis() == due.getKey()) {
            vacancies.get(key).remove(id);
          }
          CandidateEvent c = candidates.getOrDefault(key, Map.of()).get(id);
          if (c != null && c.registeredTime() + settings.candidateMaxAgeMillis() == due.getKey()) {
            candidates.get(key).remove(id);
          }
        }
      }
    }

    void take(List<Object[]> scored, String arriving, boolean arrivingIsVacancy, long t) {
      int topK = scorerAt(t).settings().topK();
      long version = t >= changeAt ? afterVersion : 0;
      // Equal scores: the index's tie rule, computed from the two entries (not from the index).
      @SuppressWarnings({"unchecked", "rawtypes"})
      Comparator<Object> ties = (Comparator) (arrivingIsVacancy ? tieRule.candidates.tieOrder() : tieRule.vacancies.tieOrder());
      scored.sort(Comparator.<Object[]>comparingDouble(a -> -(double) a[1]).thenComparing(a -> a[2], ties));
      for (Object[] a : scored.subList(0, Math.min(topK, scored.size()))) {
        String id = arrivingIsVacancy ? Ids.matchId(arriving, (String) a[0]) : Ids.matchId((String) a[0], arriving);
        matched.add(id);
        out.put(id, (Double) a[1]);
        versions.put(id, version);
      }
    }
  }

  private static long time(Object e) {
    return e instanceof VacancyEvent v ? v.eventTime() : ((CandidateEvent) e).eventTime();
  }

  private static String eventId(Object e) {
    return e instanceof VacancyEvent v ? v.eventId() : ((CandidateEvent) e).eventId();
  }
}
