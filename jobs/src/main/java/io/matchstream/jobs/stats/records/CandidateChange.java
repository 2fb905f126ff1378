package io.matchstream.jobs.stats.records;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.jobs.stats.functions.LifecycleFunction;

/** What the stats job needs of a {@link CandidateEvent}: a flat Flink POJO. */
public class CandidateChange implements LifecycleFunction.Change {
  public String candidateId;
  public CandidateEventType type;
  /** Epoch milliseconds. */
  public long eventTime;
  /** Home city: where the candidate counts as available. */
  public String cityId;
  /** CSCO codes sought. */
  public String[] occupationCodes;

  public CandidateChange() {}

  public static CandidateChange of(CandidateEvent e) {
    CandidateChange c = new CandidateChange();
    c.candidateId = e.candidateId();
    c.type = e.type();
    c.eventTime = e.eventTime();
    c.cityId = e.cityId();
    c.occupationCodes = e.occupationCodes().toArray(String[]::new);
    return c;
  }

  @Override
  public String entityId() {
    return candidateId;
  }

  @Override
  public long eventTime() {
    return eventTime;
  }

  @Override
  public LifecycleFunction.Step step() {
    return switch (type) {
      case REGISTERED -> LifecycleFunction.Step.ANNOUNCE;
      case UPDATED -> LifecycleFunction.Step.UPDATE;
      case PLACED, WITHDRAWN -> LifecycleFunction.Step.CLOSE;
    };
  }

  @Override
  public String toString() {
    return "CandidateChange[" + candidateId + " " + type + " @" + eventTime + "]";
  }
}
