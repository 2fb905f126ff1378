package io.matchstream.jobs.match;

import io.matchstream.jobs.match.PoolIndex.Agg;
import io.matchstream.jobs.match.PoolIndex.Summary;
import java.util.List;
import java.util.Set;

/**
 * The two in-memory indexes of one pool key, and the score bounds each side's arrivals use on
 * them. The indexes are derived from the function's keyed state: built from it the first time a key
 * is touched after start or restore, then kept in step with it.
 *
 * <p>Each bound is {@link MatchScorer#combine} of one bound per component, each computed with the
 * scorer's own functions on the subtree's most favourable values; the scorer is monotone in every
 * component, so the bound is at least every entry's score, rounding included (PoolIndexTest checks
 * this directly).
 */
public final class Pools {
  // Candidate features: best certificate held, lowest expected salary, employment types accepted,
  // home city (hash; equal over the subtree or MIXED).
  private static final int C_LEVEL = 0;
  private static final int C_SALARY = 1;
  private static final int C_TYPES = 2;
  private static final int C_HOME = 3;
  private static final Agg[] CANDIDATE_FEATURES = {Agg.MAX, Agg.MIN, Agg.OR, Agg.SAME};

  // Vacancy features: lowest certificate required, highest salary maximum, employment types
  // offered, smallest total skill weight (a non-negative double's bits order like the double).
  private static final int V_LEVEL = 0;
  private static final int V_SALARY = 1;
  private static final int V_TYPES = 2;
  private static final int V_TOTAL = 3;
  private static final Agg[] VACANCY_FEATURES = {Agg.MIN, Agg.MAX, Agg.OR, Agg.MIN};

  /**
   * Relative slack on the vacancy-side skill bound, whose terms are summed in the candidate's
   * order rather than each post's: covers reordering error (~1e-15) many times over.
   */
  private static final double REORDER_SLACK = 1e-9;

  private static final int[] NONE = new int[0];

  public final PoolIndex<VacancyProfile> vacancies;
  public final PoolIndex<CandidateProfile> candidates;

  public Pools(MatchScorer scorer) {
    int[] order = scorer.skillsByIdf();
    vacancies = new PoolIndex<>(new PoolIndex.Side<>() {
      @Override
      public String id(VacancyProfile v) {
        return v.id();
      }

      @Override
      public int[] skills(VacancyProfile v) {
        return v.skills();
      }

      @Override
      public int[] markedSkills(VacancyProfile v) {
        return java.util.Arrays.copyOf(v.skills(), v.essentialCount());
      }

      @Override
      public Agg[] features() {
        return VACANCY_FEATURES;
      }

      @Override
      public long order(VacancyProfile v) {
        // employment type | required level | salary maximum in 100s, inverted: the order key is
        // also the tie order, and among equal scores the better-paid post goes to the candidate.
        return ((long) v.event().employmentType().ordinal() << 40) | ((long) v.levelRank() << 32)
            | (0xffffffffL - Math.max(0, v.salaryMax() / 100));
      }

      @Override
      public void features(VacancyProfile v, long[] out) {
        out[V_LEVEL] = v.levelRank();
        out[V_SALARY] = v.salaryMax();
        out[V_TYPES] = 1L << v.event().employmentType().ordinal();
        out[V_TOTAL] = Double.doubleToLongBits(Math.max(0.0, v.totalWeight()));
      }
    }, order);
    candidates = new PoolIndex<>(new PoolIndex.Side<>() {
      @Override
      public String id(CandidateProfile c) {
        return c.id();
      }

      @Override
      public int[] skills(CandidateProfile c) {
        return c.signature();
      }

      @Override
      public int[] markedSkills(CandidateProfile c) {
        return NONE;
      }

      @Override
      public Agg[] features() {
        return CANDIDATE_FEATURES;
      }

      @Override
      public long order(CandidateProfile c) {
        // employment types | home city | level held | expected salary in 100s (also the tie order
        // after the skills: among equal scores the less over-qualified candidate comes first)
        return ((long) (c.employmentMask() & 0xff) << 54) | ((c.homeCity().hashCode() & 0xffffffffL) << 22)
            | ((long) (c.levelRank() & 0x7) << 19) | Math.min(0x7ffff, Math.max(0, c.expectedSalary() / 100));
      }

      @Override
      public void features(CandidateProfile c, long[] out) {
        out[C_LEVEL] = c.levelRank();
        out[C_SALARY] = c.expectedSalary();
        out[C_TYPES] = c.employmentMask();
        out[C_HOME] = c.homeCity().hashCode();
      }
    }, order);
  }

