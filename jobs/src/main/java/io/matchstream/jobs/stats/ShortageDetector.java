package io.matchstream.jobs.stats;

import io.matchstream.events.AlertState;
import io.matchstream.jobs.stats.records.ShortageState;
import java.io.Serializable;

/**
 * SHORTAGE with hysteresis, decided once per closed Shanghai day on the day's closing figures: a
 * city x occupation FIRES after {@code sustain-days} consecutive day closes with the ratio above
 * {@code high}, and RESOLVES only at a day close below {@code low}. Between the two thresholds a
 * firing shortage stays firing, so a ratio wavering around {@code high} does not flap.
 *
 * <p>With no available candidates at all, any number of open vacancies above the minimum is above
 * every threshold. Fewer open vacancies than {@code min-open-vacancies} is never a shortage.
 */
public final class ShortageDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double high;
  private final double low;
  private final int sustainDays;
  private final long minOpen;

  public ShortageDetector(StatsSettings s) {
    this.high = s.shortageHigh();
    this.low = s.shortageLow();
    this.sustainDays = s.shortageDays();
    this.minOpen = s.shortageMinOpen();
  }

  /**
   * The outcome of one day close.
   *
   * @param next the state to keep, or null to drop it
   * @param change FIRING or RESOLVED when the alert changes state, else null
   */
  public record Step(ShortageState next, AlertState change) {}

  public Step onDayClose(ShortageState state, long dayStart, long openVacancies, long seekers) {
    ShortageState s = state == null ? new ShortageState() : state;
    double r = effectiveRatio(openVacancies, seekers);
    if (s.firing) {
      return r < low ? new Step(null, AlertState.RESOLVED) : new Step(s, null);
    }
    if (r <= high) {
      return new Step(null, null);
    }
    if (s.streak == 0) {
      s.since = dayStart;
    }
    s.streak++;
    if (s.streak >= sustainDays) {
      s.firing = true;
      return new Step(s, AlertState.FIRING);
    }
    return new Step(s, null);
  }

  /** Demand over supply for the alert: infinite with no supply, 0 below the minimum demand. */
  private double effectiveRatio(long openVacancies, long seekers) {
    if (openVacancies < Math.max(1, minOpen)) {
      return 0;
    }
    return seekers <= 0 ? Double.POSITIVE_INFINITY : (double) openVacancies / seekers;
  }

  /** The ratio as published: null when there is no supply to divide by. */
  public static Double ratio(long demand, long supply) {
    return supply <= 0 ? null : (double) demand / supply;
  }
}
