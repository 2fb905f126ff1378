package io.matchstream.jobs.match;

import io.matchstream.events.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the smart-match job, with their defaults. Threshold and top-k were calibrated with
 * {@code bench/…/MatchCalibration} on the simulator's default stream (jobs/README.md, "Calibration")
 * so that a Ningbo-sized city makes about 3,000 matches a day.
 */
public final class MatchOptions {
  private MatchOptions() {}

  public static final ConfigOption<Double> THRESHOLD =
      ConfigOptions.key("match.threshold")
          .doubleType()
          .defaultValue(0.96)
          .withDescription(
              "Lowest overall score, in [0,1], that becomes a match. 0.96 with top-k 3 gives Ningbo "
                  + "~3,200 matches a day on the simulator's stream (all 39 cities), nine in ten with every essential skill met.");

  public static final ConfigOption<Integer> TOP_K =
      ConfigOptions.key("match.top-k")
          .intType()
          .defaultValue(3)
          .withDescription("Most matches one arrival makes in one pool (city x occupation family).");

  public static final ConfigOption<Double> WEIGHT_SKILLS =
      ConfigOptions.key("match.weight.skills")
          .doubleType()
          .defaultValue(0.55)
          .withDescription("Weight of IDF-weighted skill coverage in the overall score.");

  public static final ConfigOption<Double> WEIGHT_LEVEL =
      ConfigOptions.key("match.weight.level")
          .doubleType()
          .defaultValue(0.15)
          .withDescription("Weight of certificate-level fit.");

  public static final ConfigOption<Double> WEIGHT_SALARY =
      ConfigOptions.key("match.weight.salary")
          .doubleType()
          .defaultValue(0.10)
          .withDescription("Weight of salary overlap.");

  public static final ConfigOption<Double> WEIGHT_EMPLOYMENT =
      ConfigOptions.key("match.weight.employment")
          .doubleType()
          .defaultValue(0.10)
          .withDescription("Weight of employment-type fit (direct, dispatch, gig).");

  public static final ConfigOption<Double> WEIGHT_LOCATION =
      ConfigOptions.key("match.weight.location")
          .doubleType()
          .defaultValue(0.10)
          .withDescription("Weight of location: the candidate's home city or a city they accept.");

  public static final ConfigOption<Double> ESSENTIAL_SKILL_FACTOR =
      ConfigOptions.key("match.essential-skill-factor")
          .doubleType()
          .defaultValue(2.0)
          .withDescription("How many times an essential skill outweighs an optional one of equal IDF.");

  public static final ConfigOption<Double> ACCEPTED_CITY_SCORE =
      ConfigOptions.key("match.accepted-city-score")
          .doubleType()
          .defaultValue(0.6)
          .withDescription("Location score, in [0,1], of a post in a city the candidate accepts (home city: 1).");

  public static final ConfigOption<Double> SALARY_TOLERANCE =
      ConfigOptions.key("match.salary-tolerance")
          .doubleType()
          .defaultValue(0.15)
          .withDescription(
              "How far, as a fraction of the post's maximum, a candidate's expectation may exceed it; "
                  + "beyond that the pair is never matched.");

  public static final ConfigOption<Duration> VACANCY_MAX_AGE =
      ConfigOptions.key("match.vacancy-max-age")
          .durationType()
          .defaultValue(Duration.ofDays(90))
          .withDescription("A vacancy leaves the pool this long after it was posted (event time).");

  public static final ConfigOption<Duration> CANDIDATE_MAX_AGE =
      ConfigOptions.key("match.candidate-max-age")
          .durationType()
          .defaultValue(Duration.ofDays(60))
          .withDescription("A candidate leaves the pools this long after registering (event time).");

  public static final ConfigOption<String> TOPIC_SETTINGS =
      ConfigOptions.key("topic.match-settings")
          .stringType()
          .defaultValue(Topics.MATCH_SETTINGS)
          .withDescription("Compacted control topic of score settings versions (ScoreSettings), key 'match': "
              + "weights, threshold and top-k that replace the options' (version 0) without a restart.");

  public static List<ConfigOption<?>> all() {
    return List.of(
        TOPIC_SETTINGS, THRESHOLD, TOP_K, WEIGHT_SKILLS, WEIGHT_LEVEL, WEIGHT_SALARY, WEIGHT_EMPLOYMENT,
        WEIGHT_LOCATION, ESSENTIAL_SKILL_FACTOR, ACCEPTED_CITY_SCORE, SALARY_TOLERANCE,
        VACANCY_MAX_AGE, CANDIDATE_MAX_AGE);
  }
}
