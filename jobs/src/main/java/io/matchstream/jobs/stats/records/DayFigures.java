package io.matchstream.jobs.stats.records;

/** One city's figures for one Shanghai day that has not closed yet. */
public class DayFigures {
  public long matches;
  public long newVacancies;
  public long newCandidates;
  public long placements;
  /** Smart matches per hour of the day, 24 entries. */
  public long[] matchesByHour = new long[24];
  /** Gauge changes with event times on this day, applied to the base when the day closes. */
  public Gauges changes = new Gauges();
  /** Posting-to-filling durations of this day's placements, milliseconds; first fillCount used. */
  public long[] fills = new long[8];
  public int fillCount;
  /** Revision of the last record sent for this day; 0 before the first. */
  public long revision;
  /** Latest event time counted, epoch milliseconds. */
  public long lastEventTime;
  /** Changed since the last record sent. */
  public boolean dirty;

  public DayFigures() {}

  public void addFill(long millis) {
    if (fillCount == fills.length) {
      fills = java.util.Arrays.copyOf(fills, fills.length * 2);
    }
    fills[fillCount++] = millis;
  }
}
