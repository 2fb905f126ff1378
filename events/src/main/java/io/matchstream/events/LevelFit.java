package io.matchstream.events;

/** How a candidate's certificate level compares with a post's requirement. */
public enum LevelFit {
  MEETS,
  EXCEEDS,
  BELOW
}
