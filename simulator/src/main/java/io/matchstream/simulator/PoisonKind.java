package io.matchstream.simulator;

import io.matchstream.events.Topics;

/**
 * The malformed records the simulator mixes in at {@code --poison-rate}, each with the text the
 * validator's rejection reason contains, so tests and the dead-letter path can be checked.
 */
public enum PoisonKind {
  NOT_JSON("not JSON", "not JSON"),
  TRUNCATED_JSON("end-of-input", "end-of-input"),
  UNKNOWN_CITY("unknown city", "unknown city"),
  UNKNOWN_OCCUPATION("unknown occupation code", "unknown occupation code"),
  UNKNOWN_SKILL("unknown skill id", "unknown skill id"),
  SALARY_MIN_ABOVE_MAX("is above salaryMax", null),
  HEADCOUNT_ZERO("headcount 0 is below 1", null),
  NEGATIVE_SALARY(null, "expectedSalary -1 is outside"),
  MALFORMED_ID("malformed vacancyId", "malformed candidateId"),
  UNKNOWN_SCHEMA_VERSION("unknown schemaVersion", "unknown schemaVersion"),
  FAR_FUTURE_TIME("too far in the future", "too far in the future"),
  OVERSIZED("oversized record", "oversized record");

  private final String vacancyReason;
  private final String candidateReason;

  PoisonKind(String vacancyReason, String candidateReason) {
    this.vacancyReason = vacancyReason;
    this.candidateReason = candidateReason;
  }

  /** Whether this kind can be made for records of the topic. */
  public boolean appliesTo(String topic) {
    return expectedReason(topic) != null;
  }

  /** Text the validator's rejection reason contains for this kind on this topic, or null. */
  public String expectedReason(String topic) {
    return Topics.VACANCIES.equals(topic) ? vacancyReason : candidateReason;
  }
}
