package io.matchstream.events;

/**
 * What became of a match, one step at a time. The progress stages come in this order (a step may
 * be skipped: a park's HR system need not record every one); the last three are final. Which stage
 * may follow which is {@link OutcomeTransitions}.
 */
public enum OutcomeStage {
  /** The two sides were put in touch (a call, a message, a visit to the park) about this match. */
  CONTACTED(1),
  /** An interview or trial shift was arranged or held. */
  INTERVIEW(2),
  /** The employer offered the post. */
  OFFER(3),
  /**
   * Final: the candidate started work in the post through this match. An accepted offer the
   * candidate never turns up for is {@link #NO_SHOW}, not a hire, so a hire is never taken back.
   */
  HIRED(4),
  /** Final: one side ended the match (see the reason code for why). */
  DECLINED(0),
  /**
   * Final: the candidate did not come to an arranged interview or to the first day after an offer;
   * only after {@link #INTERVIEW} or {@link #OFFER}.
   */
  NO_SHOW(0);

  private final int rank;

  OutcomeStage(int rank) {
    this.rank = rank;
  }

  /** Whether nothing may follow this stage on the same match. */
  public boolean isFinal() {
    return this == HIRED || this == DECLINED || this == NO_SHOW;
  }

  /** Whether this is a step forward (CONTACTED, INTERVIEW, OFFER, HIRED) rather than an ending. */
  public boolean isProgress() {
    return rank > 0;
  }

  /** Position among the progress stages, 1 (CONTACTED) to 4 (HIRED); 0 for the endings. */
  public int rank() {
    return rank;
  }
}
