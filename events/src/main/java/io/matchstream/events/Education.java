package io.matchstream.events;

/** Highest completed education, in increasing order. */
public enum Education {
  PRIMARY,
  JUNIOR_SECONDARY,
  SENIOR_SECONDARY,
  /** 中专 / 技工学校. */
  VOCATIONAL_SECONDARY,
  /** 大专 / 高职. */
  JUNIOR_COLLEGE,
  BACHELOR,
  MASTER;

  /** Whether this education meets a post's requirement. */
  public boolean meets(Education required) {
    return required == null || compareTo(required) >= 0;
  }
}
