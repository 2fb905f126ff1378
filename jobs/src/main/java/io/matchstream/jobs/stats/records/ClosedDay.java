package io.matchstream.jobs.stats.records;

/** What a closed day leaves behind for trends, the median time to fill and hire, and cohorts. */
public class ClosedDay {
  public long matches;
  /** Posting-to-filling durations of the day's placements, milliseconds. */
  public long[] fills;
  /** Match-to-hire durations of the day's hires through a match, milliseconds. */
  public long[] hireTimes = new long[0];

  public ClosedDay() {}

  public static ClosedDay of(DayFigures f) {
    ClosedDay c = new ClosedDay();
    c.matches = f.matches;
    c.fills = java.util.Arrays.copyOf(f.fills, f.fillCount);
    c.hireTimes = java.util.Arrays.copyOf(f.hireTimes, f.hireCount);
    return c;
  }
}
