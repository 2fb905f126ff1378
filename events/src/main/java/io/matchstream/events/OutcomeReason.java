package io.matchstream.events;

/**
 * Why a match reached its stage: a closed list, so that outcomes can be counted by reason and no
 * free text (which would carry names, phone numbers or opinions about a person) enters the
 * contract. A progress stage (CONTACTED, INTERVIEW, OFFER, HIRED) carries {@link #ADVANCED}; an
 * ending (DECLINED, NO_SHOW) carries one of the others. {@link #fits} says which go together.
 */
public enum OutcomeReason {
  /** The match moved on to this stage; nothing more to say. Progress stages only. */
  ADVANCED,
  /** Pay: the post's monthly salary and the candidate's expectation did not meet. */
  PAY,
  /** Commute or relocation: the workplace is too far, or the move too hard. */
  COMMUTE,
  /** Shifts or working hours (night shifts, rotating shifts, overtime) were not acceptable. */
  SHIFT_PATTERN,
  /** The employment type (direct, dispatch, gig) was not acceptable. */
  EMPLOYMENT_TYPE,
  /** The employer judged the candidate's skills short of the post's needs. */
  SKILLS,
  /** The candidate's vocational certificate level is below what the post requires. */
  CERTIFICATE,
  /** Working or living conditions: the workplace, dormitory, meals or safety. */
  WORKING_CONDITIONS,
  /** The candidate cannot start when the employer needs them. */
  START_DATE,
  /** The post was filled by someone else first. */
  POST_FILLED,
  /** The employer withdrew or froze the post. */
  POST_WITHDRAWN,
  /** The candidate took another job. */
  TOOK_OTHER_JOB,
  /** The other side could not be reached or stopped answering. */
  UNREACHABLE,
  /** No reason was given (typical of a no-show). */
  NOT_GIVEN,
  /** A reason that is none of the above. There is deliberately no text to go with it. */
  OTHER;

  /** Whether this reason may go with the stage: ADVANCED with progress, every other with an ending. */
  public boolean fits(OutcomeStage stage) {
    return (this == ADVANCED) == stage.isProgress();
  }
}
