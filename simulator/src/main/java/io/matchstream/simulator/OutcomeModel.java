package io.matchstream.simulator;

import io.matchstream.events.EmploymentType;
import io.matchstream.events.Match;
import io.matchstream.events.OutcomeReason;
import io.matchstream.events.ShiftPattern;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the simulated sides react to a smart match: a hidden "true fit" and the chances and delays of
 * each step that follow from it. The match job never sees this model; it is deliberately <em>not</em>
 * the job's score (skills 0.55, level 0.15, salary, employment type and location 0.10 each): here
 * the pay gap and the commute weigh most, the skills less, night shifts and agency work put people
 * off, and a noise term stands for everything neither side writes down. A score that learns from
 * outcomes has something to find.
 *
 * <p>Every random draw of a match is a pure function of (seed, matchId, draw number) ({@link #u}),
 * so what becomes of one match never depends on how many others arrived, or in which order.
 */
final class OutcomeModel {
  private OutcomeModel() {}

  // ---- the hidden fit: weights sum to 1 ------------------------------------------------------

  static final double W_SKILL = 0.20;
  static final double W_LEVEL = 0.05;
  static final double W_PAY = 0.30;
  static final double W_COMMUTE = 0.25;
  static final double W_EMPLOYMENT = 0.10;
  static final double W_SHIFT = 0.10;
  /** Standard deviation of the fit's noise: what neither side writes down. */
  static final double NOISE_SIGMA = 0.12;
  /** Median one-way commute within the home city, minutes (log-normal, σ 0.5). */
  static final double COMMUTE_MEDIAN_MINUTES = 35;
  /** Fit of a post in another city the candidate accepts: a move is a big step. */
  static final double RELOCATION_FIT = 0.3;

  // ---- the funnel: chance of each step given the fit f ----------------------------------------

  /**
   * Share of the matches of the stock's day (event time before the start) the park takes up at
   * all: the ~800,000 matches found as the stock arrives are eight days' worth, more than the
   * parks can work through; they work through the best-placed tenth as they would a day's.
   */
  static final double BACKLOG_SHARE = 0.10;
  /** Someone follows the match up (contact) at all; the others are never taken up and get no outcome. */
  static double pContact(double f) {
    return clamp01(0.05 + 0.65 * f);
  }

  /** An interview is arranged after contact; otherwise one side declines. */
  static double pInterview(double f) {
    return clamp01(-0.10 + 0.75 * f);
  }

  /** The candidate does not come to the interview. */
  static final double P_NO_SHOW_INTERVIEW = 0.08;

  /** The employer offers after the interview; otherwise it declines. */
  static double pOffer(double f) {
    return clamp01(0.05 + 0.65 * f);
  }

  /** The candidate accepts and starts; otherwise declines or does not turn up. */
  static double pAccept(double f) {
    return clamp01(0.40 + 0.55 * f);
  }

  /** Of the offers not taken, the share that end as a no-show on the first day. */
  static final double P_NO_SHOW_AFTER_OFFER = 0.3;
  /** Of the declines after contact, the share where the candidate simply stops answering. */
  static final double P_UNREACHABLE = 0.15;

  // ---- delays, milliseconds -------------------------------------------------------------------

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  /** Match to first contact: 1 hour to a day, most within hours. */
  static long contactDelay(long base) {
    return HOUR + (long) (23 * HOUR * sq(u(base, 20)));
  }

  /** Contact to interview (or decline): half a day to 3 days. */
  static long interviewDelay(long base) {
    return DAY / 2 + (long) (2.5 * DAY * u(base, 21));
  }

  /** Interview to offer (or decline): 4 hours to 2 days. */
  static long offerDelay(long base) {
    return 4 * HOUR + (long) (44 * HOUR * u(base, 22));
  }

  /** Offer to the first day at work (hire, decline or no-show): half a day to 3 days. */
  static long startDelay(long base) {
    return DAY / 2 + (long) (2.5 * DAY * u(base, 23));
  }

  /** A match older than this is dropped whatever its stage: the delays above end well within it. */
  static final long MAX_LIFE = 21 * DAY;

  // ---- draws ----------------------------------------------------------------------------------

  /** The base of a match's draws: FNV-1a of its id, mixed with the seed. */
  static long base(long seed, String matchId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : matchId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(h ^ mix(seed));
  }

  /** Draw number {@code k} of a match, uniform in [0, 1). */
  static double u(long base, int k) {
    return (mix(base + (k + 1) * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ---- the fit --------------------------------------------------------------------------------

  /** The fit and which side's concern is worst, as the sides see it. */
  record Fit(double value, OutcomeReason candidateConcern, double candidateSide, OutcomeReason employerConcern,
      double employerSide) {}

  static Fit fit(Match m, Entities.Vacancy v, Entities.Candidate c, long base) {
    double skill = clamp01(m.skillScore());
    double level = clamp01(m.levelScore());
    double pay = payFit(c.expectedSalary, v.salaryMin, v.salaryMax);
    double commute = c.cityId.equals(v.cityId)
        ? clamp01((90 - COMMUTE_MEDIAN_MINUTES * Math.exp(0.5 * gaussian(base, 3))) / 60)
        : RELOCATION_FIT;
    double employment = employmentFit(v.employmentType, c.employmentTypes);
    double shift = shiftFit(v.shiftPattern);
    double value = W_SKILL * skill + W_LEVEL * level + W_PAY * pay + W_COMMUTE * commute
        + W_EMPLOYMENT * employment + W_SHIFT * shift + NOISE_SIGMA * gaussian(base, 5);
    // the candidate's worst concern among what a candidate weighs
    OutcomeReason cr = OutcomeReason.PAY;
    double cs = pay;
    if (commute < cs) {
      cr = OutcomeReason.COMMUTE;
      cs = commute;
    }
    if (employment < cs) {
      cr = OutcomeReason.EMPLOYMENT_TYPE;
      cs = employment;
    }
    if (shift < cs) {
      cr = OutcomeReason.SHIFT_PATTERN;
      cs = shift;
    }
    if (cs > 0.8) {
      cr = OutcomeReason.WORKING_CONDITIONS; // nothing on paper: the visit put them off
    }
    OutcomeReason er = skill <= level ? OutcomeReason.SKILLS : OutcomeReason.CERTIFICATE;
    return new Fit(value, cr, cs, er, Math.min(skill, level));
  }

  /** 1 when the post's top pay meets the expectation, 0 when it falls 20 % or more short. */
  static double payFit(int expected, int salaryMin, int salaryMax) {
    if (expected <= 0) return 1;
    double gap = (expected - salaryMax) / (double) expected;
    return clamp01(1 - gap / 0.2);
  }

  static double employmentFit(EmploymentType type, List<EmploymentType> accepted) {
    if (type == null) return 0.7;
    double liking = switch (type) {
      case DIRECT -> 1.0;
      case DISPATCH -> 0.6;
      case GIG -> 0.5;
    };
    return accepted != null && accepted.contains(type) ? liking : 0.15;
  }

  static double shiftFit(ShiftPattern shift) {
    if (shift == null) return 0.8;
    return switch (shift) {
      case DAY -> 1.0;
      case FLEXIBLE -> 0.9;
      case TWO_SHIFTS -> 0.65;
      case THREE_SHIFTS -> 0.4;
    };
  }

  /** Standard normal from draws k and k+1 (Box–Muller). */
  static double gaussian(long base, int k) {
    double u1 = 1 - u(base, k);
    double u2 = u(base, k + 1);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  static double clamp01(double x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  private static double sq(double x) {
    return x * x;
  }
}
