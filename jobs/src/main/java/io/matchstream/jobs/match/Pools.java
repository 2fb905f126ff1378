package io.matchstream.jobs.match;

import io.matchstream.jobs.match.PoolIndex.Agg;
import io.matchstream.jobs.match.PoolIndex.Summary;
import java.util.List;
import java.util.function.Predicate;

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

  public final PoolIndex<OpenVacancy> vacancies;
  public final PoolIndex<OpenCandidate> candidates;

  public Pools(MatchScorer scorer) {
    int[] rankOf = new int[scorer.skillCount()];
    for (int s = 0; s < rankOf.length; s++) {
      rankOf[s] = scorer.rankOf(s);
    }
    vacancies = new PoolIndex<>(new PoolIndex.Side<>() {
      @Override
      public String id(OpenVacancy v) {
        return v.id();
      }

      @Override
      public char[] key(OpenVacancy v) {
        return v.key();
      }

      @Override
      public boolean marks() {
        return true;
      }

      @Override
      public int markedCount(OpenVacancy v) {
        return v.essentialCount();
      }

      @Override
      public int markedRank(OpenVacancy v, int i) {
        return rankOf[v.skills()[i]];
      }

      @Override
      public Agg[] features() {
        return VACANCY_FEATURES;
      }

      @Override
      public long order(OpenVacancy v) {
        // employment type | required level | salary maximum in 100s, inverted: the order key is
        // also the tie order, and among equal scores the better-paid post goes to the candidate.
        return ((long) v.employment() << 40) | ((long) v.levelRank() << 32)
            | (0xffffffffL - Math.max(0, v.salaryMax() / 100));
      }

      @Override
      public void features(OpenVacancy v, long[] out) {
        out[V_LEVEL] = v.levelRank();
        out[V_SALARY] = v.salaryMax();
        out[V_TYPES] = 1L << v.employment();
        out[V_TOTAL] = Double.doubleToLongBits(Math.max(0.0, v.totalWeight()));
      }
    }, rankOf);
    candidates = new PoolIndex<>(new PoolIndex.Side<>() {
      @Override
      public String id(OpenCandidate c) {
        return c.id();
      }

      @Override
      public char[] key(OpenCandidate c) {
        return c.skills();
      }

      @Override
      public boolean marks() {
        return false;
      }

      @Override
      public int markedCount(OpenCandidate c) {
        return 0;
      }

      @Override
      public int markedRank(OpenCandidate c, int i) {
        throw new IndexOutOfBoundsException(i);
      }

      @Override
      public Agg[] features() {
        return CANDIDATE_FEATURES;
      }

      @Override
      public long order(OpenCandidate c) {
        // employment types | home city | level held | expected salary in 100s (also the tie order
        // after the skills: among equal scores the less over-qualified candidate comes first)
        return ((long) (c.employmentMask() & 0xff) << 54) | ((c.homeCity().hashCode() & 0xffffffffL) << 22)
            | ((long) (c.levelRank() & 0x7) << 19) | Math.min(0x7ffff, Math.max(0, c.expectedSalary() / 100));
      }

      @Override
      public void features(OpenCandidate c, long[] out) {
        out[C_LEVEL] = c.levelRank();
        out[C_SALARY] = c.expectedSalary();
        out[C_TYPES] = c.employmentMask();
        out[C_HOME] = c.homeCity().hashCode();
      }
    }, rankOf);
  }

  /** The candidates a vacancy would be matched with now, best first. */
  public static List<PoolIndex.Hit<OpenCandidate>> bestCandidates(
      MatchScorer scorer, PoolIndex<OpenCandidate> pool, OpenVacancy v, String poolCity,
      Predicate<OpenCandidate> excluded, boolean exhaustive) {
    MatchSettings s = scorer.settings();
    PoolIndex.Query<OpenCandidate> q = candidateQuery(scorer, v, poolCity, excluded);
    return exhaustive ? pool.exhaustiveTopK(q, s.topK(), s.threshold()) : pool.topK(q, s.topK(), s.threshold());
  }

  /** The vacancies a candidate would be matched with now, best first. */
  public static List<PoolIndex.Hit<OpenVacancy>> bestVacancies(
      MatchScorer scorer, PoolIndex<OpenVacancy> pool, OpenCandidate c, String poolCity,
      Predicate<OpenVacancy> excluded, boolean exhaustive) {
    MatchSettings s = scorer.settings();
    PoolIndex.Query<OpenVacancy> q = vacancyQuery(scorer, c, poolCity, excluded);
    return exhaustive ? pool.exhaustiveTopK(q, s.topK(), s.threshold()) : pool.topK(q, s.topK(), s.threshold());
  }

  /** A vacancy arriving, searching candidates. */
  static PoolIndex.Query<OpenCandidate> candidateQuery(
      MatchScorer scorer, OpenVacancy v, String poolCity, Predicate<OpenCandidate> excluded) {
    long type = 1L << v.employment();
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
      public double score(OpenCandidate c) {
        return excluded.test(c) ? MatchScorer.INELIGIBLE : scorer.score(v, c, poolCity);
      }
    };
  }

  /** A candidate arriving, searching vacancies. */
  static PoolIndex.Query<OpenVacancy> vacancyQuery(
      MatchScorer scorer, OpenCandidate c, String poolCity, Predicate<OpenVacancy> excluded) {
    double location = scorer.location(c, poolCity);
    int[] skills = new int[c.skills().length];
    for (int i = 0; i < skills.length; i++) {
      skills[i] = scorer.skillOfRank(c.skills()[i]);
    }
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
      public double score(OpenVacancy v) {
        return excluded.test(v) ? MatchScorer.INELIGIBLE : scorer.score(v, c, poolCity);
      }
    };
  }
}
