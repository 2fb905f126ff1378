package io.matchstream.jobs.match;

import java.util.List;

/**
 * The two in-memory indexes of one pool key. They are derived from the function's keyed state:
 * built from it the first time a key is touched after start or restore, then kept in step with it.
 */
public final class Pools {
  public final PoolIndex<VacancyProfile> vacancies;
  public final PoolIndex<CandidateProfile> candidates;

  public Pools() {
    vacancies = new PoolIndex<>(new PoolIndex.Side<>() {
      @Override
      public String id(VacancyProfile v) {
        return v.id();
      }

      @Override
      public int[] signature(VacancyProfile v) {
        return v.signature();
      }

      @Override
      public int[] skills(VacancyProfile v) {
        return v.skills();
      }
    });
    candidates = new PoolIndex<>(new PoolIndex.Side<>() {
      @Override
      public String id(CandidateProfile c) {
        return c.id();
      }

      @Override
      public int[] signature(CandidateProfile c) {
        return c.signature();
      }

      @Override
      public int[] skills(CandidateProfile c) {
        return c.signature();
      }
    });
  }

  /** The candidates a vacancy would be matched with now, best first. */
  public static List<PoolIndex.Hit<CandidateProfile>> bestCandidates(
      MatchScorer scorer, PoolIndex<CandidateProfile> pool, VacancyProfile v, String poolCity,
      java.util.Set<String> excluded, boolean exhaustive) {
    PoolIndex.Query<CandidateProfile> q = new PoolIndex.Query<>() {
      @Override
      public double groupBound(CandidateProfile c) {
        return scorer.bound(scorer.skills(v, c));
      }

      @Override
      public double zeroSkillBound() {
        return scorer.bound(0.0);
      }

      @Override
      public double score(CandidateProfile c) {
        return excluded.contains(c.id()) ? MatchScorer.INELIGIBLE : scorer.score(v, c, poolCity);
      }
    };
    MatchSettings s = scorer.settings();
    return exhaustive
        ? pool.exhaustiveTopK(q, s.topK(), s.threshold())
        : pool.topK(v.skills(), q, s.topK(), s.threshold());
  }

  /** The vacancies a candidate would be matched with now, best first. */
  public static List<PoolIndex.Hit<VacancyProfile>> bestVacancies(
      MatchScorer scorer, PoolIndex<VacancyProfile> pool, CandidateProfile c, String poolCity,
      java.util.Set<String> excluded, boolean exhaustive) {
    PoolIndex.Query<VacancyProfile> q = new PoolIndex.Query<>() {
      @Override
      public double groupBound(VacancyProfile v) {
        return scorer.bound(scorer.skills(v, c));
      }

      @Override
      public double zeroSkillBound() {
        return scorer.bound(0.0);
      }

      @Override
      public double score(VacancyProfile v) {
        return excluded.contains(v.id()) ? MatchScorer.INELIGIBLE : scorer.score(v, c, poolCity);
      }
    };
    MatchSettings s = scorer.settings();
    return exhaustive
        ? pool.exhaustiveTopK(q, s.topK(), s.threshold())
        : pool.topK(c.signature(), q, s.topK(), s.threshold());
  }
}
