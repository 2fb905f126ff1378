package io.matchstream.jobs.stats.records;

import io.matchstream.jobs.stats.functions.LifecycleFunction;
import io.matchstream.jobs.stats.state.Codes;
import java.util.Arrays;

/**
 * What the stats job remembers of one candidate: enough to take them out of the available count
 * again. Held until PLACED/WITHDRAWN (then briefly, as a tombstone) or expiry.
 *
 * <p>Immutable and small: the home city and up to four occupations sought as {@link Codes}
 * numbers packed in one {@code long} (more go to an array), flags as bits, times as primitives.
 */
public final class SeekerState implements LifecycleFunction.State<SeekerState> {
  public static final byte REGISTERED_SEEN = 1;
  public static final byte AVAILABLE = 2;

  /** Home city: candidates count as available where they registered. */
  public final char city;
  /** Up to four occupation numbers, 16 bits each, lowest first; 0 ends the list. */
  public final long occupations;
  /** All occupation numbers when there are more than four; null otherwise. */
  public final char[] moreOccupations;
  public final byte flags;
  /** Event time of the +1 in the available count, epoch milliseconds. */
  public final long availableTime;
  /** Event time they stopped being available, epoch milliseconds; 0 while not. */
  public final long closedTime;
  public final long lastEventTime;

  public SeekerState(char city, long occupations, char[] moreOccupations, byte flags, long availableTime,
      long closedTime, long lastEventTime) {
    this.city = city;
    this.occupations = occupations;
    this.moreOccupations = moreOccupations;
    this.flags = flags;
    this.availableTime = availableTime;
    this.closedTime = closedTime;
    this.lastEventTime = lastEventTime;
  }

  /** A copy with other flags and times; the description is shared. */
  @Override
  public SeekerState with(byte newFlags, long newAvailableTime, long newClosedTime, long newLastEventTime) {
    return new SeekerState(city, occupations, moreOccupations, newFlags, newAvailableTime, newClosedTime,
        newLastEventTime);
  }

  @Override
  public byte flags() {
    return flags;
  }

  @Override
  public long since() {
    return availableTime;
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

  /** The occupation codes sought, in the order the event listed them. */
  public String[] occupationCodes() {
    char[] numbers = occupationNumbers();
    String[] codes = new String[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      codes[i] = Codes.code(numbers[i]);
    }
    return codes;
  }

  public char[] occupationNumbers() {
    if (moreOccupations != null) {
      return moreOccupations.clone();
    }
    int n = 0;
    while (n < 4 && (occupations >>> (16 * n) & 0xFFFF) != 0) {
      n++;
    }
    char[] numbers = new char[n];
    for (int i = 0; i < n; i++) {
      numbers[i] = (char) (occupations >>> (16 * i));
    }
    return numbers;
  }

  /** Builds the state's occupation fields from codes: [packed, array or null]. */
  public static SeekerState of(char city, String[] codes, byte flags, long availableTime, long closedTime,
      long lastEventTime) {
    char[] numbers = new char[codes == null ? 0 : codes.length];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = Codes.of(codes[i]);
    }
    return of(city, numbers, flags, availableTime, closedTime, lastEventTime);
  }

  public static SeekerState of(char city, char[] numbers, byte flags, long availableTime, long closedTime,
      long lastEventTime) {
    boolean packs = numbers.length <= 4;
    for (char n : numbers) {
      packs &= n != 0;
    }
    if (!packs) {
      return new SeekerState(city, 0, numbers.clone(), flags, availableTime, closedTime, lastEventTime);
    }
    long packed = 0;
    for (int i = 0; i < numbers.length; i++) {
      packed |= (long) numbers[i] << (16 * i);
    }
    return new SeekerState(city, packed, null, flags, availableTime, closedTime, lastEventTime);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeekerState s && s.city == city && s.occupations == occupations
        && Arrays.equals(s.moreOccupations, moreOccupations) && s.flags == flags
        && s.availableTime == availableTime && s.closedTime == closedTime && s.lastEventTime == lastEventTime;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(occupations * 31 + availableTime) ^ city;
  }

  @Override
  public String toString() {
    return "SeekerState[" + cityId() + " " + Arrays.toString(occupationCodes()) + " flags=" + flags + "]";
  }
}
