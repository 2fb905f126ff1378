package io.matchstream.simulator;

import io.matchstream.events.taxonomy.Occupation;
import java.time.Duration;
import java.util.Set;

/**
 * The simulator's calibration in one place: every number that ties the generated stream to the
 * facts in docs/design.md. Rates are for a city of {@code size_weight} 1.0 (Ningbo) at volume scale 1.0;
 * a city's rate is these times its weight. The README's calibration table explains each figure.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * Vacancy openings per simulated day in a Ningbo-sized city. With ~1.4 hires per post and k≈3
   * matches per arrival on both sides, ~500 openings and ~750 registrations give a matcher room for
   * ~3,000 smart matches a day (Ningbo's figure).
   */
  public static final double VACANCY_OPENINGS_PER_DAY = 500;

  /**
   * Mean days a candidate waits before giving up (exponential), when not placed first. Together
   * with the target ratios it fixes the candidate registration rate (see {@link Plan}).
   */
  public static final double CANDIDATE_PATIENCE_DAYS = 90;

  /** Overall vacancy-to-jobseeker ratio (求人倍率) at steady state: public offices, 2022 Q3. */
  public static final double TARGET_RATIO_OVERALL = 1.3;

  /** Ratio for the shortage occupations (top-100 shortage list: 2.0–3.0). */
  public static final double TARGET_RATIO_SHORTAGE = 2.5;

  /**
   * Shortage occupations, by CSCO code: 车工, 铣工, 磨工, 多工序数控机床操作调整工, 焊工, 装配钳工 (钳工), 电工,
   * 工业机器人系统操作员 — regulars of the ministry's top-100 shortage list.
   */
  public static final Set<String> SHORTAGE_OCCUPATIONS =
      Set.of(
          "6-18-01-01", "6-18-01-02", "6-18-01-04", "6-18-01-07", "6-18-02-04", "6-20-01-01",
          "6-31-01-03", "6-31-07-03");

  /**
   * Share of planned hires that happen: a fill finds fewer available people than its headcount
   * when some registered candidates cannot start yet. Measured over a simulated week (0.94).
   */
  public static final double HIRE_REALISATION = 0.94;

  /** Relative demand of a shortage occupation (factories post more of them). */
  public static final double SHORTAGE_DEMAND_WEIGHT = 2.0;

  /** Relative demand of a technical occupation (posts are fewer than line posts). */
  public static final double TECHNICAL_DEMAND_WEIGHT = 0.6;

  /** Relative demand of an engineering-technician occupation (CSCO 2-02-…). */
  public static final double ENGINEER_DEMAND_WEIGHT = 0.35;

  /** Share of vacancies that are dispatch (agency) work: 31.1% of manufacturing staff. */
  public static final double DISPATCH_SHARE = 0.311;

  /** Share of vacancies that are gig (short-term) work. */
  public static final double GIG_SHARE = 0.06;

  /** Share of vacancies that end WITHDRAWN rather than FILLED. */
  public static final double VACANCY_WITHDRAW_SHARE = 0.12;

  /** Line posts fill in one to two weeks: uniform between these bounds. */
  public static final Duration LINE_FILL_MIN = Duration.ofDays(7);

  public static final Duration LINE_FILL_MAX = Duration.ofDays(14);

  /**
   * Technical posts: log-normal time to fill with this median and sigma, so that ~62% are still
   * open after 30 days (recruitment cycle "generally over a month").
   */
  public static final double TECHNICAL_FILL_MEDIAN_DAYS = 35;

  public static final double TECHNICAL_FILL_SIGMA = 0.5;

  /** A vacancy still open this long is withdrawn (keeps state bounded, like real boards do). */
  public static final Duration VACANCY_MAX_AGE = Duration.ofDays(150);

  /** Headcount 1, 2, 3, … of line posts: relative weights (mostly 1–5; a few bigger drives). */
  static final double[] LINE_HEADCOUNT_WEIGHTS = {58, 20, 9, 5, 4, 1, 1, 1, 0, 1};

  /** Headcount 1, 2, 3 of technical posts. */
  static final double[] TECHNICAL_HEADCOUNT_WEIGHTS = {80, 15, 5};

  /** Shares of posts and profiles that get one UPDATED during their life. */
  public static final double VACANCY_UPDATE_SHARE = 0.2;

  public static final double CANDIDATE_UPDATE_SHARE = 0.15;

  /** Monthly pay, CNY: blue-collar posted ~7,215; production workers 78,561/yr (6,547/month). */
  public static final int LINE_MONTHLY_SALARY = 7_215;

  /** Skilled trades sit between line work and professional staff. */
  public static final int TRADE_MONTHLY_SALARY = 8_600;

  /** Professional/technical staff: 148,046 CNY a year = 12,337 a month. */
  public static final int ENGINEER_MONTHLY_SALARY = 12_337;

  /** Essential skills a post samples from: the occupation's first ones (most specific first). */
  public static final int SKILL_POOL_SIZE = 16;

  /** Whether the occupation is one of the marked shortage occupations. */
  public static boolean isShortage(String code) {
    return SHORTAGE_OCCUPATIONS.contains(code);
  }

  /** Engineering technicians (professional staff) are the CSCO 2-02 group. */
  public static boolean isEngineer(Occupation o) {
    return o.code().startsWith("2-");
  }

  /** Relative share of vacancy openings that go to this occupation. */
  public static double demandWeight(Occupation o) {
    double w = isEngineer(o) ? ENGINEER_DEMAND_WEIGHT : o.technical() ? TECHNICAL_DEMAND_WEIGHT : 1.0;
    return isShortage(o.code()) ? w * SHORTAGE_DEMAND_WEIGHT : w;
  }

  /** Mean days a vacancy of this kind stays open (before retries when nobody is available). */
  public static double meanOpenDays(boolean technical) {
    if (technical) {
      return TECHNICAL_FILL_MEDIAN_DAYS * Math.exp(TECHNICAL_FILL_SIGMA * TECHNICAL_FILL_SIGMA / 2);
    }
    return (LINE_FILL_MIN.toHours() + LINE_FILL_MAX.toHours()) / 48.0;
  }
}
