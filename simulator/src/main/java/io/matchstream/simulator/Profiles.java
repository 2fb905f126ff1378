package io.matchstream.simulator;

import static io.matchstream.simulator.Calibration.DISPATCH_SHARE;
import static io.matchstream.simulator.Calibration.GIG_SHARE;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.City;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the content of posts and profiles: skills, levels, pay, employment terms. Three kinds of
 * occupation differ: line work, skilled trades (technical, CSCO 6-…) and engineers (CSCO 2-02).
 */
final class Profiles {
  private static final CertificateLevel[] LEVELS = CertificateLevel.values();
  private static final Education[] EDUCATIONS = Education.values();

  // weights over CertificateLevel.values(): NONE, 5, 4, 3, 2, 1
  private static final double[] LINE_LEVELS = {55, 30, 15, 0, 0, 0};
  private static final double[] TRADE_LEVELS = {0, 15, 40, 35, 10, 0};
  private static final double[] ENGINEER_LEVELS = {50, 0, 0, 30, 15, 5};
  // weights over Education.values(): PRIMARY … MASTER
  private static final double[] LINE_EDUCATION = {5, 60, 20, 15, 0, 0, 0};
  private static final double[] TRADE_EDUCATION = {0, 25, 15, 45, 15, 0, 0};
  private static final double[] ENGINEER_EDUCATION = {0, 0, 0, 0, 35, 55, 10};
  // weights over ShiftPattern.values(): DAY, TWO_SHIFTS, THREE_SHIFTS, FLEXIBLE
  private static final double[] LINE_SHIFTS = {30, 40, 25, 5};
  private static final double[] TECHNICAL_SHIFTS = {55, 30, 10, 5};

  private final Taxonomy taxonomy;

  Profiles(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  static double meanHeadcount(boolean technical) {
    double[] w = technical ? Calibration.TECHNICAL_HEADCOUNT_WEIGHTS : Calibration.LINE_HEADCOUNT_WEIGHTS;
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < w.length; i++) {
      sum += w[i];
      weighted += w[i] * (i + 1);
    }
    return weighted / sum;
  }

  /** A new post, OPENED at {@code time}, posted at {@code posted} (earlier for the initial stock). */
  VacancyEvent vacancy(
      Rng rng, String id, City city, Occupation o, String employerId, long time, long posted) {
    boolean engineer = Calibration.isEngineer(o);
    List<String> pool = skillPool(o);
    List<String> essential = sample(rng, pool, rng.uniform(0.6, 0.9), 3);
    List<String> optional = sample(rng, o.optionalSkillIds(), 0, 0);
    optional = optional.subList(0, Math.min(optional.size(), rng.nextInt(4)));
    double centre = monthlyPay(rng, o, city, 0.12);
    int min = round100(centre * rng.uniform(0.82, 0.95));
    int max = round100(centre * rng.uniform(1.05, 1.3));
    double u = rng.nextDouble();
    EmploymentType type =
        u < DISPATCH_SHARE ? EmploymentType.DISPATCH : u < DISPATCH_SHARE + GIG_SHARE ? EmploymentType.GIG : EmploymentType.DIRECT;
    int headcount =
        1 + rng.weighted(o.technical() ? Calibration.TECHNICAL_HEADCOUNT_WEIGHTS : Calibration.LINE_HEADCOUNT_WEIGHTS);
    return new VacancyEvent(
        null, time, SchemaVersion.CURRENT, VacancyEventType.OPENED, id, city.id(), o.code(), employerId, posted,
        essential, optional.isEmpty() ? null : optional,
        LEVELS[rng.weighted(engineer ? ENGINEER_LEVELS : o.technical() ? TRADE_LEVELS : LINE_LEVELS)],
        EDUCATIONS[rng.weighted(engineer ? ENGINEER_EDUCATION : o.technical() ? TRADE_EDUCATION : LINE_EDUCATION)],
        min, max, type,
        ShiftPattern.values()[rng.weighted(o.technical() ? TECHNICAL_SHIFTS : LINE_SHIFTS)],
        headcount, o.technical(), null);
  }

