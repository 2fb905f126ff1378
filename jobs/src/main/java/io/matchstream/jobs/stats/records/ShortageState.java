package io.matchstream.jobs.stats.records;

/** A city x occupation on its way to, or in, a SHORTAGE alert. Absent when neither. */
public class ShortageState {
  /** Consecutive day closes above the high threshold. */
  public int streak;
  public boolean firing;
  /** Start of the first day of the streak, epoch milliseconds. */
  public long since;

  public ShortageState() {}
}
