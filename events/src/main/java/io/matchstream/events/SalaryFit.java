package io.matchstream.events;

/** How a candidate's expected monthly salary sits against a post's range. */
public enum SalaryFit {
  /** Expectation inside [min, max]. */
  WITHIN,
  /** Expectation below the range: the post pays more than asked. */
  BELOW_RANGE,
  /** Expectation above the range, but within the tolerance the scorer allows. */
  ABOVE_RANGE
}
