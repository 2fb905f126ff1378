package io.matchstream.events;

/** An alert's state change. */
public enum AlertState {
  FIRING,
  RESOLVED
}
