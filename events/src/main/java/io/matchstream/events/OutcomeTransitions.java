package io.matchstream.events;

/**
 * Which outcome stage may follow which on one match. Pure: a reader keeps the last stage per match
 * and asks {@link #check}; an impossible step is dead-lettered with the reason.
 *
 * <ul>
 *   <li>First outcome: any stage but {@link OutcomeStage#NO_SHOW} (a step may be skipped; a no-show
 *       needs something arranged to miss).
 *   <li>Progress goes forward or stays: CONTACTED → INTERVIEW → OFFER → HIRED, steps may be skipped,
 *       and CONTACTED, INTERVIEW and OFFER may repeat (another call, a second interview round, a
 *       revised offer). Never backwards: CONTACTED after OFFER is refused.
 *   <li>DECLINED may follow anything that is not final.
 *   <li>NO_SHOW only after INTERVIEW or OFFER.
 *   <li>Nothing follows HIRED, DECLINED or NO_SHOW, the same final stage included. A hire is never
 *       taken back (a candidate who accepts and never starts is NO_SHOW after OFFER, not HIRED),
 *       so counts of hires only grow. Two sides reconciled after an ending make a new match, not a
 *       new outcome of this one.
 * </ul>
 *
 * <p>A repeated record (the same outcomeId again) is not a transition: drop it before asking.
 */
public final class OutcomeTransitions {
  private OutcomeTransitions() {}

  /**
   * The reason {@code next} cannot follow {@code previous}, or null if it can.
   *
   * @param previous the last accepted stage of the match, or null if it has none yet
   */
  public static String check(OutcomeStage previous, OutcomeStage next) {
    if (next == null) throw new IllegalArgumentException("next stage is required");
    if (previous != null && previous.isFinal()) {
      return "stage " + next + " cannot follow " + previous + ": " + previous + " is final";
    }
    if (next == OutcomeStage.NO_SHOW) {
      if (previous == OutcomeStage.INTERVIEW || previous == OutcomeStage.OFFER) return null;
      return "stage NO_SHOW needs an INTERVIEW or OFFER before it, not "
          + (previous == null ? "no outcome yet" : previous);
    }
    if (next == OutcomeStage.DECLINED || previous == null) return null;
    if (next.rank() >= previous.rank()) return null;
    return "stage " + next + " cannot follow " + previous + ": a match does not go back";
  }

  /** Whether {@code next} may follow {@code previous} (null: the first outcome). */
  public static boolean allowed(OutcomeStage previous, OutcomeStage next) {
    return check(previous, next) == null;
  }
}
