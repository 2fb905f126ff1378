package io.matchstream.events;

/** Lifecycle of a candidate. REGISTERED and UPDATED carry the full profile; PLACED names the vacancy. */
public enum CandidateEventType {
  REGISTERED,
  UPDATED,
  PLACED,
  WITHDRAWN;

  /** Whether the event ends the candidate's availability. */
  public boolean closes() {
    return this == PLACED || this == WITHDRAWN;
  }
}
