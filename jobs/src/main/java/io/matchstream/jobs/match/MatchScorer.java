package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.taxonomy.Skill;
import io.matchstream.events.taxonomy.Taxonomy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import io.matchstream.jobs.match.state.Interner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a candidate fits a vacancy, in plain Java (no Flink), so the job, the index, the tests'
 * oracle and the benchmark all score with the same arithmetic.
 *
 * <p>score = (w_skills·skills + w_level·level + w_salary·salary + w_employment·employment +
 * w_location·location) / Σw, every component in [0,1]:
 *
 * <ul>
 *   <li>skills: the post's skills the candidate has, each weighted by its IDF (a skill every
 *       occupation lists counts less) and essential skills by {@code essential-skill-factor} more,
 *       over the same sum for all the post's skills;
 *   <li>level: 1 when the candidate's certificate meets the post's, minus 0.25 per level short;
 *   <li>salary: 1 when the expectation is at or below the post's maximum, falling linearly to 0 at
 *       {@code salary-tolerance} above it; further above, the pair is ineligible;
 *   <li>employment: 1 when the candidate accepts the post's employment type, else 0;
 *   <li>location: 1 for a post in the candidate's home city, {@code accepted-city-score} for a city
 *       they accept.
 * </ul>
 *
 * <p>{@link #bound} is the same expression with every non-skill component at 1: floating-point
 * rounding is monotone, so {@code score(v, c) <= bound(skills(v, c))} holds exactly, which is what
 * lets the index skip entries without changing the top-k.
 */
public final class MatchScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Returned by {@link #score} for a pair that must never be matched. */
  public static final double INELIGIBLE = -1.0;

  private static final double LEVEL_STEP = 0.25;

  private final MatchSettings settings;
  private final Map<String, Integer> skillIndex;
  private final String[] skillIds;
  private final double[] idf;
  private final int[] rankOf;
  private final int[] skillOfRank;
  private final double weightSum;

  /** The same tables with other settings: cheap, for a new live settings version. */
  private MatchScorer(MatchScorer base, MatchSettings settings) {
    if (settings.essentialSkillFactor() != base.settings.essentialSkillFactor()) {
      throw new IllegalArgumentException("the essential-skill factor cannot change live");
    }
    this.settings = settings;
    this.skillIndex = base.skillIndex;
    this.skillIds = base.skillIds;
    this.idf = base.idf;
    this.rankOf = base.rankOf;
    this.skillOfRank = base.skillOfRank;
    this.weightSum =
        settings.weightSkills() + settings.weightLevel() + settings.weightSalary()
            + settings.weightEmployment() + settings.weightLocation();
  }

  /**
   * A scorer with other settings over the same taxonomy. Posts held by the pools keep their total
   * skill weight, so the essential-skill factor must be unchanged.
   */
  public MatchScorer withSettings(MatchSettings other) {
    return new MatchScorer(this, other);
  }

  public MatchScorer(MatchSettings settings, Taxonomy taxonomy) {
    this.settings = settings;
    this.skillIndex = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (Skill s : taxonomy.skills()) {
      skillIndex.put(s.id(), ids.size());
      ids.add(s.id());
    }
    this.skillIds = ids.toArray(String[]::new);
    this.idf = new double[skillIds.length];
    for (int i = 0; i < skillIds.length; i++) {
      idf[i] = taxonomy.idf(skillIds[i]);
    }
    int[] order = skillsByIdf();
    this.skillOfRank = order;
    this.rankOf = new int[order.length];
    for (int r = 0; r < order.length; r++) {
      rankOf[order[r]] = r;
    }
    this.weightSum =
        settings.weightSkills() + settings.weightLevel() + settings.weightSalary()
            + settings.weightEmployment() + settings.weightLocation();
  }

  public MatchSettings settings() {
    return settings;
  }

  /** The post as the pools hold it (seq 0, nothing matched yet). */
  public OpenVacancy vacancy(VacancyEvent e) {
    int[] essential = dense(e.essentialSkills());
    int[] optional = dense(e.optionalSkills());
    // A skill listed as both counts once, as essential.
    optional = Arrays.stream(optional).filter(s -> Arrays.binarySearch(essential, s) < 0).toArray();
    char[] skills = new char[essential.length + optional.length];
    char[] key = new char[skills.length];
    double total = 0;
    for (int i = 0; i < essential.length; i++) {
      skills[i] = (char) essential[i];
    }
    for (int j = 0; j < optional.length; j++) {
      skills[essential.length + j] = (char) optional[j];
    }
    // Summed in the same order as the coverage below, term by term the same doubles.
    for (int i = 0; i < skills.length; i++) {
      total += weightAt(skills, essential.length, i);
      key[i] = (char) rankOf[skills[i]];
    }
    Arrays.sort(key);
    return new OpenVacancy(e.vacancyId(), 0, e.eventTime(), e.postedTime(), Interner.intern(e.cityId()),
        Interner.intern(e.occupationCode()), Interner.intern(e.employerId()), skills, essential.length, key,
        total, e.salaryMin(), e.salaryMax(), (byte) e.certificateLevel().rank(),
        (byte) e.employmentType().ordinal(), Seqs.NONE);
  }

  /** The candidate as one pool holds it (seq 0, nothing matched yet). */
  public OpenCandidate candidate(CandidateEvent e) {
    int[] skills = dense(e.skills());
    char[] ranks = new char[skills.length];
    for (int i = 0; i < skills.length; i++) {
      ranks[i] = (char) rankOf[skills[i]];
    }
    Arrays.sort(ranks);
    int mask = 0;
    for (EmploymentType t : e.employmentTypes()) {
      mask |= 1 << t.ordinal();
    }
    return new OpenCandidate(e.candidateId(), 0, e.eventTime(), e.registeredTime(), Interner.intern(e.cityId()),
        ranks, e.expectedSalary(), (byte) e.certificateLevel().rank(), (byte) mask, Seqs.NONE);
  }

  /** The weight of a post's i-th skill: IDF, times the essential factor for essential ones. */
  private double weightAt(char[] skills, int essentialCount, int i) {
    return i < essentialCount ? idf[skills[i]] * settings.essentialSkillFactor() : idf[skills[i]];
  }

  /** Whether the candidate has the skill (dense id). */
  public boolean has(OpenCandidate c, int skill) {
    return Arrays.binarySearch(c.skills(), (char) rankOf[skill]) >= 0;
  }

  /** A dense skill id's IDF rank (0 = rarest): the index's key space. */
  int rankOf(int skill) {
    return rankOf[skill];
  }

  /** The dense skill id of an IDF rank. */
  int skillOfRank(int rank) {
    return skillOfRank[rank];
  }

  /** Per dense skill id, its IDF rank; shared, not to be changed. */
  int[] rankTable() {
    return rankOf;
  }

  int skillCount() {
    return idf.length;
  }

  /** Skill coverage in [0,1] of a candidate. */
  public double skills(OpenVacancy v, OpenCandidate c) {
    if (v.totalWeight() <= 0) {
      return 0;
    }
    double met = 0;
    char[] skills = v.skills();
    for (int i = 0; i < skills.length; i++) {
      if (has(c, skills[i])) {
        met += weightAt(skills, v.essentialCount(), i);
      }
    }
    return met / v.totalWeight();
  }

  /**
   * Skill coverage against a superset of a candidate's skills (an index summary): a superset of the
   * same terms in the same order, so the result is never below the candidate's own.
   */
  public double skills(OpenVacancy v, SkillSet c) {
    if (v.totalWeight() <= 0) {
      return 0;
    }
    double met = 0;
    char[] skills = v.skills();
    for (int i = 0; i < skills.length; i++) {
      if (c.has(skills[i])) {
        met += weightAt(skills, v.essentialCount(), i);
      }
    }
    return met / v.totalWeight();
  }

  /** The overall score of a pair in a pool of {@code poolCity}, or {@link #INELIGIBLE}. */
  public double score(OpenVacancy v, OpenCandidate c, String poolCity) {
    double salary = salary(v, c);
    if (salary < 0) {
      return INELIGIBLE;
    }
    return combine(skills(v, c), level(v, c), salary, employment(v, c), location(c, poolCity));
  }

  /** The highest score any pair with this skill coverage can reach. */
  public double bound(double skills) {
    return combine(skills, 1.0, 1.0, 1.0, 1.0);
  }

  /** Monotone in every component: a component bound gives a score bound, rounding included. */
  double combine(double skills, double level, double salary, double employment, double location) {
    return (settings.weightSkills() * skills
            + settings.weightLevel() * level
            + settings.weightSalary() * salary
            + settings.weightEmployment() * employment
            + settings.weightLocation() * location)
        / weightSum;
  }

  double level(OpenVacancy v, OpenCandidate c) {
    return levelScore(v.levelRank(), c.levelRank());
  }

  /** Non-decreasing in {@code held}. */
  double levelScore(int required, int held) {
    int gap = required - held;
    return gap <= 0 ? 1.0 : Math.max(0.0, 1.0 - LEVEL_STEP * gap);
  }

  /** 1 up to the post's maximum, then linearly down to 0 at the tolerance; -1 beyond it. */
  double salary(OpenVacancy v, OpenCandidate c) {
    return salaryScore(v.salaryMax(), c.expectedSalary());
  }

  /** Non-decreasing in {@code max}, non-increasing in {@code expected}; -1 when ineligible. */
  double salaryScore(int max, int expected) {
    if (expected <= max) {
      return 1.0;
    }
    double over = (expected - max) / (double) Math.max(1, max);
    if (over > settings.salaryTolerance()) {
      return INELIGIBLE;
    }
    return 1.0 - over / settings.salaryTolerance();
  }

  double employment(OpenVacancy v, OpenCandidate c) {
    return c.accepts(v.employment()) ? 1.0 : 0.0;
  }

  double location(OpenCandidate c, String poolCity) {
    return locationScore(poolCity.equals(c.homeCity()));
  }

  double locationScore(boolean home) {
    return home ? 1.0 : settings.acceptedCityScore();
  }

  /** A skill's weight in a post: the same expression {@link #vacancy} uses, so bounds match it. */
  double weight(int skill, boolean essential) {
    return essential ? idf[skill] * settings.essentialSkillFactor() : idf[skill];
  }

  /** Dense skill ids from the highest IDF down (ties by id): the index splits in this order. */
  int[] skillsByIdf() {
    Integer[] order = new Integer[idf.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> idf[a] != idf[b] ? Double.compare(idf[b], idf[a]) : Integer.compare(a, b));
    int[] out = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** The match record for a pair already known to score {@code score}, with its reasons. */
  public Match match(OpenVacancy v, OpenCandidate c, String poolCity, double score) {
    return match(v, c, poolCity, score, null);
  }

  /** The match record, carrying the settings version that scored it. */
  public Match match(OpenVacancy v, OpenCandidate c, String poolCity, double score, Long settingsVersion) {
    List<String> met = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    char[] skills = v.skills();
    for (int i = 0; i < skills.length; i++) {
      if (has(c, skills[i])) {
        met.add(skillIds[skills[i]]);
      } else if (i < v.essentialCount()) {
        missing.add(skillIds[skills[i]]);
      }
    }
    String matchId = Ids.matchId(v.id(), c.id());
    return new Match(
        matchId,
        matchId,
        Math.max(v.eventTime(), c.eventTime()),
        SchemaVersion.CURRENT,
        v.id(),
        c.id(),
        v.cityId(),
        v.occupationCode(),
        v.employerId(),
        score,
        skills(v, c),
        level(v, c),
        salary(v, c),
        employment(v, c),
        location(c, poolCity),
        met,
        missing,
        salaryFit(v, c),
        levelFit(v, c),
        v.eventTime(),
        c.eventTime(),
        settingsVersion);
  }

  private static SalaryFit salaryFit(OpenVacancy v, OpenCandidate c) {
    if (c.expectedSalary() < v.salaryMin()) {
      return SalaryFit.BELOW_RANGE;
    }
    return c.expectedSalary() <= v.salaryMax() ? SalaryFit.WITHIN : SalaryFit.ABOVE_RANGE;
  }

  private static LevelFit levelFit(OpenVacancy v, OpenCandidate c) {
    int cmp = Integer.compare(c.levelRank(), v.levelRank());
    return cmp == 0 ? LevelFit.MEETS : cmp > 0 ? LevelFit.EXCEEDS : LevelFit.BELOW;
  }

  /** Dense ids of known skills, sorted and without duplicates (validation rejects unknown ones). */
  private int[] dense(List<String> ids) {
    if (ids == null) {
      return new int[0];
    }
    return ids.stream().map(skillIndex::get).filter(i -> i != null).mapToInt(Integer::intValue)
        .sorted().distinct().toArray();
  }
}
