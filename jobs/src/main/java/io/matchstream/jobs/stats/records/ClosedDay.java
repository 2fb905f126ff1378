package io.matchstream.jobs.stats.records;

/** What a closed day leaves behind for trends and the median time to fill. */
public class ClosedDay {
  public long matches;
  /** Posting-to-filling durations of the day's placements, milliseconds. */
  public long[] fills;

  public ClosedDay() {}

  public static ClosedDay of(DayFigures f) {
    ClosedDay c = new ClosedDay();
    c.matches = f.matches;
    c.fills = java.util.Arrays.copyOf(f.fills, f.fillCount);
    return c;
  }
}
