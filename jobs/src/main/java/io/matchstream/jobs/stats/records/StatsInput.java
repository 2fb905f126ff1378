package io.matchstream.jobs.stats.records;

import io.matchstream.events.DeadLetter;

/**
 * One input record after parsing: exactly one of {@link #vacancy}, {@link #candidate}, {@link
 * #matchCityId}, {@link #outcome} or {@link #rejected} is set. The raw bytes and provenance ride along only as far as
 * the late-event check, which must be able to dead-letter the record unchanged.
 */
public class StatsInput {
  public VacancyChange vacancy;
  public CandidateChange candidate;
  /** City of a smart match (the vacancy's city). */
  public String matchCityId;
  /** The smart match's id. */
  public String matchId;
  /** The smart match's occupation (the vacancy's CSCO code). */
  public String matchOccupationCode;
  /** A match outcome; it keeps its own raw bytes and provenance until it is decided. */
  public OutcomeChange outcome;
  /** Event time of whichever event this is, epoch milliseconds; 0 when rejected. */
  public long eventTime;
  /** Set when the record could not be read; it goes to dead-letters as is. */
  public DeadLetter rejected;

  public String sourceTopic;
  public int partition;
  public long offset;
  public byte[] raw;

  public StatsInput() {}

  public boolean isRejected() {
    return rejected != null;
  }

  @Override
  public String toString() {
    return "StatsInput[" + (vacancy != null ? vacancy : candidate != null ? candidate
        : matchId != null ? "match " + matchId : outcome != null ? outcome : rejected) + "]";
  }
}
