package io.matchstream.jobs.stats.records;

import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeStage;

/**
 * What the stats job needs of a {@link MatchOutcome}, and, until the outcome is decided, the record
 * as read (bytes and provenance), so that one refused for its match (unknown, another city, before
 * the match, an impossible step) is dead-lettered unchanged. A flat Flink POJO: no Kryo.
 */
public class OutcomeChange {
  public String outcomeId;
  public String matchId;
  /** The outcome's city (the match's, once checked). */
  public String cityId;
  public OutcomeStage stage;
  /** Epoch milliseconds. */
  public long eventTime;

  public String sourceTopic;
  public int partition;
  public long offset;
  public byte[] raw;

  public OutcomeChange() {}

  public static OutcomeChange of(MatchOutcome o) {
    OutcomeChange c = new OutcomeChange();
    c.outcomeId = o.outcomeId();
    c.matchId = o.matchId();
    c.cityId = o.cityId();
    c.stage = o.stage();
    c.eventTime = o.eventTime();
    return c;
  }

  @Override
  public String toString() {
    return "OutcomeChange[" + outcomeId + " " + matchId + " " + stage + " @" + eventTime + "]";
  }
}
