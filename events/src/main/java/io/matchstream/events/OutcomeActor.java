package io.matchstream.events;

/**
 * The side whose act or decision an outcome records: who made contact, arranged the interview,
 * offered, hired, declined — or, for {@link OutcomeStage#NO_SHOW}, who did not come (normally the
 * candidate). Who reported it is the writer's token, not part of the record.
 */
public enum OutcomeActor {
  /** The employer that posted the vacancy (or its recruiter). */
  EMPLOYER,
  /** The candidate. */
  CANDIDATE,
  /** The city's digital HR park (its operators or its HR system) acting for either side. */
  PARK_OPERATOR;

  /** Whether this side may record the stage: a candidate neither offers a post nor hires. */
  public boolean mayRecord(OutcomeStage stage) {
    return this != CANDIDATE || (stage != OutcomeStage.OFFER && stage != OutcomeStage.HIRED);
  }
}
