package io.matchstream.events;

/** Shift pattern of a post. */
public enum ShiftPattern {
  DAY,
  TWO_SHIFTS,
  THREE_SHIFTS,
  FLEXIBLE
}
