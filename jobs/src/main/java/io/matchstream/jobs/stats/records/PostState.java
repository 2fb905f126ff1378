package io.matchstream.jobs.stats.records;

import io.matchstream.jobs.stats.functions.LifecycleFunction;
import io.matchstream.jobs.stats.state.Codes;

/**
 * What the stats job remembers of one vacancy: enough to take it out of the open count again.
 * Held from its first event until it closes (then briefly, as a tombstone, so an OPENED arriving
 * after its FILLED is still counted right) or expires.
 *
 * <p>Immutable and small (48 bytes on a 64-bit JVM with compressed pointers): codes as {@link
 * Codes} numbers, flags as bits, times as primitives. A change makes a new value.
 */
public final class PostState implements LifecycleFunction.State<PostState> {
  public static final byte DISPATCH = 1;
  /** An OPENED (not only an UPDATED) has been seen. */
  public static final byte OPENED_SEEN = 2;
  /** Counted open now. */
  public static final byte OPEN = 4;

  public final char city;
  public final char occupation;
  public final byte flags;
  /** Event time of the +1 in the open count, epoch milliseconds. */
  public final long openedTime;
  /** Event time it closed, epoch milliseconds; 0 while not closed. */
  public final long closedTime;
  /** Latest event time seen, epoch milliseconds. */
  public final long lastEventTime;

  public PostState(char city, char occupation, byte flags, long openedTime, long closedTime, long lastEventTime) {
    this.city = city;
    this.occupation = occupation;
    this.flags = flags;
    this.openedTime = openedTime;
    this.closedTime = closedTime;
    this.lastEventTime = lastEventTime;
  }

  @Override
  public PostState with(byte newFlags, long newOpenedTime, long newClosedTime, long newLastEventTime) {
    return new PostState(city, occupation, newFlags, newOpenedTime, newClosedTime, newLastEventTime);
  }

  @Override
  public byte flags() {
    return flags;
  }

  @Override
  public long since() {
    return openedTime;
  }

  @Override
  public long closedTime() {
    return closedTime;
  }

  @Override
  public long lastEventTime() {
    return lastEventTime;
  }

  public boolean is(byte flag) {
    return (flags & flag) != 0;
  }

  public String cityId() {
    return Codes.code(city);
  }

  public String occupationCode() {
    return Codes.code(occupation);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PostState p && p.city == city && p.occupation == occupation && p.flags == flags
        && p.openedTime == openedTime && p.closedTime == closedTime && p.lastEventTime == lastEventTime;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(openedTime * 31 + lastEventTime) ^ city ^ (occupation << 16);
  }

  @Override
  public String toString() {
    return "PostState[" + cityId() + " " + occupationCode() + " flags=" + flags + " opened=" + openedTime
        + " closed=" + closedTime + " last=" + lastEventTime + "]";
  }
}
