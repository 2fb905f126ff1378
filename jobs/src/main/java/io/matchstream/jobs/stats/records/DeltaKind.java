package io.matchstream.jobs.stats.records;

/** What one {@link CityDelta} changes in a city's figures. */
public enum DeltaKind {
  /** A smart match made (counts on its day and hour). */
  MATCH,
  /** A vacancy opened (counts as new on its day). */
  NEW_VACANCY,
  /** A candidate registered (counts as new on its day). */
  NEW_CANDIDATE,
  /** A vacancy filled: a placement on its day, with its time to fill. */
  PLACEMENT,
  /** Open vacancies of an occupation, +1 or -1; carries whether it is dispatch work. */
  OPEN_VACANCY,
  /** Available candidates of the city, +1 or -1. */
  AVAILABLE_CANDIDATE,
  /** Available candidates seeking an occupation, +1 or -1 (one per occupation sought). */
  SEEKING,
  /** Technical posts open past their alert threshold, +1 (fired) or -1 (resolved). */
  TECH_OVERDUE,
  /**
   * A smart match reached a progress stage for the first time (one delta per stage, skipped ones
   * included): counts on the outcome's day, for the match's occupation and for its cohort.
   */
  REACHED,
  /** A smart match ended without a hire (DECLINED or NO_SHOW), on the outcome's day. */
  ENDED,
  /** A candidate was placed (PLACED), in the home city, through a match or not. */
  PERSON_PLACED
}
