package io.matchstream.events;

/** Lifecycle of a vacancy. OPENED and UPDATED carry the full post; FILLED names the candidate. */
public enum VacancyEventType {
  OPENED,
  UPDATED,
  FILLED,
  WITHDRAWN;

  /** Whether the event ends the vacancy's life. */
  public boolean closes() {
    return this == FILLED || this == WITHDRAWN;
  }
}