  /** The candidates a vacancy would be matched with now, best first. */
  public static List<PoolIndex.Hit<CandidateProfile>> bestCandidates(
      MatchScorer scorer, PoolIndex<CandidateProfile> pool, VacancyProfile v, String poolCity,
      Set<String> excluded, boolean exhaustive) {
    MatchSettings s = scorer.settings();
    PoolIndex.Query<CandidateProfile> q = candidateQuery(scorer, v, poolCity, excluded);
    return exhaustive ? pool.exhaustiveTopK(q, s.topK(), s.threshold()) : pool.topK(q, s.topK(), s.threshold());
  }

  /** The vacancies a candidate would be matched with now, best first. */
  public static List<PoolIndex.Hit<VacancyProfile>> bestVacancies(
      MatchScorer scorer, PoolIndex<VacancyProfile> pool, CandidateProfile c, String poolCity,
      Set<String> excluded, boolean exhaustive) {
    MatchSettings s = scorer.settings();
    PoolIndex.Query<VacancyProfile> q = vacancyQuery(scorer, c, poolCity, excluded);
    return exhaustive ? pool.exhaustiveTopK(q, s.topK(), s.threshold()) : pool.topK(q, s.topK(), s.threshold());
  }

  /** A vacancy arriving, searching candidates. */
  static PoolIndex.Query<CandidateProfile> candidateQuery(
      MatchScorer scorer, VacancyProfile v, String poolCity, Set<String> excluded) {
    long type = 1L << v.event().employmentType().ordinal();
    int poolCityHash = poolCity.hashCode();
    return new PoolIndex.Query<>() {
      @Override
      public double bound(Summary n) {
        double salary = scorer.salaryScore(v.salaryMax(), (int) n.feature(C_SALARY));
        if (salary < 0) {
          return MatchScorer.INELIGIBLE;
        }
        long home = n.feature(C_HOME);
        // Only a subtree whose entries all live in one other city is sure to score "accepted city".
        boolean maybeHome = home == PoolIndex.MIXED || home == poolCityHash;
        return scorer.combine(
            scorer.skills(v, n),
            scorer.levelScore(v.levelRank(), (int) n.feature(C_LEVEL)),
            salary,
            (n.feature(C_TYPES) & type) != 0 ? 1.0 : 0.0,
            scorer.locationScore(maybeHome));
      }

      @Override
      public double score(CandidateProfile c) {
        return excluded.contains(c.id()) ? MatchScorer.INELIGIBLE : scorer.score(v, c, poolCity);
      }
    };
  }

  /** A candidate arriving, searching vacancies. */
  static PoolIndex.Query<VacancyProfile> vacancyQuery(
      MatchScorer scorer, CandidateProfile c, String poolCity, Set<String> excluded) {
    double location = scorer.location(c, poolCity);
    int[] skills = c.signature();
    return new PoolIndex.Query<>() {
      @Override
      public double bound(Summary n) {
        double salary = scorer.salaryScore((int) n.feature(V_SALARY), c.expectedSalary());
        if (salary < 0) {
          return MatchScorer.INELIGIBLE;
        }
        // Each post weighs a skill it lists essential ×factor, else ×1: the union of essential
        // skills says which weight is the most any post below can give.
        double met = 0;
        for (int s : skills) {
          if (n.has(s)) {
            met += scorer.weight(s, n.hasMarked(s));
          }
        }
        double minTotal = Double.longBitsToDouble(n.feature(V_TOTAL));
        double coverage = minTotal <= 0 ? 1.0 : Math.min(1.0, met / minTotal * (1 + REORDER_SLACK));
        return scorer.combine(
            coverage,
            scorer.levelScore((int) n.feature(V_LEVEL), c.levelRank()),
            salary,
            (n.feature(V_TYPES) & c.employmentMask()) != 0 ? 1.0 : 0.0,
            location);
      }

      @Override
      public double score(VacancyProfile v) {
        return excluded.contains(v.id()) ? MatchScorer.INELIGIBLE : scorer.score(v, c, poolCity);
      }
    };
  }
}
