package io.matchstream.bench.stats.baseline;

/**
 * The implementation before compact state (kept for the footprint benchmark's "before" column).
 *
 * What the stats job remembers of one candidate: enough to take them out of the available count
 * again. Held until PLACED/WITHDRAWN (then briefly, as a tombstone) or expiry.
 */
public class OldSeekerState {
  /** Home city: candidates count as available where they registered. */
  public String cityId;
  public String[] occupationCodes;
  public boolean registeredSeen;
  public boolean available;
  /** Event time of the +1 in the available count, epoch milliseconds. */
  public long availableTime;
  /** Event time they stopped being available, epoch milliseconds; 0 while not. */
  public long closedTime;
  public long lastEventTime;
  /** The one event-time timer pending (expiry, or tombstone cleanup). */
  public long timer;

  public OldSeekerState() {}
}
