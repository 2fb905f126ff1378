package io.matchstream.bench.stats.baseline;

/**
 * The implementation before compact state (kept for the footprint benchmark's "before" column).
 *
 * What the stats job remembers of one vacancy: enough to take it out of the open count again.
 * Held from its first event until it closes (then briefly, as a tombstone, so an OPENED arriving
 * after its FILLED is still counted right) or expires.
 */
public class OldPostState {
  public String cityId;
  public String occupationCode;
  public boolean dispatch;
  /** Whether an OPENED (not only an UPDATED) has been seen. */
  public boolean openedSeen;
  /** Whether it is counted open now. */
  public boolean open;
  /** Event time of the +1 in the open count, epoch milliseconds. */
  public long openedTime;
  /** Event time it closed, epoch milliseconds; 0 while not closed. */
  public long closedTime;
  /** Latest event time seen, epoch milliseconds. */
  public long lastEventTime;
  /** The one event-time timer pending for this vacancy (expiry, or tombstone cleanup). */
  public long timer;

  public OldPostState() {}
}
