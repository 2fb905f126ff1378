package io.matchstream.jobs.match;

import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ScoreSettings;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The matching options as one immutable value, so plain-Java code (scorer, index, benchmark) does
 * not depend on Flink's configuration classes.
 */
public record MatchSettings(
    double threshold,
    int topK,
    double weightSkills,
    double weightLevel,
    double weightSalary,
    double weightEmployment,
    double weightLocation,
    double essentialSkillFactor,
    double acceptedCityScore,
    double salaryTolerance,
    long vacancyMaxAgeMillis,
    long candidateMaxAgeMillis)
    implements Serializable {

  public MatchSettings {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("match.threshold must be in [0,1], not " + threshold);
    }
    if (topK < 1) {
      throw new IllegalArgumentException("match.top-k must be at least 1, not " + topK);
    }
    double[] weights = {weightSkills, weightLevel, weightSalary, weightEmployment, weightLocation};
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("match.weight.* must be finite and not negative");
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("match.weight.* must not all be zero");
    }
    if (!(essentialSkillFactor >= 1)) {
      throw new IllegalArgumentException("match.essential-skill-factor must be at least 1");
    }
    if (!(acceptedCityScore >= 0 && acceptedCityScore <= 1)) {
      throw new IllegalArgumentException("match.accepted-city-score must be in [0,1]");
    }
    if (!(salaryTolerance > 0)) {
      throw new IllegalArgumentException("match.salary-tolerance must be above 0");
    }
    if (vacancyMaxAgeMillis <= 0 || candidateMaxAgeMillis <= 0) {
      throw new IllegalArgumentException("match.*-max-age must be positive");
    }
  }

  public static MatchSettings defaults() {
    return from(new org.apache.flink.configuration.Configuration());
  }

  public static MatchSettings from(ReadableConfig conf) {
    return new MatchSettings(
        conf.get(MatchOptions.THRESHOLD),
        conf.get(MatchOptions.TOP_K),
        conf.get(MatchOptions.WEIGHT_SKILLS),
        conf.get(MatchOptions.WEIGHT_LEVEL),
        conf.get(MatchOptions.WEIGHT_SALARY),
        conf.get(MatchOptions.WEIGHT_EMPLOYMENT),
        conf.get(MatchOptions.WEIGHT_LOCATION),
        conf.get(MatchOptions.ESSENTIAL_SKILL_FACTOR),
        conf.get(MatchOptions.ACCEPTED_CITY_SCORE),
        conf.get(MatchOptions.SALARY_TOLERANCE),
        conf.get(MatchOptions.VACANCY_MAX_AGE).toMillis(),
        conf.get(MatchOptions.CANDIDATE_MAX_AGE).toMillis());
  }

  public MatchSettings withThreshold(double t) {
    return new MatchSettings(t, topK, weightSkills, weightLevel, weightSalary, weightEmployment,
        weightLocation, essentialSkillFactor, acceptedCityScore, salaryTolerance,
        vacancyMaxAgeMillis, candidateMaxAgeMillis);
  }

  public MatchSettings withTopK(int k) {
    return new MatchSettings(threshold, k, weightSkills, weightLevel, weightSalary, weightEmployment,
        weightLocation, essentialSkillFactor, acceptedCityScore, salaryTolerance,
        vacancyMaxAgeMillis, candidateMaxAgeMillis);
  }

  /**
   * These settings with the live part replaced by a validated {@link ScoreSettings} version: the
   * essential-skill factor and the age limits stay (the pools' state depends on them).
   */
  public MatchSettings withLive(ScoreSettings live) {
    return new MatchSettings(live.threshold(), live.topK(), live.weightSkills(), live.weightLevel(),
        live.weightSalary(), live.weightEmployment(), live.weightLocation(), essentialSkillFactor,
        live.acceptedCityScore(), live.salaryTolerance(), vacancyMaxAgeMillis, candidateMaxAgeMillis);
  }

  /** The live part of these settings as a version record (e.g. to write version 1 from the options). */
  public ScoreSettings live(long version, long effectiveFrom) {
    return new ScoreSettings(version, SchemaVersion.CURRENT, effectiveFrom, threshold, topK, weightSkills,
        weightLevel, weightSalary, weightEmployment, weightLocation, acceptedCityScore, salaryTolerance);
  }

  public MatchSettings withMaxAges(Duration vacancy, Duration candidate) {
    return new MatchSettings(threshold, topK, weightSkills, weightLevel, weightSalary,
        weightEmployment, weightLocation, essentialSkillFactor, acceptedCityScore, salaryTolerance,
        vacancy.toMillis(), candidate.toMillis());
  }
}