  /**
   * A new profile, REGISTERED at {@code time}. Coverage of the occupation's skills varies (strong,
   * medium, weak), so a matcher has something to tell apart.
   */
  CandidateEvent candidate(
      Rng rng, String id, City home, List<String> accepted, Occupation o, long time, long registered) {
    boolean engineer = Calibration.isEngineer(o);
    List<String> occupations = new ArrayList<>(2);
    occupations.add(o.code());
    double u = rng.nextDouble();
    double coverage = u < 0.35 ? rng.uniform(0.75, 1.0) : u < 0.75 ? rng.uniform(0.45, 0.75) : rng.uniform(0.15, 0.45);
    List<String> skills = new ArrayList<>(sample(rng, skillPool(o), coverage, 2));
    for (String s : sample(rng, o.optionalSkillIds(), 0.1, 0)) {
      if (!skills.contains(s)) {
        skills.add(s);
      }
    }
    List<Occupation> family = taxonomy.families().get(o.family());
    if (family.size() > 1 && rng.chance(0.3)) {
      Occupation second = family.get(rng.nextInt(family.size()));
      if (!second.code().equals(o.code())) {
        occupations.add(second.code());
        for (String s : sample(rng, skillPool(second), 0.25, 1)) {
          if (!skills.contains(s)) {
            skills.add(s);
          }
        }
      }
    }
    CertificateLevel level =
        LEVELS[rng.weighted(engineer ? ENGINEER_LEVELS : o.technical() ? TRADE_LEVELS : LINE_LEVELS)];
    Education education =
        EDUCATIONS[rng.weighted(engineer ? ENGINEER_EDUCATION : o.technical() ? TRADE_EDUCATION : LINE_EDUCATION)];
    int expected = round100(monthlyPay(rng, o, home, 0.15));
    List<EmploymentType> types = new ArrayList<>(3);
    if (rng.chance(0.85)) types.add(EmploymentType.DIRECT);
    if (rng.chance(0.55)) types.add(EmploymentType.DISPATCH);
    if (rng.chance(0.25)) types.add(EmploymentType.GIG);
    if (types.isEmpty()) types.add(EmploymentType.DISPATCH);
    // EventValidator treats availableFrom like an event time (at most a day ahead of its clock),
    // so candidates who cannot start at once start within the next day
    long available = rng.chance(0.7) ? registered : registered + (long) (rng.uniform(4, 20) * 3_600_000L);
    return new CandidateEvent(
        null, time, SchemaVersion.CURRENT, CandidateEventType.REGISTERED, id, home.id(), accepted,
        List.copyOf(occupations), List.copyOf(skills), level, education, expected, List.copyOf(types),
        available, registered, null);
  }

  /** Most specific essential skills first (the taxonomy orders them so); long tails are generic. */
  private static List<String> skillPool(Occupation o) {
    List<String> essential = o.essentialSkillIds();
    return essential.subList(0, Math.min(essential.size(), Calibration.SKILL_POOL_SIZE));
  }

  /** Each element with probability p (order kept), topped up to {@code atLeast} from the front. */
  private static List<String> sample(Rng rng, List<String> from, double p, int atLeast) {
    List<String> out = new ArrayList<>();
    for (String s : from) {
      if (rng.chance(p)) {
        out.add(s);
      }
    }
    for (int i = 0; out.size() < Math.min(atLeast, from.size()) && i < from.size(); i++) {
      if (!out.contains(from.get(i))) {
        out.add(from.get(i));
      }
    }
    return out;
  }

  /** Monthly pay in CNY around the kind's level, scaled by city size, with log-normal spread. */
  private static double monthlyPay(Rng rng, Occupation o, City city, double sigma) {
    int base =
        Calibration.isEngineer(o) ? Calibration.ENGINEER_MONTHLY_SALARY
            : o.technical() ? Calibration.TRADE_MONTHLY_SALARY : Calibration.LINE_MONTHLY_SALARY;
    double cityFactor = Math.max(0.8, Math.min(1.12, 0.8 + 0.2 * city.sizeWeight()));
    return base * cityFactor * Math.exp(sigma * rng.gaussian());
  }

  private static int round100(double v) {
    return (int) Math.round(v / 100) * 100;
  }
}
