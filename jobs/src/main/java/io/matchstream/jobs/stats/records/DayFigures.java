package io.matchstream.jobs.stats.records;

import java.util.HashMap;
import java.util.Map;

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
  /** Matches that first reached CONTACTED, INTERVIEW, OFFER, HIRED (or later) this day: 4 entries. */
  public long[] reached = new long[4];
  /** Matches ended without a hire this day (DECLINED, NO_SHOW). */
  public long ended;
  /** Candidates placed this day (PLACED, in their home city). */
  public long peoplePlaced;
  /** Per CSCO code: this day's matches, then stages reached as in {@link #reached}: 5 entries. */
  public Map<String, long[]> stagesByOccupation = new HashMap<>();
  /** Per match day (cohort): stages its matches reached this day, as in {@link #reached}. */
  public Map<Long, long[]> cohortChanges = new HashMap<>();
  /** Match-to-hire durations of this day's hires, milliseconds; first hireCount used. */
  public long[] hireTimes = new long[4];
  public int hireCount;
  /** Revision of the last record sent for this day; 0 before the first. */
  public long revision;
  /** Latest event time counted, epoch milliseconds. */
  public long lastEventTime;
  /** Changed since the last record sent. */
  public boolean dirty;

  public DayFigures() {}

  /**
   * Fills in the funnel's fields when this value was restored from a checkpoint written before they
   * existed (Flink's POJO schema evolution may leave added fields null).
   */
  public DayFigures withFunnel() {
    if (reached == null) reached = new long[4];
    if (stagesByOccupation == null) stagesByOccupation = new HashMap<>();
    if (cohortChanges == null) cohortChanges = new HashMap<>();
    if (hireTimes == null) {
      hireTimes = new long[4];
      hireCount = 0;
    }
    return this;
  }

  public void addHire(long millis) {
    if (hireCount == hireTimes.length) {
      hireTimes = java.util.Arrays.copyOf(hireTimes, hireTimes.length * 2);
    }
    hireTimes[hireCount++] = millis;
  }

  /** The per-occupation funnel entry of a code, made on first use. */
  public long[] stagesOf(String code) {
    return stagesByOccupation.computeIfAbsent(code, c -> new long[5]);
  }

  public void addFill(long millis) {
    if (fillCount == fills.length) {
      fills = java.util.Arrays.copyOf(fills, fills.length * 2);
    }
    fills[fillCount++] = millis;
  }
}
